using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Index.Account;

namespace ChainTrace.Risk.Exposure;

/// <summary>
/// Exposure on the Ethereum read model (native ether; token transfers are another asset and left out), by the same
/// haircut rules as <see cref="ExposurePass"/> adapted to accounts, which hold one balance instead of coins: forward in
/// transfer order, each account carries the value-weighted mix of where everything it received so far came from, and a
/// transfer passes the sender's mix on one hop further (a labelled sender is a source at hop 1 and ends the path);
/// backward in reverse order, the same for where an account's later outflows went. Values are wei, kept as doubles
/// (shares of 128-bit amounts); totals per account are in <see cref="EthExposures"/>.
/// </summary>
public static class EthExposurePass
{
    public static EthExposures Run(EthIndex index, int[] seeds, ExposureOptions options)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var k = ExposureCategories.All.Count;
        var result = new EthExposures(index.AddressCount, k);
        Pass(index, seeds, options, result, forward: true);
        Pass(index, seeds, options, result, forward: false);
        return result;
    }

    /// <summary>Per Ethereum address id the tracked category of its strongest own label (-1 for none).</summary>
    public static async Task<int[]> SeedsAsync(ILabelStore labels, EthIndex index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(index);
        var seeds = new int[index.AddressCount];
        Array.Fill(seeds, -1);
        long after = 0;
        while (true)
        {
            var page = await labels.ListAsync(new LabelQuery(Chain.Eth, null, after, 5000), cancellationToken).ConfigureAwait(false);
            foreach (var stored in page.Items)
            {
                var category = ExposureCategories.IndexOf(stored.Label.Category);
                if (category >= 0 && stored.Label.Subject.Address is { } address && index.FindAddress(address.Key) is var id and >= 0 &&
                    (seeds[id] < 0 || ExposureCategories.All[category].DefaultSeverity > ExposureCategories.All[seeds[id]].DefaultSeverity))
                {
                    seeds[id] = category;
                }
            }

            if (page.NextAfter is not { } next)
            {
                return seeds;
            }

            after = next;
        }
    }

    private static void Pass(EthIndex index, int[] seeds, ExposureOptions options, EthExposures result, bool forward)
    {
        var k = result.Categories;
        var hops = options.Hops;

        // Per account the running mix (category * hops + hop) of what it received (forward) or sent on (backward), and the value behind it.
        var mix = new double[]?[index.AddressCount];
        var weight = new double[index.AddressCount];
        var source = new double[k * hops];
        var n = index.TransferCount;
        for (var step = 0L; step < n; step++)
        {
            var t = index.Transfer(forward ? step : n - 1 - step);
            if (t.Asset != 0 || t.From < 0 || t.To < 0 || t.Value == UInt128.Zero)
            {
                continue;
            }

            var value = (double)t.Value;
            var (from, to) = forward ? (t.From, t.To) : (t.To, t.From);
            Array.Clear(source);
            if (seeds[from] >= 0)
            {
                source[seeds[from] * hops] = 1;
            }
            else if (mix[from] is { } carried)
            {
                for (var c = 0; c < k; c++)
                {
                    for (var h = 0; h + 1 < hops; h++)
                    {
                        source[(c * hops) + h + 1] = carried[(c * hops) + h];
                    }
                }
            }

            var totals = forward ? result.Received : result.Sent;
            totals[to] += value;
            var amounts = result.AmountsOf(to);
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
