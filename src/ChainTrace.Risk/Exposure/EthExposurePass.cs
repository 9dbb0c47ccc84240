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
    public static EthExposures Run(EthIndex index, int[] seeds, ExposureOptions options, int[]? nodes = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var k = ExposureCategories.All.Count;
        var node = nodes ?? Enumerable.Range(0, index.AddressCount).ToArray();
        var nodeSeeds = new int[index.AddressCount];
        Array.Fill(nodeSeeds, -1);
        for (var a = 0; a < index.AddressCount; a++)
        {
            if (seeds[a] >= 0 && (nodeSeeds[node[a]] < 0 || ExposureCategories.All[seeds[a]].DefaultSeverity > ExposureCategories.All[nodeSeeds[node[a]]].DefaultSeverity))
            {
                nodeSeeds[node[a]] = seeds[a];
            }
        }

        var result = new EthExposures(index.AddressCount, k);
        var replied = Replied(index, node);
        Pass(index, nodeSeeds, node, options, result, forward: true, replied);
        Pass(index, nodeSeeds, node, options, result, forward: false, replied);
        return result;
    }

    /// <summary>Per Ethereum address id the tracked category of its strongest own label (-1 for none).</summary>
    public static async Task<int[]> SeedsAsync(ILabelStore labels, EthIndex index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        var identity = Enumerable.Range(0, index.AddressCount).ToArray();
        return (await LabelSeeds.LoadAsync(labels, index, identity, cancellationToken).ConfigureAwait(false)).Categories;
    }

    /// <summary>The (from, to) node pairs with a native transfer: a recipient that sent to its sender interacted with it.</summary>
    private static HashSet<long> Replied(EthIndex index, int[] node)
    {
        var pairs = new HashSet<long>();
        for (var t = 0L; t < index.TransferCount; t++)
        {
            var x = index.Transfer(t);
            if (x.Asset == 0 && x.From >= 0 && x.To >= 0)
            {
                pairs.Add(((long)node[x.From] << 32) | (uint)node[x.To]);
            }
        }

        return pairs;
    }

    private static void Pass(EthIndex index, int[] seeds, int[] node, ExposureOptions options, EthExposures result, bool forward, HashSet<long> replied)
    {
        var k = result.Categories;
        var hops = options.Hops;
        var dustBelow = (UInt128)options.EthDustThreshold;

        // Per account the running mix (category * hops + hop) of what it received (forward) or sent on (backward), and the value behind it.
        var mix = new double[]?[index.AddressCount];
        var weight = new double[index.AddressCount];
        var source = new double[k * hops];
        var n = index.TransferCount;
        for (var step = 0L; step < n; step++)
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
            if (forward && t.Value < dustBelow && !replied.Contains(((long)to << 32) | (uint)from))
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
