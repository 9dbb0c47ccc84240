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
/// </summary>
public static class ExposurePass
{
    public static AddressExposures Run(UtxoIndex index, int[] seeds, ExposureOptions options, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var k = ExposureCategories.All.Count;
        var result = new AddressExposures(index.AddressCount, k);
        Forward(index, seeds, options, result, progress);
        Backward(index, seeds, options, result, progress);
        return result;
    }

    private static void Forward(UtxoIndex index, int[] seeds, ExposureOptions options, AddressExposures result, Action<long>? progress)
    {
        var k = result.Categories;
        var hops = options.Hops;
        var taint = new TaintEntry[]?[index.OutputCount];
        var scratch = new double[k * hops];
        for (var tx = 0; tx < index.TxCount; tx++)
        {
            Array.Clear(scratch);
            var (inStart, inCount) = index.Inputs(tx);
            long total = 0;
            for (var i = 0; i < inCount; i++)
            {
                var spent = index.Input(inStart + i).SpentOutput;
                total += spent >= 0 ? index.Output(spent).Value : 0;
            }

            for (var i = 0; i < inCount && total > 0; i++)
            {
                var input = index.Input(inStart + i);
                if (input.SpentOutput < 0)
                {
                    continue;
                }

                var weight = (double)index.Output(input.SpentOutput).Value / total;
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

            var mix = Compact(scratch, hops, options.Epsilon);
            var (outStart, outCount) = index.Outputs(tx);
            for (var o = outStart; o < outStart + outCount; o++)
            {
                taint[o] = mix;
                var output = index.Output(o);
                if (output.Address < 0)
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

            if ((tx & 0xFFFF) == 0)
            {
                progress?.Invoke(tx);
            }
        }
    }

    private static void Backward(UtxoIndex index, int[] seeds, ExposureOptions options, AddressExposures result, Action<long>? progress)
    {
        var k = result.Categories;
        var hops = options.Hops;
        var destination = new TaintEntry[]?[index.OutputCount];
        var scratch = new double[k * hops];
        for (var tx = index.TxCount - 1; tx >= 0; tx--)
        {
            Array.Clear(scratch);
            var (outStart, outCount) = index.Outputs(tx);
            long total = 0;
            for (var o = outStart; o < outStart + outCount; o++)
            {
                total += index.Output(o).Value;
            }

            for (var o = outStart; o < outStart + outCount && total > 0; o++)
            {
                var output = index.Output(o);
                var weight = (double)output.Value / total;
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

            var mix = Compact(scratch, hops, options.Epsilon);
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
                if (input.SpentOutput >= 0)
                {
                    destination[input.SpentOutput] = mix;
                }
                else if (input.Address < 0 || unknownValue == 0)
                {
                    continue;
                }

                var value = input.SpentOutput >= 0 ? index.Output(input.SpentOutput).Value : unknownValue;
                if (input.Address < 0)
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

            if ((tx & 0xFFFF) == 0)
            {
                progress?.Invoke(index.TxCount + (index.TxCount - tx));
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
