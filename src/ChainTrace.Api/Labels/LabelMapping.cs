using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;

namespace ChainTrace.Api.Labels;

internal static class LabelMapping
{
    public static LabelDto ToDto(this StoredLabel stored, LabelVia via, long? cluster)
    {
        var label = stored.Label;
        return new LabelDto(
            stored.Id,
            label.Subject.Chain.ToCode(),
            label.Subject.ToString(),
            via == LabelVia.Cluster ? "cluster" : "address",
            cluster ?? label.Subject.ClusterId ?? stored.PropagatedCluster,
            label.Category.Id,
            label.Severity.ToString().ToLowerInvariant(),
            label.Text,
            label.Actor is { } actor ? new LabelActorDto(actor.Id, actor.Name) : null,
            label.Source,
            label.Pack,
            label.Line,
            new ConfidenceDto(label.Confidence.Id, label.Confidence.Level),
            label.IsClusterDefiner,
            label.SourceCategory,
            label.Context);
    }

    public static LabelImportDto ToDto(this LabelImportSummary summary) => new(
        summary.SummaryLine(),
        summary.Imported,
        summary.Addresses,
        summary.Clusters,
        summary.SkippedByCurrency.ToDictionary(p => p.Currency, p => p.Count, StringComparer.Ordinal),
        summary.Files.Select(f => new LabelFileDto(f.File, f.Format, f.Imported.Count, f.Actors, f.Rejected)).ToList(),
        summary.Files.SelectMany(f => f.Errors).Select(e => new LabelLineErrorDto(e.File, e.Line, e.Message)).ToList());
}
