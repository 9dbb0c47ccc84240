using ChainTrace.Core.Chains;
using ChainTrace.Index.Clustering;

namespace ChainTrace.Cli.Output;

/// <summary>Progress and the one-line summary of a clustering run.</summary>
public sealed class ClusterPrinter(TextWriter error, Chain chain) : IProgress<ClusterProgress>
{
    private readonly ProgressLine _line = new(error);

    public void Report(ClusterProgress value) =>
        _line.Write(value.Stage == "clusters"
            ? $"cluster {chain.ToCode()}: height {value.Height}, {value.Transactions} tx, {value.Links} links, {value.Elapsed.TotalSeconds:F1} s"
            : $"cluster {chain.ToCode()}: {value.Stage} at height {value.Height}, {value.Transactions} tx, {value.Elapsed.TotalSeconds:F1} s");

    public void Finish() => _line.Finish();

    public static string SummaryLine(Chain chain, ClusterUpdateSummary s) =>
        $"clustered {chain.ToCode()} to height {s.Height}: {s.Blocks} blocks, {s.Transactions} tx ({s.Inputs} inputs), {s.LinksAdded} links added, " +
        $"{s.ReviewsAdded} held for review, {s.BlocksRolledBack} blocks rolled back; {s.Clusters} clusters, largest {s.Largest}; " +
        $"{s.LinkSeconds:F2} s linking, {s.PersistSeconds:F2} s writing";
}
