using ChainTrace.Index.Account;
using ChainTrace.Index.Clustering;
using ChainTrace.Index.Utxo;

namespace ChainTrace.Index.Service;

/// <summary>
/// One chain's opened read model and clusters, with the members of each cluster (CSR by cluster id) built on open and
/// the links of each cluster (CSR, in link order) built on first use, so a summary or a page of links reads only the
/// cluster's own links instead of scanning all of them.
/// </summary>
internal sealed class ChainClusters : IDisposable
{
    public ChainClusters(UtxoIndex? utxo, EthIndex? eth, ClusterStore clusters)
    {
        Utxo = utxo;
        Eth = eth;
        Clusters = clusters;
        var count = clusters.Forest.Count;
        MemberStart = new int[count + 1];
        Members = new int[count];
        var parents = clusters.Forest.Parents;
        for (var a = 0; a < count; a++)
        {
            MemberStart[parents[a] + 1]++;
        }

        for (var c = 0; c < count; c++)
        {
            MemberStart[c + 1] += MemberStart[c];
        }

        var fill = (int[])MemberStart.Clone();
        for (var a = 0; a < count; a++)
        {
            Members[fill[parents[a]]++] = a;
        }
    }

    public UtxoIndex? Utxo { get; }

    public EthIndex? Eth { get; }

    public ClusterStore Clusters { get; }

    /// <summary>Members of cluster c are <c>Members[MemberStart[c]..MemberStart[c + 1]]</c>, ascending.</summary>
    public int[] MemberStart { get; }

    public int[] Members { get; }

    public DateTime StateWritten { get; init; }

    /// <summary>The sequence numbers of the links inside cluster <paramref name="root"/>, ascending.</summary>
    public ReadOnlySpan<int> LinksOf(int root)
    {
        if (_links is null)
        {
            BuildLinks();
        }

        return _links.AsSpan(_linkStart![root], _linkStart[root + 1] - _linkStart[root]);
    }

    public int AddressCount => Clusters.Forest.Count;

    public ReadOnlySpan<byte> Key(int address) => Utxo is not null ? Utxo.AddressKey(address) : Eth!.AddressKey(address);

    public int Find(ReadOnlySpan<byte> key) => Utxo is not null ? Utxo.FindAddress(key) : Eth!.FindAddress(key);

    private int[]? _linkStart;
    private int[]? _links;

    private void BuildLinks()
    {
        var forest = Clusters.Forest;
        var count = checked((int)Clusters.LinkCount);
        var roots = new int[count];
        var start = new int[forest.Count + 1];
        for (var i = 0; i < count; i++)
        {
            roots[i] = forest.Find(Clusters.Link(i).A);
            start[roots[i] + 1]++;
        }

        for (var c = 0; c < forest.Count; c++)
        {
            start[c + 1] += start[c];
        }

        var fill = (int[])start.Clone();
        var links = new int[count];
        for (var i = 0; i < count; i++)
        {
            links[fill[roots[i]]++] = i;
        }

        _linkStart = start;
        _links = links;
    }

    public void Dispose()
    {
        Utxo?.Dispose();
        Eth?.Dispose();
        Clusters.Dispose();
    }
}
