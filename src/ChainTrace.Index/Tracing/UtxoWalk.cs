using System.Globalization;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Tracing;
using ChainTrace.Index.Service;
using ChainTrace.Index.Utxo;

namespace ChainTrace.Index.Tracing;

/// <summary>One trace over an opened Bitcoin read model: resolve the start, build the stops, walk, name the result.</summary>
internal sealed class UtxoWalk
{
    public (string Code, string Message)? Error { get; private init; }

    public UtxoTraceRun? Result { get; private init; }

    public string Start { get; private init; } = "";

    public string Status { get; private init; } = "complete";

    public long DataHeight { get; private init; } = -1;

    public List<NamedEdge> Edges { get; } = [];

    public List<TraceEndpointView> Endpoints { get; } = [];

    public static UtxoWalk Execute(ChainClusters open, TraceParameters parameters, Network network, TraceStopLabels labels, int superclusterThreshold)
    {
        var index = open.Utxo!;
        var height = index.Tip?.Height ?? -1;
        var forest = open.Clusters.Forest;
        if (ResolveStart(open, parameters.Start, network) is not { } resolved)
        {
            return new UtxoWalk { Error = ("bad-start", $"start '{parameters.Start}' is not a Bitcoin address, cluster:<id> or <txid>:<vout>") };
        }

        var (start, canonical, known) = resolved;
        if (!known)
        {
            return new UtxoWalk { Start = canonical, Status = "no_activity", DataHeight = height };
        }

        var stopAddresses = new HashSet<int>();
        var stopClusters = new HashSet<int>();
        var labelsOfAddress = new Dictionary<int, List<string>>();
        var labelsOfCluster = new Dictionary<int, List<string>>();
        var categoryOf = new Dictionary<int, string>();
        foreach (var (key, label) in labels.ByAddress)
        {
            var id = index.FindAddress(key);
            if (id >= 0 && !start.Addresses.Contains(id))
            {
                stopAddresses.Add(id);
                Add(labelsOfAddress, id, label.Text);
                categoryOf.TryAdd(id, label.Category.Id);
            }
        }

        foreach (var (cluster, label) in labels.ByCluster)
        {
            if (cluster >= 0 && cluster < forest.Count)
            {
                var root = forest.Find((int)cluster);
                stopClusters.Add(root);
                Add(labelsOfCluster, root, label.Text);
                categoryOf.TryAdd(-1 - root, label.Category.Id);
            }
        }

        var graph = new UtxoFlowGraph(index);
        var stops = new TraceStops(forest, stopAddresses, stopClusters, superclusterThreshold);
        var run = parameters.Direction == TraceDirection.Forward
            ? UtxoForwardTracer.Run(graph, stops, start, parameters.Taint, parameters.Limits)
            : UtxoBackwardTracer.Run(graph, stops, start, parameters.Taint, parameters.Limits);
        var walk = new UtxoWalk { Result = run, Start = canonical, DataHeight = height, Status = run.CutShort is null ? "complete" : "cut_short" };
        var endpoints = new SortedDictionary<string, (string Kind, string? Category, List<string> Labels, long Amount, int Hops, long Height, long Time, HashSet<int> Addresses)>(StringComparer.Ordinal);
        foreach (var edge in run.Edges)
        {
            var block = index.Block(index.BlockOfTx(edge.Tx));
            var creatorBlock = index.Block(index.BlockOfTx(index.TxOfOutput(edge.Output)));
            var address = index.Output(edge.Output).Address;
            var named = Name(index, edge, network);
            var name = named.Address;
            var stop = named.Stop;
            walk.Edges.Add(named);
            if (stop is null || address < 0)
            {
                continue;
            }

            var root = address < forest.Count ? forest.Find(address) : -1;
            var byCluster = edge.Stop == StopKind.Supercluster || (root >= 0 && stopClusters.Contains(root) && !stopAddresses.Contains(address));
            var entity = byCluster ? $"cluster:{root}" : name!;
            var entityLabels = byCluster ? labelsOfCluster.GetValueOrDefault(root) ?? [] : labelsOfAddress.GetValueOrDefault(address) ?? [];
            var category = byCluster ? categoryOf.GetValueOrDefault(-1 - root) : categoryOf.GetValueOrDefault(address);
            var at = edge.Stop == StopKind.Supercluster ? "supercluster" : "endpoint";
            var time = parameters.Direction == TraceDirection.Forward ? block.Time : creatorBlock.Time;
            var reachedAt = parameters.Direction == TraceDirection.Forward ? block.Height : creatorBlock.Height;
            if (endpoints.TryGetValue(entity, out var e))
            {
                e.Addresses.Add(address);
                endpoints[entity] = (e.Kind, e.Category, e.Labels, e.Amount + edge.Amount, Math.Min(e.Hops, edge.Hop),
                    Math.Min(e.Height, reachedAt), Math.Min(e.Time, time), e.Addresses);
            }
            else
            {
                endpoints[entity] = (at, category, entityLabels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), edge.Amount, edge.Hop, reachedAt, time, [address]);
            }
        }

        foreach (var (entity, e) in endpoints.OrderByDescending(p => p.Value.Amount).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            walk.Endpoints.Add(new TraceEndpointView(entity, e.Kind, e.Category, e.Labels, e.Amount.ToString(CultureInfo.InvariantCulture), e.Hops, e.Height,
                DateTimeOffset.FromUnixTimeSeconds(e.Time), e.Addresses.Count));
        }

        return walk;
    }

    /// <summary>The edge with its transactions as (height, position), the output's vout and its address named.</summary>
    internal static NamedEdge Name(UtxoIndex index, TraceEdge edge, Network network)
    {
        var block = index.Block(index.BlockOfTx(edge.Tx));
        var creator = index.TxOfOutput(edge.Output);
        var creatorBlock = index.Block(index.BlockOfTx(creator));
        var address = index.Output(edge.Output).Address;
        var name = address >= 0 ? BtcAddressKey.ToAddress(index.AddressKey(address), network).ToString() : null;
        var stop = edge.Stop switch { StopKind.Endpoint => "endpoint", StopKind.Supercluster => "supercluster", _ => null };
        return new NamedEdge(edge.Hop, block.Height, edge.Tx - block.FirstTx, creatorBlock.Height, creator - creatorBlock.FirstTx,
            edge.Output - index.Tx(creator).FirstOutput, name, edge.Amount, stop);
    }

    private static void Add(Dictionary<int, List<string>> map, int key, string value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }

    /// <summary>The start in dense ids and canonical text; known false when the read model has never seen it (no activity).</summary>
    internal static (TraceStart Start, string Canonical, bool Known)? ResolveStart(ChainClusters open, string text, Network network)
    {
        var index = open.Utxo!;
        if (text.StartsWith("cluster:", StringComparison.Ordinal))
        {
            if (!long.TryParse(text["cluster:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return null;
            }

            if (id >= open.AddressCount)
            {
                return (new TraceStart(new HashSet<int>()), $"cluster:{id}", false);
            }

            var root = open.Clusters.Forest.Find((int)id);
            var members = open.Members.AsSpan(open.MemberStart[root], open.MemberStart[root + 1] - open.MemberStart[root]).ToArray();
            return (new TraceStart(members.ToHashSet()), $"cluster:{root}", true);
        }

        var colon = text.LastIndexOf(':');
        if (colon == 64)
        {
            if (!Hash32.TryParse(text[..64], out var txid) || !int.TryParse(text[65..], NumberStyles.None, CultureInfo.InvariantCulture, out var vout))
            {
                return null;
            }

            var tx = index.FindTx(txid);
            if (tx < 0 || vout >= index.Outputs(tx).Count)
            {
                return (new TraceStart(new HashSet<int>()), $"{txid}:{vout}", false);
            }

            return (TraceStart.OfOutput(index.Outputs(tx).Start + vout), $"{txid}:{vout}", true);
        }

        Address address;
        try
        {
            address = Address.Parse(Chain.Btc, text, network);
        }
        catch (FormatException)
        {
            return null;
        }

        var found = index.FindAddress(address.Key);
        return (new TraceStart(found >= 0 ? new HashSet<int> { found } : new HashSet<int>()), address.ToString()!, found >= 0);
    }
}
