namespace ChainTrace.Core.Chains;

public static class ChainCodes
{
    public static string ToCode(this Chain chain) => chain switch
    {
        Chain.Btc => "btc",
        Chain.Eth => "eth",
        _ => throw new ArgumentOutOfRangeException(nameof(chain), chain, "unknown chain"),
    };

    public static bool TryParse(string? code, out Chain chain)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "btc": chain = Chain.Btc; return true;
            case "eth": chain = Chain.Eth; return true;
            default: chain = default; return false;
        }
    }

    /// <exception cref="UnknownChainException">the code names no supported chain.</exception>
    public static Chain Parse(string? code) =>
        TryParse(code, out var chain) ? chain : throw new UnknownChainException(code);
}
