using System.Runtime.InteropServices;

namespace ChainTrace.Index.Account;

/// <summary>
/// Per transfer, the previous transfer of its sender and of its receiver (-1: none): with the last transfer of each
/// address, every address's transfers form a list walked backwards, so one address's activity costs its own length.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct EthIndexHistory(long PrevFrom, long PrevTo);
