namespace ChainTrace.Core.Chains;

public sealed class UnknownChainException(string? code)
    : FormatException($"unknown chain '{code}': supported chains are btc, eth")
{
    public string? Code { get; } = code;
}
