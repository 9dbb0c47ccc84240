using System.Globalization;

namespace ChainTrace.Core.Labels;

/// <summary>
/// The GraphSense TagPack confidence list (ownership 100 … heuristic 10, unknown 5; tagpack-tool 23.x). A plain number 0–100 is
/// also accepted for sources that rate their labels themselves.
/// </summary>
public static class TagPackConfidence
{
    public static readonly Confidence Override = new("override", 100);
    public static readonly Confidence Ownership = new("ownership", 100);
    public static readonly Confidence LedgerImmanent = new("ledger_immanent", 100);
    public static readonly Confidence ManualTransaction = new("manual_transaction", 90);
    public static readonly Confidence ServiceApi = new("service_api", 70);
    public static readonly Confidence ForensicInvestigation = new("forensic_investigation", 70);
    public static readonly Confidence AuthorityData = new("authority_data", 60);
    public static readonly Confidence TrustedProvider = new("trusted_provider", 50);
    public static readonly Confidence ServiceData = new("service_data", 50);
    public static readonly Confidence Forensic = new("forensic", 50);
    public static readonly Confidence UntrustedTransaction = new("untrusted_transaction", 40);
    public static readonly Confidence WebCrawl = new("web_crawl", 20);
    public static readonly Confidence Heuristic = new("heuristic", 10);
    public static readonly Confidence Unknown = new("unknown", 5);

    public static IReadOnlyList<Confidence> All { get; } =
    [
        Override, Ownership, LedgerImmanent, ManualTransaction, ServiceApi, ForensicInvestigation, AuthorityData, TrustedProvider, ServiceData, Forensic,
        UntrustedTransaction, WebCrawl, Heuristic, Unknown,
    ];

    public static bool TryParse(string? text, out Confidence confidence)
    {
        confidence = Unknown;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }

        foreach (var known in All)
        {
            if (string.Equals(known.Id, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                confidence = known;
                return true;
            }
        }

        if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var level) && level <= 100)
        {
            confidence = new Confidence(level.ToString(CultureInfo.InvariantCulture), level);
            return true;
        }

        return false;
    }

    public static string Describe() => string.Join(", ", All.Select(c => c.Id)) + " or a number 0-100";
}
