namespace ChainTrace.Core.Chains;

/// <summary>Which network of a chain an address or block belongs to. Addresses are parsed against one.</summary>
public enum Network : byte
{
    Main = 0,
    Test = 1,
    Regtest = 2,
}
