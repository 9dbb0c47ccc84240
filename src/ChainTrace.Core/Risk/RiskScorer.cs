using System.Globalization;
using ChainTrace.Core.Labels;

namespace ChainTrace.Core.Risk;

/// <summary>
/// Turns labels, exposures and the model's probability into a score 0–100 with reasons (DESIGN.md "Risk"). Each
/// source gives points; the score is the largest, so one strong reason is never diluted by weak ones:
/// a label gives its category's severity (a sanctioned entity is severe); an exposure gives its category's severity
/// scaled by its share (indirect counts less); the model gives its probability. Discounted dust gives nothing and
/// is named.
/// </summary>
public static class RiskScorer
{
    /// <summary>Labels below this confidence level (0–100) cannot alone make a score that blocks.</summary>
    public const int LowConfidence = 50;

    /// <summary>Exposure below this share is noise: it is listed but gives no points.</summary>
    public const double MinShare = 0.001;

    /// <summary>
    /// Categories whose payers are mostly their victims: a ransom paid, money sent to a scam or a phishing site, a wallet
    /// drained by a hacker. Value an address sent to one of them makes it at most medium on its own (its own labels, its
    /// incoming exposure and the model still count in full), so victims are not scored as the criminals they paid; the
    /// policy's per-category rules can still ask for a review. Paying a sanctioned entity, a darknet market, a mixer or
    /// terrorism financing is the payer's own act and counts in full.
    /// </summary>
    public static readonly IReadOnlySet<string> PaidByVictims = new HashSet<string>(StringComparer.Ordinal)
    {
        LabelTaxonomy.Ransomware.Id, LabelTaxonomy.ServiceHack.Id, LabelTaxonomy.Scam.Id, LabelTaxonomy.Phishing.Id,
        LabelTaxonomy.PonziScheme.Id, LabelTaxonomy.Extortion.Id,
    };

    /// <summary>The most points outgoing exposure to a <see cref="PaidByVictims"/> category gives: the top of medium.</summary>
    public const int VictimPaymentPoints = 60;

    public static RiskScore Score(RiskFacts facts, IReadOnlyList<RiskLabel> labels)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(labels);
        var reasons = new List<(RiskReason Reason, bool LowConfidenceLabel)>();
        foreach (var label in labels)
        {
            var points = LabelPoints(label.Category.DefaultSeverity);
            if (points == 0)
            {
                continue;
            }

            var via = label.ViaCluster ? "its cluster is" : "the address is";
            reasons.Add((new RiskReason("label", label.Category.Id, points,
                $"{via} labelled {label.Category.LowerTitle} ('{label.Text}', {label.Source}, confidence {label.Confidence})"),
                label.Confidence < LowConfidence));
        }

        foreach (var e in facts.Exposures)
        {
            if (!LabelTaxonomy.TryFind(e.Category, out var category) || e.Share < MinShare)
            {
                continue;
            }

            var points = (int)Math.Round(ExposurePoints(category.DefaultSeverity) * (e.Type == ExposureType.Direct ? 1.0 : 0.6) * Math.Min(1.0, 0.5 + e.Share));
            var victim = e.Direction == ExposureDirection.Outgoing && PaidByVictims.Contains(category.Id) && points > VictimPaymentPoints;
            if (victim)
            {
                points = VictimPaymentPoints;
            }

            if (points > 0)
            {
                var direction = e.Direction == ExposureDirection.Incoming ? "of received value came from" : "of sent value went to";
                var detail = string.Create(CultureInfo.InvariantCulture, $"{e.Share:P1} {direction} {category.LowerTitle} ({TypeName(e.Type)})");
                reasons.Add((new RiskReason("exposure", category.Id, points,
                    victim ? detail + ": paying it is what its victims do (a ransom, a scam, a drain), so it counts as medium at most" : detail), false));
            }
        }

        if (facts.ModelProbability is { } p)
        {
            var points = (int)Math.Round(p * 80);
            reasons.Add((new RiskReason("model", null, points, string.Create(CultureInfo.InvariantCulture, $"the behaviour model gives an illicit probability of {p:0.000}")), false));
        }

        foreach (var d in facts.Discounted)
        {
            reasons.Add((new RiskReason("dust_discounted", d.Category, 0,
                $"{d.Amount} base units in {d.Outputs} output(s) from {d.Category} ({TypeName(d.Type)}) discounted: {d.Reason}"), false));
        }

        // Strongest first, by code among equals, and otherwise in the order found (a stable sort).
        var order = new int[reasons.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var byPoints = reasons[b].Reason.Points.CompareTo(reasons[a].Reason.Points);
            if (byPoints != 0)
            {
                return byPoints;
            }

            var byCode = string.CompareOrdinal(reasons[a].Reason.Code, reasons[b].Reason.Code);
            return byCode != 0 ? byCode : a.CompareTo(b);
        });
        var ordered = new List<RiskReason>(order.Length);
        var strongestTrusted = 0;
        foreach (var i in order)
        {
            ordered.Add(reasons[i].Reason);
            if (!reasons[i].LowConfidenceLabel)
            {
                strongestTrusted = Math.Max(strongestTrusted, reasons[i].Reason.Points);
            }
        }

        var score = ordered.Count == 0 ? 0 : Math.Clamp(ordered[0].Points, 0, 100);
        var level = LevelOf(score);
        var lowOnly = ordered.Count > 0 && reasons[order[0]].LowConfidenceLabel && LevelOf(strongestTrusted) < level;
        return new RiskScore(score, level, ordered, lowOnly);
    }

    private static string TypeName(ExposureType type) => type == ExposureType.Direct ? "direct" : "indirect";

    public static RiskLevel LevelOf(int score) => score switch
    {
        >= 85 => RiskLevel.Severe,
        >= 65 => RiskLevel.High,
        >= 35 => RiskLevel.Medium,
        _ => RiskLevel.Low,
    };

    /// <summary>Points for a label of this severity: severe (sanctions, ransomware, hacks) is above the severe line.</summary>
    public static int LabelPoints(Severity severity) => severity switch
    {
        Severity.Severe => 95,
        Severity.High => 75,
        Severity.Medium => 45,
        _ => 0,
    };

    /// <summary>Points for full exposure to a category of this severity (scaled down by share and hops).</summary>
    public static int ExposurePoints(Severity severity) => severity switch
    {
        Severity.Severe => 90,
        Severity.High => 70,
        Severity.Medium => 40,
        _ => 0,
    };
}
