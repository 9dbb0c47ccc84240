using System.Globalization;

namespace ChainTrace.Core.Labels;

/// <summary>The totals of an import over all its files, and the one-line summary the CLI and the API print.</summary>
public sealed class LabelImportSummary
{
    /// <param name="propagatedClusters">Clusters this import's cluster-defining labels reached that no label names directly.</param>
    public LabelImportSummary(IReadOnlyList<LabelFileOutcome> files, int propagatedClusters = 0)
    {
        ArgumentNullException.ThrowIfNull(files);
        Files = files;
        Imported = files.Sum(f => f.Imported.Count);
        Addresses = files.SelectMany(f => f.Imported).Where(l => !l.Subject.IsCluster).Select(l => l.Subject).Distinct().Count();
        Clusters = files.SelectMany(f => f.Imported).Where(l => l.Subject.IsCluster).Select(l => l.Subject).Distinct().Count() + propagatedClusters;
        Errors = files.Sum(f => f.Errors.Count);
        SkippedByCurrency = files.Where(f => !f.Rejected)
            .SelectMany(f => f.SkippedByCurrency)
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .Select(g => (Currency: g.Key, Count: g.Sum(p => p.Value)))
            .OrderByDescending(p => p.Count)
            .ThenBy(p => p.Currency, StringComparer.Ordinal)
            .ToList();
    }

    public IReadOnlyList<LabelFileOutcome> Files { get; }

    public int Imported { get; }

    /// <summary>Distinct addresses that received a label.</summary>
    public int Addresses { get; }

    /// <summary>Distinct clusters labelled directly, plus those cluster-defining labels reached when clusters are known.</summary>
    public int Clusters { get; }

    public int Skipped => SkippedByCurrency.Sum(p => p.Count);

    /// <summary>Tags of currencies ChainTrace does not ingest, per currency, most first.</summary>
    public IReadOnlyList<(string Currency, int Count)> SkippedByCurrency { get; }

    public int Errors { get; }

    public bool AnyRejected => Files.Any(f => f.Rejected);

    public string SummaryLine()
    {
        var skipped = string.Join(", ", SkippedByCurrency.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Currency}: {p.Count}")));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"imported {Imported} labels ({Addresses} addresses, {Clusters} clusters), skipped {Skipped} ({skipped}), errors {Errors}");
    }
}
