using ChainTrace.Core.Chains;

namespace ChainTrace.Core.Labels;

/// <summary>
/// Points every cluster-defining label at its address's current cluster, so the cluster's other addresses
/// inherit it. Run after an import and after clustering changes; running it twice changes nothing.
/// </summary>
public sealed class LabelClusterPropagator(ILabelStore store, IClusterOfAddress clusters)
{
    /// <returns>The number of distinct clusters that carry at least one propagated label.</returns>
    public async Task<int> PropagateAsync(CancellationToken cancellationToken)
    {
        var reached = new HashSet<(Chain, long)>();
        foreach (var chain in Enum.GetValues<Chain>())
        {
            var assignments = new List<ClusterAssignment>();
            foreach (var definer in await store.GetClusterDefinersAsync(chain, cancellationToken).ConfigureAwait(false))
            {
                var address = definer.Label.Subject.Address;
                var cluster = address is null ? null : await clusters.GetClusterIdAsync(address, cancellationToken).ConfigureAwait(false);
                if (cluster is { } id)
                {
                    reached.Add((chain, id));
                }

                if (cluster != definer.PropagatedCluster)
                {
                    assignments.Add(new ClusterAssignment(definer.Id, cluster));
                }
            }

            if (assignments.Count > 0)
            {
                await store.SetPropagatedClustersAsync(assignments, cancellationToken).ConfigureAwait(false);
            }
        }

        return reached.Count;
    }
}
