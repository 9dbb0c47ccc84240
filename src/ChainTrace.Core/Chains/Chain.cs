namespace ChainTrace.Core.Chains;

/// <summary>The chains ChainTrace understands. The code (<c>btc</c>, <c>eth</c>) is what URLs and the CLI use.</summary>
public enum Chain : byte
{
    Btc = 1,
    Eth = 2,
}
