using System.Globalization;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;

namespace ChainTrace.Core.Tracing;

/// <summary>A validated trace request with every default filled in: what the result's provenance and id are made from.</summary>
public sealed record TraceParameters(
    Chain Chain, string Start, TraceDirection Direction, TaintModel Taint, string? Asset, IReadOnlyList<LabelCategory> Stop, TraceLimits Limits)
{
    /// <summary>Validates <paramref name="request"/>; on failure <paramref name="code"/> and <paramref name="error"/> say what was wrong.</summary>
    public static TraceParameters? TryCreate(TraceRequest request, out string? code, out string? error)
    {
        ArgumentNullException.ThrowIfNull(request);
        (code, error) = (null, null);
        if (!ChainCodes.TryParse(request.Chain, out var chain))
        {
            (code, error) = ("unknown-chain", $"unknown chain '{request.Chain}': expected btc or eth");
            return null;
        }

        if (string.IsNullOrWhiteSpace(request.Start))
        {
            (code, error) = ("bad-start", "start is required: an address, cluster:<id>, or <txid>:<vout>");
            return null;
        }

        TraceDirection direction;
        switch (request.Direction ?? "forward")
        {
            case "forward": direction = TraceDirection.Forward; break;
            case "backward": direction = TraceDirection.Backward; break;
            default:
                (code, error) = ("unknown-direction", $"unknown direction '{request.Direction}': expected forward or backward");
                return null;
        }

        TaintModel taint;
        switch (request.Taint ?? "haircut")
        {
            case "haircut": taint = TaintModel.Haircut; break;
            case "poison": taint = TaintModel.Poison; break;
            case "fifo": taint = TaintModel.Fifo; break;
            default:
                (code, error) = ("unknown-taint-model", $"unknown taint model '{request.Taint}': expected haircut, poison or fifo");
                return null;
        }

        var hops = request.Hops ?? TraceLimits.DefaultHops;
        if (hops < 1 || hops > TraceLimits.MaxHops)
        {
            (code, error) = ("hop-limit-out-of-range", $"hops {hops} is out of range: 1 to {TraceLimits.MaxHops}");
            return null;
        }

        var stop = new List<LabelCategory>();
        foreach (var name in request.Stop ?? ["exchange"])
        {
            if (!LabelTaxonomy.TryFind(name, out var category))
            {
                (code, error) = ("unknown-stop-category", $"unknown stop category '{name}'");
                return null;
            }

            if (!stop.Contains(category))
            {
                stop.Add(category);
            }
        }

        stop.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        long min = 0;
        if (request.MinAmount is { } text && (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out min)))
        {
            (code, error) = ("bad-amount", $"minAmount '{text}' is not a non-negative integer amount in base units");
            return null;
        }

        var breadth = request.Breadth ?? TraceLimits.DefaultBreadth;
        var budget = request.TimeBudgetSeconds ?? TraceLimits.Default.Budget.TotalSeconds;
        if (breadth < 1 || budget <= 0 || budget > 600)
        {
            (code, error) = ("bad-limit", $"breadth must be at least 1 and the time budget within (0, 600] seconds");
            return null;
        }

        if (request.Asset is not null && chain != Chain.Eth)
        {
            (code, error) = ("asset-not-supported", "asset applies to Ethereum only");
            return null;
        }

        return new TraceParameters(chain, request.Start.Trim(), direction, taint, request.Asset, stop,
            new TraceLimits(hops, breadth, min, request.FromHeight, request.ToHeight, TimeSpan.FromSeconds(budget)));
    }
}
