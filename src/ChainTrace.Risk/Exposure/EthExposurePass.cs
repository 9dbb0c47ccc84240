using ChainTrace.Core.Labels;
using ChainTrace.Index.Account;

namespace ChainTrace.Risk.Exposure;

/// <summary>
/// Exposure on the Ethereum read model (native ether; token transfers are another asset and left out), by the same
/// haircut rules as <see cref="ExposurePass"/> adapted to accounts, which hold one balance instead of coins: forward in
/// transfer order, each account carries the value-weighted mix of where everything it received so far came from, and a
/// transfer passes the sender's mix on one hop further (a labelled sender is a source at hop 1 and ends the path);
/// backward in reverse order, the same for where an account's later outflows went. Poisoning: an incoming transfer
/// below <see cref="ExposureOptions.EthDustThreshold"/> from an address the recipient never sent anything to is dust:
/// its exposure is recorded as discounted, and it neither counts toward the recipient's exposure nor joins the mix the
/// recipient passes on. Amounts are wei; shares of them are doubles, totals exact.
/// </summary>
public static class EthExposurePass
{
    /// <summary>
    /// Exposure of every address, or with <paramref name="nodes"/> (each address's cluster root) of every cluster: a
    /// cluster is one account whose members' transfers to each other are no exposure (only value crossing its boundary
    /// counts, as for Bitcoin clusters), seeded by its most severe member's label. Rows are indexed by root.
    /// </summary>
    public static EthExposures Run(EthIndex index, int[] seeds, ExposureOptions options, int[]? nodes = null) =>
        Run(index, seeds, options, nodes, null, out _);

    /// <summary>
    /// The same, continuing the forward direction from <paramref name="resume"/> (the forward state of a pass over the
    /// read model's first <see cref="EthForwardState.Transfers"/> transfers, with the same node seeds and mapping for
    /// them) over the transfers after it only; <paramref name="forward"/> is the forward state at the new end, for the
    /// next refresh. The backward direction (where outflows went later) always runs over every transfer: a new
    /// transfer changes the outgoing mix of whoever sent to its sender before, hops back. When <paramref name="resume"/>
    /// is given, <paramref name="answered"/> tells whether a new transfer answers an older dust transfer (the recipient
    /// of that dust now sent to its sender, so it is no longer dust): then the resumed forward state is wrong and the
    /// caller has to start over; the result is not to be used.
    /// </summary>
    internal static EthExposures Run(EthIndex index, int[] seeds, ExposureOptions options, int[]? nodes, EthForwardState? resume, out EthForwardState forward) =>
        Run(index, seeds, options, nodes, resume, out forward, out _);

    internal static EthExposures Run(EthIndex index, int[] seeds, ExposureOptions options, int[]? nodes, EthForwardState? resume, out EthForwardState forward, out bool answered)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var k = ExposureCategories.All.Count;
        var node = nodes ?? Enumerable.Range(0, index.AddressCount).ToArray();
        var nodeSeeds = NodeSeeds(seeds, node);
        var result = new EthExposures(index.AddressCount, k);
        var from = resume?.Transfers ?? 0;
        var replied = Replied(index, node, from, options.EthDustThreshold, out answered);
        var (mix, weight) = resume is null ? (new double[]?[index.AddressCount], new double[index.AddressCount]) : resume.RestoreInto(result);
        forward = new EthForwardState(index.TransferCount, nodeSeeds, mix, weight, result);
        if (answered)
        {
            return result;
        }

        Pass(index, nodeSeeds, node, options, result, mix, weight, from, forward: true, replied);
        Pass(index, nodeSeeds, node, options, result, new double[]?[index.AddressCount], new double[index.AddressCount], 0, forward: false, replied);
        return result;
    }

    /// <summary>Per node (address or cluster root) the tracked category of its most severe member's seed, -1 for none.</summary>
    internal static int[] NodeSeeds(int[] seeds, int[] node)
    {
        var nodeSeeds = new int[node.Length];
        Array.Fill(nodeSeeds, -1);
        for (var a = 0; a < node.Length; a++)
        {
            if (seeds[a] >= 0 && (nodeSeeds[node[a]] < 0 || ExposureCategories.All[seeds[a]].DefaultSeverity > ExposureCategories.All[nodeSeeds[node[a]]].DefaultSeverity))
            {
                nodeSeeds[node[a]] = seeds[a];
            }
        }

        return nodeSeeds;
    }

    /// <summary>Per Ethereum address id the tracked category of its strongest own label (-1 for none).</summary>
    public static async Task<int[]> SeedsAsync(ILabelStore labels, EthIndex index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        var identity = Enumerable.Range(0, index.AddressCount).ToArray();
        return (await LabelSeeds.LoadAsync(labels, index, identity, cancellationToken).ConfigureAwait(false)).Categories;
    }

    /// <summary>
    /// The (from, to) node pairs with a native transfer: a recipient that sent to its sender interacted with it.
    /// With <paramref name="continueFrom"/> above 0, also whether a pair first seen at or after that transfer answers
    /// an earlier transfer below <paramref name="dustBelow"/> the other way (which was dust and no longer is).
    /// </summary>
    private static HashSet<long> Replied(EthIndex index, int[] node, long continueFrom, UInt128 dustBelow, out bool answered)
    {
        var pairs = new HashSet<long>();
        var dust = new HashSet<long>();
        answered = false;
        for (var t = 0L; t < index.TransferCount; t++)
        {
            var x = index.Transfer(t);
            if (x.Asset != 0 || x.From < 0 || x.To < 0)
            {
                continue;
            }

            var pair = Pair(node[x.From], node[x.To]);
            if (t < continueFrom)
            {
                pairs.Add(pair);
                if (x.Value < dustBelow && x.Value != UInt128.Zero && node[x.From] != node[x.To])
                {
                    dust.Add(Pair(node[x.To], node[x.From]));
                }
            }
            else if (pairs.Add(pair) && dust.Contains(pair))
            {
                answered = true;
            }
        }

        return pairs;
    }

    private static long Pair(int from, int to) => ((long)from << 32) | (uint)to;

    private static void Pass(EthIndex index, int[] seeds, int[] node, ExposureOptions options, EthExposures result, double[]?[] mix, double[] weight, long first, bool forward, HashSet<long> replied)
    {
        var k = result.Categories;
        var hops = options.Hops;
        var dustBelow = options.EthDustThreshold;

        // Per account the running mix (category * hops + hop) of what it received (forward) or sent on (backward), and the value behind it.
        var source = new double[k * hops];
        var n = index.TransferCount;
        for (var step = first; step < n; step++)
        {
            var t = index.Transfer(forward ? step : n - 1 - step);
            if (t.Asset != 0 || t.From < 0 || t.To < 0 || t.Value == UInt128.Zero || node[t.From] == node[t.To])
            {
                continue;
            }

            var value = (double)t.Value;
            var (from, to) = forward ? (node[t.From], node[t.To]) : (node[t.To], node[t.From]);
            Array.Clear(source);
            var any = false;
            if (seeds[from] >= 0)
            {
                source[seeds[from] * hops] = 1;
                any = true;
            }
            else if (mix[from] is { } carried)
            {
                for (var c = 0; c < k; c++)
                {
                    for (var h = 0; h + 1 < hops; h++)
                    {
                        source[(c * hops) + h + 1] = carried[(c * hops) + h];
                        any |= carried[(c * hops) + h] > 0;
                    }
                }
            }

            var totals = forward ? result.Received : result.Sent;
            totals[to] += t.Value;
            if (forward && t.Value < dustBelow && !replied.Contains(Pair(to, from)))
            {
                if (any)
                {
                    var dust = result.DiscountedOf(to);
                    for (var i = 0; i < source.Length; i++)
                    {
                        dust[((i % hops == 0 ? 0 : 1) * k) + (i / hops)] += source[i] > options.Epsilon ? value * source[i] : 0;
                    }

                    if (seeds[from] >= 0)
                    {
                        result.DirectDiscountedOf(to)[seeds[from]] += t.Value;
                    }

                    result.DiscountedTransfers[to]++;
                }

                continue;
            }

            var amounts = result.AmountsOf(to);
            if (seeds[from] >= 0)
            {
                result.DirectAmountsOf(to)[((forward ? 0 : 1) * k) + seeds[from]] += t.Value;
            }

            var own = mix[to] ??= new double[k * hops];
            var kept = weight[to] / (weight[to] + value);
            for (var i = 0; i < source.Length; i++)
            {
                var share = source[i] > options.Epsilon ? source[i] : 0;
                if (share > 0)
                {
                    var slot = ((forward ? 0 : 2) + (i % hops == 0 ? 0 : 1)) * k;
                    amounts[slot + (i / hops)] += value * share;
                }

                own[i] = (own[i] * kept) + (share * (1 - kept));
            }

            weight[to] += value;
        }
    }
}
