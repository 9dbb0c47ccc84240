using ChainTrace.Core.Chains;

namespace ChainTrace.Labels.Formats;

/// <summary>
/// Which ingested chain a tag's currency (or network) is on. BTC/XBT is Bitcoin, ETH Ethereum; the stablecoins
/// issued as ERC-20 on Ethereum (USDT, USDC, …) count as Ethereum when the address is an Ethereum address. USDT (and
/// OMNI) on a Bitcoin-form address is the Omni Layer, whose tokens move in Bitcoin transactions of that very address:
/// it is a Bitcoin address (OFAC lists three such under USDT only, and they must screen as sanctioned on btc). Tron
/// addresses (T…) and anything else (LTC, TRX, BSC, …) are a currency ChainTrace does not ingest.
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
            "USDT" or "OMNI" when LooksBitcoin(address) => Chain.Btc,
            _ => null,
        };
    }

    /// <summary>The shape of a Bitcoin address (Base58 1…/3…, or bech32 bc1…); the subject parser validates it afterwards.</summary>
    private static bool LooksBitcoin(string address)
    {
        var trimmed = address.Trim();
        return trimmed.StartsWith("bc1", StringComparison.OrdinalIgnoreCase)
            || (trimmed.Length is >= 26 and <= 35 && trimmed[0] is '1' or '3');
    }

    private static bool LooksEthereum(string address)
    {
        var trimmed = address.Trim();
        return trimmed.Length == 42 && trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
    }
}
