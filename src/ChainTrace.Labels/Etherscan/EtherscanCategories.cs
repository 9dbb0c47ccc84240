using ChainTrace.Core.Labels;

namespace ChainTrace.Labels.Etherscan;

/// <summary>
/// Etherscan account labels (the file names of brianleect/etherscan-labels) mapped onto the taxonomy: the
/// exchanges, mixers, sanctions and blocklists by name, the rest as services, DeFi or unknown.
/// </summary>
internal static class EtherscanCategories
{
    private static readonly HashSet<string> Exchanges = new(StringComparer.OrdinalIgnoreCase)
    {
        "abcc", "allbit", "ascendex", "bgogo", "binance", "binance-deposit", "bitcoin-suisse", "bitfinex", "bitmart", "bitmex",
        "bitpie", "bittrex", "changenow", "cobinhood", "coinbase", "coinbit", "coinhako", "coinlist", "coinmetro", "coinone",
        "coinsquare", "coss-io", "crex24", "crypto-com", "deribit", "digifinex", "fiat-gateway", "ftx", "hoo-com", "hot-wallet",
        "hotbit", "huobi", "korbit", "kryptono", "kucoin", "latoken", "liquid", "maskex", "nexo", "okx", "paribu", "remitano",
        "resfinex", "shapeshift", "tidex", "topbtc", "trade-io", "wirex", "yunbi", "zb-com", "otc",
    };

    private static readonly Dictionary<string, LabelCategory> Named = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tornado-cash"] = LabelTaxonomy.MixingService,
        ["ethereum-mixer"] = LabelTaxonomy.MixingService,
        ["ofac-sanctions-lists"] = LabelTaxonomy.Sanction,
        ["blocked"] = LabelTaxonomy.BlackList,
        ["bancor-contract-vulnerability"] = LabelTaxonomy.ServiceHack,
        ["parity-bug"] = LabelTaxonomy.ServiceHack,
        ["gambling"] = LabelTaxonomy.Gambling,
        ["etheroll"] = LabelTaxonomy.Gambling,
        ["fomo3d"] = LabelTaxonomy.Gambling,
        ["zethr"] = LabelTaxonomy.Gambling,
        ["mining"] = LabelTaxonomy.Miner,
        ["f2pool"] = LabelTaxonomy.Miner,
        ["miningpoolhub"] = LabelTaxonomy.Miner,
        ["bridge"] = LabelTaxonomy.Bridge,
        ["wormhole"] = LabelTaxonomy.Bridge,
        ["multichain"] = LabelTaxonomy.Bridge,
        ["hop-protocol"] = LabelTaxonomy.Bridge,
        ["across-protocol"] = LabelTaxonomy.Bridge,
        ["synapse"] = LabelTaxonomy.Bridge,
        ["celer-network"] = LabelTaxonomy.Bridge,
        ["connext"] = LabelTaxonomy.Bridge,
        ["payments"] = LabelTaxonomy.PaymentProcessor,
        ["flexa"] = LabelTaxonomy.PaymentProcessor,
        ["wallet-app"] = LabelTaxonomy.WalletService,
        ["metamask"] = LabelTaxonomy.WalletService,
        ["myetherwallet"] = LabelTaxonomy.WalletService,
        ["authereum"] = LabelTaxonomy.WalletService,
        ["defi"] = LabelTaxonomy.Defi,
        ["dex"] = LabelTaxonomy.Defi,
    };

    private static readonly string[] DefiWords = ["swap", "finance", "protocol", "dao", "-fi", "dex", "lending", "vault", "yield", "farming", "liquidity", "staking", "loans"];

    public static LabelCategory For(string label)
    {
        if (Exchanges.Contains(label))
        {
            return LabelTaxonomy.Exchange;
        }

        if (Named.TryGetValue(label, out var named))
        {
            return named;
        }

        return DefiWords.Any(w => label.Contains(w, StringComparison.OrdinalIgnoreCase)) ? LabelTaxonomy.Defi : LabelTaxonomy.Unknown;
    }
}
