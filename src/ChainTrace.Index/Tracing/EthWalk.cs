using System.Globalization;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Tracing;
using ChainTrace.Core.Tracing.Account;
using ChainTrace.Index.Service;

namespace ChainTrace.Index.Tracing;

/// <summary>One trace over the Ethereum ledger of one asset: resolve the start, build the stops, walk, name the result.</summary>
internal sealed class EthWalk
{
    public (string Code, string Message)? Error { get; private init; }

    public AccountTraceRun? Result { get; private init; }

    public string Start { get; private init; } = "";

    public string Status { get; private init; } = "complete";

    public long DataHeight { get; private init; } = -1;

    public List<TraceEdgeView> Edges { get; } = [];

    public List<TraceEndpointView> Endpoints { get; } = [];

    public List<TraceContactView> Contacts { get; } = [];

    public static EthWalk Execute(ChainClusters open, EthLedger ledger, TraceParameters parameters, TraceStopLabels labels, int superclusterThreshold)
    {
        var height = open.Eth!.Height;
        if (ResolveStart(open, ledger, parameters.Start) is not { } resolved)
        {
            return new EthWalk { Error = ("bad-start", $"start '{parameters.Start}' is not an Ethereum address, cluster:<id> or <tx hash>:<transfer position>") };
        }

        var (start, canonical, known) = resolved;
        if (!known)
        {
            return new EthWalk { Start = canonical, Status = "no_activity", DataHeight = height };
        }

        var stops = EthStops.Build(open, ledger, labels, start.Addresses, superclusterThreshold);
        var backward = parameters.Direction == TraceDirection.Backward;
        var reversed = new ReversedAccountFlowGraph(ledger);
        var run = backward
            ? AccountTracer.Run(reversed, stops, start with { Movement = reversed.Map(start.Movement) }, parameters.Taint, parameters.Limits)
            : AccountTracer.Run(ledger, stops, start, parameters.Taint, parameters.Limits);
        var walk = new EthWalk { Result = run, Start = canonical, DataHeight = height, Status = run.CutShort is null ? "complete" : "cut_short" };
        var endpoints = new SortedDictionary<string, EthEndpoint>(StringComparer.Ordinal);
        foreach (var edge in run.Edges)
        {
            var index = backward ? reversed.Map(edge.Movement) : edge.Movement;
            var m = ledger.Movement(index);
            var receiver = backward ? m.From : m.To;
            var address = ledger.Address(receiver).ToString();
            var tx = ledger.TxHash(m.Tx);
            var stop = edge.Stop switch { StopKind.Endpoint => "endpoint", StopKind.Supercluster => "supercluster", _ => null };
            walk.Edges.Add(new TraceEdgeView(edge.Hop, "0x" + tx, ledger.Height(m.Tx), $"0x{tx}:{ledger.Position(index)}", address, edge.Amount.ToString(CultureInfo.InvariantCulture), stop));
            if (stop is null)
            {
                continue;
            }

            var (entity, category, entityLabels) = stops.Entity(receiver, edge.Stop, address);
            if (!endpoints.TryGetValue(entity, out var e))
            {
                endpoints[entity] = e = new EthEndpoint(stop, category, entityLabels, ledger.Height(m.Tx), ledger.Time(m.Tx), edge.Hop);
            }

            e.Add(edge.Amount, edge.Hop, receiver);
        }

        walk.AddContacts(ledger, stops, start, backward);
        foreach (var (entity, e) in endpoints.OrderByDescending(p => p.Value.Amount).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            walk.Endpoints.Add(new TraceEndpointView(entity, e.Kind, e.Category, e.Labels, e.Amount.ToString(CultureInfo.InvariantCulture), e.Hops, e.Height, e.Time, e.Addresses.Count));
        }

        return walk;
    }

    /// <summary>The start's calls that moved no value (forward: calls it made; backward: calls it received), in ledger order.</summary>
    private void AddContacts(EthLedger ledger, EthStops stops, AccountTraceStart start, bool backward)
    {
        foreach (var call in ledger.Calls)
        {
            var (own, other) = backward ? (call.To, call.From) : (call.From, call.To);
            if (!start.Addresses.Contains(own) || start.Addresses.Contains(other) || (call.Succeeded != false && !call.Value.IsZero))
            {
                continue;
            }

            var name = ledger.Address(other).ToString();
            var stop = stops.Classify(other);
            (string? Category, List<string> Labels) named = stop == StopKind.None ? (null, []) : Named(stops.Entity(other, stop, name));
            var (category, labels) = named;
            Contacts.Add(new TraceContactView("0x" + ledger.TxHash(call.Tx), ledger.Height(call.Tx), ledger.Address(call.From).ToString(), ledger.Address(call.To).ToString(),
                call.Succeeded, call.Value.ToString(CultureInfo.InvariantCulture), stop == StopKind.None ? null : "endpoint", category, labels));
        }
    }

    private static (string? Category, List<string> Labels) Named((string Entity, string? Category, List<string> Labels) entity) => (entity.Category, entity.Labels);

    /// <summary>The start in dense ids and canonical text; known false when the ledger has never seen it (no activity).</summary>
    internal static (AccountTraceStart Start, string Canonical, bool Known)? ResolveStart(ChainClusters open, EthLedger ledger, string text)
    {
        if (text.StartsWith("cluster:", StringComparison.Ordinal))
        {
            if (!long.TryParse(text["cluster:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return null;
            }

            if (id >= open.AddressCount)
            {
                return (new AccountTraceStart(new HashSet<int>()), $"cluster:{id}", false);
            }

            var root = open.Clusters.Forest.Find((int)id);
            var members = open.Members.AsSpan(open.MemberStart[root], open.MemberStart[root + 1] - open.MemberStart[root]).ToArray();
            return (new AccountTraceStart(members.ToHashSet()), $"cluster:{root}", true);
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            var position = text[(colon + 1)..];
            if (!Hash32.TryParse(text[..colon], out var hash) || position.Length == 0)
            {
                return null;
            }

            var movement = ledger.FindMovement(hash, position);
            var canonical = $"0x{hash}:{position}";
            return movement < 0 ? (new AccountTraceStart(new HashSet<int>()), canonical, false) : (AccountTraceStart.OfMovement(movement), canonical, true);
        }

        if (!EthAddress.TryParse(text, out var address, out _) || address is null)
        {
            return null;
        }

        var found = ledger.Find(address);
        return (new AccountTraceStart(found >= 0 ? new HashSet<int> { found } : new HashSet<int>()), address.ToString(), found >= 0);
    }
}
