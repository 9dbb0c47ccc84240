namespace ChainTrace.Core.Labels;

/// <summary>
/// The category taxonomy of DESIGN.md: the GraphSense concepts / INTERPOL DW-VA entity and abuse names, each
/// with a default severity, plus the synonyms other sources use (the simulator's <c>hacking</c>, OFAC's
/// sanctions list, Etherscan's <c>blocked</c>). Matching ignores case, spaces and hyphens.
/// </summary>
public static class LabelTaxonomy
{
    private static readonly List<LabelCategory> Ordered = [];
    private static readonly Dictionary<string, LabelCategory> ByName = new(StringComparer.Ordinal);

    public static readonly LabelCategory Unknown = Add("unknown", Severity.None, "Unknown");
    public static readonly LabelCategory User = Add("user", Severity.None, "User");
    public static readonly LabelCategory Victim = Add("victim", Severity.None, "Victim");
    public static readonly LabelCategory Organization = Add("organization", Severity.None, "Organization");
    public static readonly LabelCategory Service = Add("service", Severity.Low, "Service");
    public static readonly LabelCategory Exchange = Add("exchange", Severity.Low, "Exchange", "cex", "fiat_gateway", "hot_wallet_exchange");
    public static readonly LabelCategory WalletService = Add("wallet_service", Severity.Low, "Wallet service", "custodial_wallet", "escrow_wallet", "ico_wallet");
    public static readonly LabelCategory PaymentProcessor = Add("payment_processor", Severity.Low, "Payment processor", "payments");
    public static readonly LabelCategory Miner = Add("miner", Severity.Low, "Miner", "mining_pool", "mining_service", "mining");
    public static readonly LabelCategory Defi = Add("defi", Severity.Low, "DeFi", "defi_dex", "defi_lending", "defi_derivative", "dex", "index", "collectible", "token", "faucet");
    public static readonly LabelCategory Bridge = Add("bridge", Severity.Low, "Bridge", "defi_bridge");
    public static readonly LabelCategory Gambling = Add("gambling", Severity.Medium, "Gambling service");
    public static readonly LabelCategory CoinJoin = Add("coinjoin", Severity.Medium, "CoinJoin");
    public static readonly LabelCategory Shop = Add("shop", Severity.Low, "Shop", "filesharing", "messaging_service", "search_engine", "donation");
    public static readonly LabelCategory MixingService = Add("mixing_service", Severity.High, "Mixing service", "mixer", "mixing", "tumbler");
    public static readonly LabelCategory BlackList = Add("black_list", Severity.High, "Blocked by an issuer", "blacklist", "blocked");
    public static readonly LabelCategory Scam = Add("scam", Severity.High, "Scam", "fraud", "investment_fraud", "financial_crime", "money_laundering", "payment_card_fraud", "social_engineering");
    public static readonly LabelCategory Phishing = Add("phishing", Severity.High, "Phishing");
    public static readonly LabelCategory PonziScheme = Add("ponzi_scheme", Severity.High, "Ponzi scheme", "pyramid_scheme");
    public static readonly LabelCategory Extortion = Add("extortion", Severity.High, "Extortion", "sextortion");
    public static readonly LabelCategory Perpetrator = Add("perpetrator", Severity.High, "Perpetrator", "vendor", "abuse");
    public static readonly LabelCategory Market = Add("market", Severity.High, "Darknet market", "darknet_market", "dark_web");
    public static readonly LabelCategory Ransomware = Add("ransomware", Severity.Severe, "Ransomware");
    public static readonly LabelCategory ServiceHack = Add("service_hack", Severity.Severe, "Hacking / service hack", "hacking", "hack", "hacker", "heist", "exploit");
    public static readonly LabelCategory Sanction = Add("sanction", Severity.Severe, "Sanctioned", "sanctions", "ofac", "ofac_sanctions_list");
    public static readonly LabelCategory TerrorismFinancing = Add("terrorism_financing", Severity.Severe, "Terrorism financing", "terrorism", "extremism");
    public static readonly LabelCategory ChildSexualAbuse = Add("child_sexual_abuse", Severity.Severe, "Child sexual abuse", "csam", "sexual_abuse");

    public static IReadOnlyList<LabelCategory> All => Ordered;

    /// <summary>Finds the category for a concept name or synonym (<c>Mixing Service</c>, <c>mixing-service</c> → <c>mixing_service</c>).</summary>
    public static bool TryFind(string? name, out LabelCategory category)
    {
        category = Unknown;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        // An id as stored (the common case, on the screening path) is found without normalising a copy.
        if (ByName.TryGetValue(name, out var found) || ByName.TryGetValue(Normalize(name), out found))
        {
            category = found;
            return true;
        }

        return false;
    }

    /// <exception cref="FormatException">the name is in no category of the taxonomy.</exception>
    public static LabelCategory Parse(string name) =>
        TryFind(name, out var category)
            ? category
            : throw new FormatException($"unknown category '{name}': expected one of {string.Join(", ", Ordered.Select(c => c.Id))}");

    private static string Normalize(string name) =>
        name.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');

    private static LabelCategory Add(string id, Severity severity, string title, params string[] synonyms)
    {
        var category = new LabelCategory(id, severity, title);
        Ordered.Add(category);
        ByName.Add(id, category);
        foreach (var synonym in synonyms)
        {
            ByName.Add(synonym, category);
        }

        return category;
    }
}
