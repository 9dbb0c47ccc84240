using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;

namespace ChainTrace.Core.Labels;

/// <summary>
/// Where labels live. Every label keeps its source, pack and line; labels that disagree about a subject are all
/// kept. A pack is written whole or not at all.
/// </summary>
public interface ILabelStore
{
    /// <summary>Replaces everything imported before under <paramref name="pack"/>'s name with these labels and actors, atomically.</summary>
    Task ReplacePackAsync(LabelPack pack, IReadOnlyList<Label> labels, IReadOnlyList<Actor> actors, CancellationToken cancellationToken);

    /// <summary>The known actors among <paramref name="ids"/>.</summary>
    Task<IReadOnlyDictionary<string, Actor>> GetActorsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>Labels whose subject is this address.</summary>
    Task<IReadOnlyList<StoredLabel>> GetByAddressAsync(Address address, CancellationToken cancellationToken);

    /// <summary>Labels whose subject is this cluster, and cluster-defining labels propagated to it.</summary>
    Task<IReadOnlyList<StoredLabel>> GetByClusterAsync(Chain chain, long clusterId, CancellationToken cancellationToken);

    /// <summary>
    /// The distinct gists of <see cref="GetByClusterAsync"/>'s labels, each where its first label is in that order:
    /// what a screening needs of a cluster. A store answers it without reading every label (an exchange's cluster
    /// carries one per deposit address); this default derives it from them.
    /// </summary>
    async Task<IReadOnlyList<LabelGist>> GetGistsByClusterAsync(Chain chain, long clusterId, CancellationToken cancellationToken) =>
        (await GetByClusterAsync(chain, clusterId, cancellationToken).ConfigureAwait(false)).Select(l => LabelGist.Of(l.Label)).Distinct().ToList();

    Task<LabelPage> ListAsync(LabelQuery query, CancellationToken cancellationToken);

    /// <summary>The cluster-defining address labels of a chain, to propagate once clusters are known.</summary>
    Task<IReadOnlyList<StoredLabel>> GetClusterDefinersAsync(Chain chain, CancellationToken cancellationToken);

    Task SetPropagatedClustersAsync(IReadOnlyList<ClusterAssignment> assignments, CancellationToken cancellationToken);

    /// <summary>A number that changes whenever <see cref="SetPropagatedClustersAsync"/> moves a label to another cluster (or off one).</summary>
    Task<long> GetPropagationVersionAsync(CancellationToken cancellationToken);

    /// <summary>A digest of the imported packs (names and contents): the label-set version a derived answer cites.</summary>
    Task<string> GetLabelSetVersionAsync(CancellationToken cancellationToken);
}
