using ChainTrace.Index.Clustering;
using ChainTrace.Index.Utxo;

namespace ChainTrace.Risk.Exposure;

/// <summary>
/// Exposure of every address in two linear passes over the read model (DESIGN.md "Risk"), haircut-weighted:
/// forward in transaction order, each transaction's outputs carry the value-weighted mix of where its inputs came
/// from (a labelled input address is a source at hop 1; an unlabelled one passes on its own coin's mix one hop
/// further, up to <see cref="ExposureOptions.Hops"/>); backward, the same for where value went. Labelled addresses
/// end a path (an exchange's outflow is not its customers' inflow). An unspent output below the dust threshold
/// does not count toward its address's incoming exposure; it is recorded as discounted. On a partial chain an input
/// whose spent output is not stored counts an equal share of the value its known fellow inputs do not cover.
/// <para>A detected CoinJoin (<see cref="CoinJoinTxs"/>) is not one mix for all its outputs: any input may have funded
/// any output, but no more of it than the output's own value, so each output's mix weighs every input by
/// <c>min(input value, output value)</c> (backward: each input's destinations weigh every output by
/// <c>min(output value, input value)</c>). A whale's input in a round of 0.1 BTC outputs then weighs like one
/// participant's in each equal output, not by its whole value: the other participants' equal outputs do not inherit
/// its history as most of theirs, while its own large change still carries it almost whole.</para>
/// </summary>
public static class ExposurePass
{
    /// <summary>
    /// Exposure of every address; with <paramref name="roots"/> (each address's cluster) also of every cluster of more
    /// than one address in <see cref="AddressExposures.Clusters"/>, counting only value that crosses the cluster's
    /// boundary: an output to a member is received by the cluster in the share its transaction's inputs from outside
    /// the cluster paid, carrying only their mix; a member's spend is sent in the share that goes outside, carrying
    /// only where that part went. Value moving between members (an exchange sweeping its deposits) is no exposure.
    /// </summary>
    public static AddressExposures Run(UtxoIndex index, int[] seeds, ExposureOptions options, Action<long>? progress = null, int[]? roots = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var k = ExposureCategories.All.Count;
        var result = new AddressExposures(index.AddressCount, k);
        var clusters = roots is null ? null : ClusterSlots(roots, k);
        result.Clusters = clusters;
        var mixes = CoinJoinMask.Decided(index);
        Forward(index, seeds, options, result, progress, roots, clusters, null, null, mixes);
        Backward(index, seeds, options, result, progress, roots, clusters, null, null, mixes);
        return result;
    }

    /// <summary>
    /// Exposure of the <paramref name="addresses"/> only, computed from the transactions that can reach them within the
    /// hop limit (forward: the transactions paying them and their ancestors up to <c>Hops - 1</c> levels; backward: the
    /// transactions spending their coins and their descendants as far), in the same order and arithmetic as
    /// <see cref="Run"/>, so their rows are identical to a full pass's. Every other address's row is left empty. With
    /// <paramref name="roots"/> and <paramref name="clusters"/> (cluster roots) also those clusters' rows, from the
    /// transactions that can reach any of their members. Null on a partial chain (inputs whose spent output is not
    /// stored are found only by a full pass).
    /// </summary>
    public static AddressExposures? RunFor(
        UtxoIndex index, int[] seeds, ExposureOptions options, IReadOnlyCollection<int> addresses, int[]? roots = null, IReadOnlyCollection<int>? clusters = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(addresses);
        options.Validate();
        for (var i = 0; i < index.InputCount; i++)
        {
            if (index.Input(i).SpentOutput < 0 && index.Input(i).Address >= 0)
            {
                return null;
            }
        }

        var only = new bool[index.AddressCount];
        var paying = new HashSet<int>();
        var spending = new HashSet<int>();
        void Reach(int a)
        {
            foreach (var o in index.OutputsOf(a))
            {
                paying.Add(index.TxOfOutput(o));
                if (index.SpentBy(o) is var by and >= 0)
                {
                    spending.Add(by);
                }
            }
        }

        foreach (var a in addresses)
        {
            only[a] = true;
            Reach(a);
        }

        ClusterExposures? slots = null;
        if (roots is not null && clusters is { Count: > 0 })
        {
            var wanted = clusters.ToHashSet();
            var sizes = new Dictionary<int, int>();
            for (var a = 0; a < roots.Length; a++)
            {
                if (wanted.Contains(roots[a]))
                {
                    sizes[roots[a]] = sizes.GetValueOrDefault(roots[a]) + 1;
                    if (!only[a])
                    {
                        Reach(a);
                    }
                }
            }

            slots = Slots(sizes, ExposureCategories.All.Count);
        }

        var result = new AddressExposures(index.AddressCount, ExposureCategories.All.Count) { Clusters = slots };
        var r = slots is null ? null : roots;
        var mixes = new CoinJoinMask(index);
        Forward(index, seeds, options, result, null, r, slots, ExposureImpact.Closure(index, paying, options.Hops - 1, upstream: true), only, mixes);
        Backward(index, seeds, options, result, null, r, slots, ExposureImpact.Closure(index, spending, options.Hops - 1, upstream: false), only, mixes);
        return result;
    }

    private static ClusterExposures ClusterSlots(int[] roots, int k)
    {
        var sizes = new Dictionary<int, int>();
        foreach (var r in roots)
        {
            sizes[r] = sizes.GetValueOrDefault(r) + 1;
        }

        return Slots(sizes, k);
    }

    /// <summary>A slot per cluster of more than one address, in root order.</summary>
    private static ClusterExposures Slots(Dictionary<int, int> sizes, int k)
    {
        var slots = new Dictionary<int, int>();
        foreach (var (root, size) in sizes.OrderBy(s => s.Key))
        {
            if (size > 1)
            {
                slots[root] = slots.Count;
            }
        }

        return new ClusterExposures(slots, new AddressExposures(slots.Count, k));
    }

    private static void Forward(
        UtxoIndex index, int[] seeds, ExposureOptions options, AddressExposures result, Action<long>? progress, int[]? roots, ClusterExposures? clusters, int[]? txs, bool[]? only, CoinJoinMask mixes)
    {
        var k = result.Categories;
        var hops = options.Hops;
        var taint = new TaintEntry[]?[index.OutputCount];
        var scratch = new double[k * hops];
        var seen = new HashSet<int>();
        var count = txs?.Length ?? index.TxCount;
        for (var step = 0; step < count; step++)
        {
            var tx = txs is null ? step : txs[step];
            InputMix(index, seeds, taint, tx, hops, scratch, null, -1);
            var mix = Compact(scratch, hops, options.Epsilon);
            var coinJoin = mix is not null && mixes.IsMix(tx);
            var (outStart, outCount) = index.Outputs(tx);
            for (var o = outStart; o < outStart + outCount; o++)
            {
                if (coinJoin)
                {
                    InputMix(index, seeds, taint, tx, hops, scratch, null, -1, index.Output(o).Value);
                    mix = Compact(scratch, hops, options.Epsilon);
                }

                taint[o] = mix;
                var output = index.Output(o);
                if (output.Address < 0 || (only is not null && !only[output.Address]))
                {
                    continue;
                }

                result.Received[output.Address] += output.Value;
                if (mix is null)
                {
                    continue;
                }

                var dust = output.Value < options.DustThreshold && index.SpentBy(o) < 0;
                var bucket = dust ? result.DiscountedOf(output.Address) : result.AmountsOf(output.Address);
                foreach (var e in mix)
                {
                    var type = e.Hop == 0 ? 0 : 1;
                    bucket[(type * k) + e.Category] += output.Value * (double)e.Share;
                }

                if (dust)
                {
                    result.DiscountedOutputs[output.Address]++;
                }
            }

            if (clusters is not null)
            {
                ClusterIncoming(index, seeds, taint, tx, options, clusters, roots!, scratch, seen, mixes);
            }

            if ((tx & 0xFFFF) == 0)
            {
                progress?.Invoke(tx);
            }
        }
    }

    private static void Backward(
        UtxoIndex index, int[] seeds, ExposureOptions options, AddressExposures result, Action<long>? progress, int[]? roots, ClusterExposures? clusters, int[]? txs, bool[]? only, CoinJoinMask mixes)
    {
        var k = result.Categories;
        var hops = options.Hops;
        var destination = new TaintEntry[]?[index.OutputCount];
        var scratch = new double[k * hops];
        var seen = new HashSet<int>();
        var count = txs?.Length ?? index.TxCount;
        for (var step = count - 1; step >= 0; step--)
        {
            var tx = txs is null ? step : txs[step];
            var total = OutputMix(index, seeds, destination, tx, hops, scratch, null, -1).Total;
            var mix = Compact(scratch, hops, options.Epsilon);
            var coinJoin = mix is not null && mixes.IsMix(tx);
            var (inStart, inCount) = index.Inputs(tx);
            long known = 0;
            var unknown = 0;
            for (var i = inStart; i < inStart + inCount; i++)
            {
                var spent = index.Input(i).SpentOutput;
                known += spent >= 0 ? index.Output(spent).Value : 0;
                unknown += spent < 0 && index.Input(i).Address >= 0 ? 1 : 0;
            }

            // Inputs whose spent output is outside the store (a partial chain): they share what the known inputs do not cover, equally.
            var unknownValue = unknown == 0 || index.IsCoinbase(tx) ? 0 : Math.Max(0, total - known) / unknown;
            for (var i = inStart; i < inStart + inCount; i++)
            {
                var input = index.Input(i);
                if (coinJoin && (input.SpentOutput >= 0 || unknownValue > 0))
                {
                    OutputMix(index, seeds, destination, tx, hops, scratch, null, -1, input.SpentOutput >= 0 ? index.Output(input.SpentOutput).Value : unknownValue);
                    mix = Compact(scratch, hops, options.Epsilon);
                }

                if (input.SpentOutput >= 0)
                {
                    destination[input.SpentOutput] = mix;
                }
                else if (input.Address < 0 || unknownValue == 0)
                {
                    continue;
                }

                var value = input.SpentOutput >= 0 ? index.Output(input.SpentOutput).Value : unknownValue;
                if (input.Address < 0 || (only is not null && !only[input.Address]))
                {
                    continue;
                }

                result.Sent[input.Address] += value;
                if (mix is null)
                {
                    continue;
                }

                var bucket = result.AmountsOf(input.Address);
                foreach (var e in mix)
                {
                    var type = e.Hop == 0 ? 0 : 1;
                    bucket[((2 + type) * k) + e.Category] += value * (double)e.Share;
                }
            }

            if (clusters is not null)
            {
                ClusterOutgoing(index, seeds, destination, tx, options, clusters, roots!, scratch, unknownValue, seen, mixes);
            }

            if ((tx & 0xFFFF) == 0)
            {
                progress?.Invoke(index.TxCount + (index.TxCount - tx));
            }
        }
    }

    /// <summary>
    /// Where <paramref name="tx"/>'s inputs came from, value-weighted over all its inputs, into <paramref name="scratch"/>
    /// (<c>[category * hops + hop]</c>); inputs of addresses in cluster <paramref name="skipRoot"/> are left out (their
    /// weight stays in the total). Returns the share of the input value the counted inputs paid. With
    /// <paramref name="cap"/> (a CoinJoin output's value) each input weighs at most that much.
    /// </summary>
    private static double InputMix(UtxoIndex index, int[] seeds, TaintEntry[]?[] taint, int tx, int hops, double[] scratch, int[]? roots, int skipRoot, long cap = long.MaxValue)
    {
        Array.Clear(scratch);
        var (inStart, inCount) = index.Inputs(tx);
        long total = 0;
        for (var i = 0; i < inCount; i++)
        {
            var spent = index.Input(inStart + i).SpentOutput;
            total += spent >= 0 ? Math.Min(cap, index.Output(spent).Value) : 0;
        }

        double counted = 0;
        for (var i = 0; i < inCount && total > 0; i++)
        {
            var input = index.Input(inStart + i);
            if (input.SpentOutput < 0 || (roots is not null && input.Address >= 0 && roots[input.Address] == skipRoot))
            {
                continue;
            }

            var weight = (double)Math.Min(cap, index.Output(input.SpentOutput).Value) / total;
            counted += weight;
            if (input.Address >= 0 && input.Address < seeds.Length && seeds[input.Address] >= 0)
            {
                scratch[seeds[input.Address] * hops] += weight;
            }
            else if (taint[input.SpentOutput] is { } carried)
            {
                foreach (var e in carried)
                {
                    if (e.Hop + 1 < hops)
                    {
                        scratch[(e.Category * hops) + e.Hop + 1] += weight * e.Share;
                    }
                }
            }
        }

        return counted;
    }

    /// <summary>
    /// Where <paramref name="tx"/>'s outputs went, value-weighted over all its outputs, into <paramref name="scratch"/>;
    /// outputs to cluster <paramref name="skipRoot"/> are left out (their weight stays in the total). Returns the total
    /// output value and the share of the weight the counted outputs had. With <paramref name="cap"/> (a CoinJoin input's
    /// value) each output weighs at most that much.
    /// </summary>
    private static (long Total, double Counted) OutputMix(
        UtxoIndex index, int[] seeds, TaintEntry[]?[] destination, int tx, int hops, double[] scratch, int[]? roots, int skipRoot, long cap = long.MaxValue)
    {
        Array.Clear(scratch);
        var (outStart, outCount) = index.Outputs(tx);
        long total = 0;
        long weighed = 0;
        for (var o = outStart; o < outStart + outCount; o++)
        {
            total += index.Output(o).Value;
            weighed += Math.Min(cap, index.Output(o).Value);
        }

        double counted = 0;
        for (var o = outStart; o < outStart + outCount && weighed > 0; o++)
        {
            var output = index.Output(o);
            if (roots is not null && output.Address >= 0 && roots[output.Address] == skipRoot)
            {
                continue;
            }

            var weight = (double)Math.Min(cap, output.Value) / weighed;
            counted += weight;
            if (output.Address >= 0 && output.Address < seeds.Length && seeds[output.Address] >= 0)
            {
                scratch[seeds[output.Address] * hops] += weight;
            }
            else if (destination[o] is { } onward)
            {
                foreach (var e in onward)
                {
                    if (e.Hop + 1 < hops)
                    {
                        scratch[(e.Category * hops) + e.Hop + 1] += weight * e.Share;
                    }
                }
            }
        }

        return (total, counted);
    }

    /// <summary>
    /// The cluster side of the forward pass: each multi-address cluster an output of <paramref name="tx"/> pays receives
    /// what came from outside it, handled at its first output (<paramref name="seen"/>: the clusters handled in this tx).
    /// </summary>
    private static void ClusterIncoming(
        UtxoIndex index, int[] seeds, TaintEntry[]?[] taint, int tx, ExposureOptions options, ClusterExposures clusters, int[] roots, double[] scratch, HashSet<int> seen, CoinJoinMask mixes)
    {
        var k = clusters.Exposures.Categories;
        var hops = options.Hops;
        var (outStart, outCount) = index.Outputs(tx);
        seen.Clear();
        for (var o = outStart; o < outStart + outCount; o++)
        {
            var address = index.Output(o).Address;
            if (address < 0 || !clusters.Slots.TryGetValue(roots[address], out var slot) || !seen.Add(roots[address]))
            {
                continue;
            }

            var root = roots[address];
            var outside = index.IsCoinbase(tx) ? 1 : InputMix(index, seeds, taint, tx, hops, scratch, roots, root);
            var mix = index.IsCoinbase(tx) ? null : Compact(scratch, hops, options.Epsilon);
            // Decided whether or not any input carries a mix: the share received from outside depends on it too.
            var coinJoin = !index.IsCoinbase(tx) && mixes.IsMix(tx);
            var x = clusters.Exposures;
            for (var p = o; p < outStart + outCount; p++)
            {
                var output = index.Output(p);
                if (output.Address < 0 || roots[output.Address] != root)
                {
                    continue;
                }

                if (coinJoin)
                {
                    outside = InputMix(index, seeds, taint, tx, hops, scratch, roots, root, output.Value);
                    mix = Compact(scratch, hops, options.Epsilon);
                }

                x.Received[slot] += (long)Math.Round(output.Value * outside);
                if (mix is null || (output.Value < options.DustThreshold && index.SpentBy(p) < 0))
                {
                    continue;
                }

                var bucket = x.AmountsOf(slot);
                foreach (var e in mix)
                {
                    bucket[((e.Hop == 0 ? 0 : 1) * k) + e.Category] += output.Value * (double)e.Share;
                }
            }
        }
    }

    /// <summary>
    /// The cluster side of the backward pass: each multi-address cluster spending in <paramref name="tx"/> sends what
    /// goes outside it, handled at its first input (<paramref name="seen"/>: the clusters handled in this tx).
    /// </summary>
    private static void ClusterOutgoing(
        UtxoIndex index, int[] seeds, TaintEntry[]?[] destination, int tx, ExposureOptions options, ClusterExposures clusters, int[] roots, double[] scratch, long unknownValue, HashSet<int> seen, CoinJoinMask mixes)
    {
        var coinJoin = mixes.IsMix(tx);
        var k = clusters.Exposures.Categories;
        var hops = options.Hops;
        var (inStart, inCount) = index.Inputs(tx);
        seen.Clear();
        for (var i = inStart; i < inStart + inCount; i++)
        {
            var address = index.Input(i).Address;
            if (address < 0 || !clusters.Slots.TryGetValue(roots[address], out var slot) || !seen.Add(roots[address]))
            {
                continue;
            }

            var root = roots[address];
            var (_, outside) = OutputMix(index, seeds, destination, tx, hops, scratch, roots, root);
            var mix = Compact(scratch, hops, options.Epsilon);
            var x = clusters.Exposures;
            for (var j = i; j < inStart + inCount; j++)
            {
                var input = index.Input(j);
                if (input.Address < 0 || roots[input.Address] != root || (input.SpentOutput < 0 && unknownValue == 0))
                {
                    continue;
                }

                var value = input.SpentOutput >= 0 ? index.Output(input.SpentOutput).Value : unknownValue;
                if (coinJoin)
                {
                    // A member's CoinJoin input weighs each output by at most its own value: what leaves, and where.
                    (_, outside) = OutputMix(index, seeds, destination, tx, hops, scratch, roots, root, value);
                    mix = Compact(scratch, hops, options.Epsilon);
                }

                x.Sent[slot] += (long)Math.Round(value * outside);
                if (mix is null)
                {
                    continue;
                }

                var bucket = x.AmountsOf(slot);
                foreach (var e in mix)
                {
                    bucket[((2 + (e.Hop == 0 ? 0 : 1)) * k) + e.Category] += value * (double)e.Share;
                }
            }
        }
    }

    private static TaintEntry[]? Compact(double[] scratch, int hops, double epsilon)
    {
        var n = 0;
        foreach (var v in scratch)
        {
            if (v > epsilon)
            {
                n++;
            }
        }

        if (n == 0)
        {
            return null;
        }

        var entries = new TaintEntry[n];
        var j = 0;
        for (var i = 0; i < scratch.Length; i++)
        {
            if (scratch[i] > epsilon)
            {
                entries[j++] = new TaintEntry((short)(i / hops), (byte)(i % hops), (float)Math.Min(1.0, scratch[i]));
            }
        }

        return entries;
    }
}
