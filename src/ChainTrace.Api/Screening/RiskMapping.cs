using System.Globalization;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Risk;
using ChainTrace.Risk;

namespace ChainTrace.Api.Screening;

/// <summary>Maps a <see cref="RiskAnswer"/> to the API's shapes: ChainTrace's own and the Chainalysis-compatible ones.</summary>
public static class RiskMapping
{
    public static RiskDto ToDto(RiskAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var facts = answer.Facts ?? RiskFacts.None;
        string? note = answer.Facts is not null ? null
            : answer.Seen ? $"{answer.StoredTransactions} stored transaction(s) but none moved value to or from it: no exposure; labels still apply"
            : answer.Snapshot is null
                ? "no risk refresh has run yet: no history is known; labels still apply"
                : $"never seen on chain up to height {answer.Snapshot.Height}: no history; labels still apply";
        return new RiskDto(
            answer.Address.Chain.ToCode(),
            answer.Address.ToString()!,
            answer.Seen,
            note,
            answer.Score.Score,
            Lower(answer.Score.Level),
            Lower(answer.Decision),
            answer.DecisionReasons,
            facts.ClusterId,
            facts.Received.ToString(CultureInfo.InvariantCulture),
            facts.Sent.ToString(CultureInfo.InvariantCulture),
            facts.Exposures.Select(e => new ExposureDto(e.Category, Lower(e.Direction), Lower(e.Type), e.Amount.ToString(CultureInfo.InvariantCulture), e.Share)).ToList(),
            facts.Discounted.Select(d => new DiscountedDto(d.Category, Lower(d.Type), d.Amount.ToString(CultureInfo.InvariantCulture), d.Outputs, d.Reason)).ToList(),
            answer.Labels.Select(l => new RiskLabelDto(l.Category.Id, l.Text, l.Source, l.Confidence, l.ViaCluster ? "cluster" : "address")).ToList(),
            facts.ModelProbability is { } p
                ? new RiskModelDto(answer.Snapshot?.ModelVersion, p, (facts.TopFeatures ?? []).Select(f => new FeatureDto(f.Feature, f.Value, f.Contribution)).ToList())
                : null,
            answer.Score.Reasons.Select(r => new RiskReasonDto(r.Code, r.Category, r.Points, r.Detail)).ToList(),
            answer.Snapshot?.Height,
            answer.Snapshot?.ComputedAt);
    }

    /// <summary>Sanctions identifications: every sanction label of the address or its cluster.</summary>
    public static SanctionsResponse ToSanctions(RiskAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new SanctionsResponse(answer.Labels
            .Where(l => l.Category.Id == "sanction")
            .Select(l => new SanctionIdentification("sanctions", l.Text, $"Listed by {l.Source}", Uri.TryCreate(l.Source, UriKind.Absolute, out var uri) ? uri.ToString() : null))
            .DistinctBy(i => (i.Name, i.Url))
            .ToList());
    }

    public static EntityRiskResponse ToEntity(RiskAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var facts = answer.Facts ?? RiskFacts.None;
        var top = answer.Labels.OrderByDescending(l => l.Category.DefaultSeverity).FirstOrDefault();
        var reason = answer.Score.Reasons.FirstOrDefault(r => r.Points > 0);
        return new EntityRiskResponse(
            answer.Address.ToString()!,
            answer.Score.Level.ToString(),
            reason?.Detail,
            top is null ? null : new EntityCluster(top.Text, top.Category.Id),
            facts.Exposures.Select(e => new EntityExposure(e.Category, e.Amount, Lower(e.Type), e.Direction == ExposureDirection.Incoming ? "received" : "sent")).ToList(),
            answer.Score.Reasons.Where(r => r.Code == "exposure" && r.Points >= 35)
                .Select(r => new EntityTrigger(r.Category!, Share(facts, r.Category!), r.Detail, $"{r.Category} exposure")).ToList(),
            "COMPLETE");
    }

    private static double Share(RiskFacts facts, string category) =>
        facts.Exposures.Where(e => e.Category == category).Select(e => e.Share).DefaultIfEmpty(0).Max();

    /// <summary>An enum value's name in lower case, made once per value (a screening names a dozen of them).</summary>
    private static string Lower<T>(T value)
        where T : struct, Enum => LowerNames<T>.Of(value);

    private static class LowerNames<T>
        where T : struct, Enum
    {
        private static readonly Dictionary<T, string> Names = Enum.GetValues<T>().Distinct().ToDictionary(v => v, v => v.ToString().ToLowerInvariant());

        public static string Of(T value) => Names.TryGetValue(value, out var name) ? name : value.ToString().ToLowerInvariant();
    }
}
