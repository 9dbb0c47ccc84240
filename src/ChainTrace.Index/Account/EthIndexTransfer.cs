using System.Runtime.InteropServices;

namespace ChainTrace.Index.Account;

/// <summary>One transfer of the account read model: dense address ids, asset (0 native ether, else 1 + the token contract's address id), value in base units (128 bits, saturated).</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct EthIndexTransfer(int From, int To, int Asset, long Height, ulong ValueLow, ulong ValueHigh, Utxo.HashBytes Tx)
{
    public UInt128 Value => new(ValueHigh, ValueLow);
}
