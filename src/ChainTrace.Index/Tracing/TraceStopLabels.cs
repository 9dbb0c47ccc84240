using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;

namespace ChainTrace.Index.Tracing;

/// <summary>The labels in the stop categories of one chain, loaded before a walk (the walk itself does no I/O).</summary>
internal sealed class TraceStopLabels
{
    public List<(byte[] Key, Label Label)> ByAddress { get; } = [];

    public List<(long Cluster, Label Label)> ByCluster { get; } = [];

    public static async Task<TraceStopLabels> LoadAsync(ILabelStore store, Chain chain, IReadOnlyList<LabelCategory> categories, CancellationToken cancellationToken)
    {
        var loaded = new TraceStopLabels();
        foreach (var category in categories)
        {
            long after = -1;
            while (true)
            {
                var page = await store.ListAsync(new LabelQuery(chain, category, after, 1000), cancellationToken).ConfigureAwait(false);
                foreach (var stored in page.Items)
                {
                    var label = stored.Label;
                    if (label.Subject.Address is { } address)
                    {
                        loaded.ByAddress.Add((address.KeyToArray(), label));
                    }

                    if ((label.Subject.ClusterId ?? stored.PropagatedCluster) is { } cluster)
                    {
                        loaded.ByCluster.Add((cluster, label));
                    }
                }

                if (page.NextAfter is not { } next)
                {
                    break;
                }

                after = next;
            }
        }

        return loaded;
    }
}
