using System.Runtime.InteropServices;

namespace ChainTrace.Index.Account;

/// <summary>A block of the account read model: where its transfers and new addresses start (the cut points of a rollback), and its hash.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public struct EthIndexBlock
{
    public long Height;
    public long FirstTransfer;
    public int FirstAddress;
    public long FirstKeyByte;
    public Utxo.HashBytes Hash;
}
