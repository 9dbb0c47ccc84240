using ChainTrace.Core.Chains;

namespace ChainTrace.Labels.Formats;

/// <summary>
/// Which ingested chain a tag's currency (or network) is on. BTC/XBT is Bitcoin, ETH Ethereum; the stablecoins
/// issued as ERC-20 on Ethereum (USDT, USDC, …) count as Ethereum when the address is an Ethereum address —
/// their Tron and Omni addresses are not. Anything else (LTC, TRX, BSC, …) is a currency ChainTrace does not ingest.
/// </summary>
internal static class CurrencyMap
{
    private static readonly HashSet<string> EthereumTokens = new(StringComparer.Ordinal) { "USDT", "USDC", "DAI", "WBTC", "WETH", "TUSD", "BUSD", "PAX" };

    public static string Normalize(string? currency) => (currency ?? "").Trim().ToUpperInvariant();

    public static Chain? Resolve(string currency, string? network, string address)
    {
        var code = Normalize(string.IsNullOrWhiteSpace(network) ? currency : network);
        return code switch
        {
            "BTC" or "XBT" => Chain.Btc,
            "ETH" => Chain.Eth,
            _ when EthereumTokens.Contains(code) && LooksEthereum(address) => Chain.Eth,
            _ => null,
        };
    }

    private static bool LooksEthereum(string address)
    {
        var trimmed = address.Trim();
        return trimmed.Length == 42 && trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
    }
}
