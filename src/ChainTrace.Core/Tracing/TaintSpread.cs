namespace ChainTrace.Core.Tracing;

/// <summary>
/// One transaction's step of a taint model, exactly as the simulator's ledger takes it (TaintPropagation):
/// haircut floors each output's share of the tainted input value over all input value (so the fee takes its
/// share and the rounding); FIFO lays the inputs' segments in input order over the outputs in output order
/// (the fee takes the tail); poison taints every output wholly.
/// </summary>
internal static class TaintSpread
{
    /// <param name="inputs">Per input, in order: its value and its taint (null when clean).</param>
    /// <param name="outputs">The output values in order.</param>
    public static OutputTaint?[] Apply(TaintModel model, IReadOnlyList<(long Value, OutputTaint? Taint)> inputs, IReadOnlyList<long> outputs, int hop)
    {
        var result = new OutputTaint?[outputs.Count];
        switch (model)
        {
            case TaintModel.Poison:
                for (var k = 0; k < outputs.Count; k++)
                {
                    result[k] = outputs[k] > 0 ? new OutputTaint(outputs[k], null, hop) : null;
                }

                break;
            case TaintModel.Haircut:
                long inSum = 0, tainted = 0;
                foreach (var (value, taint) in inputs)
                {
                    inSum += value;
                    tainted += taint?.Amount ?? 0;
                }

                for (var k = 0; k < outputs.Count && inSum > 0; k++)
                {
                    var share = (long)((Int128)tainted * outputs[k] / inSum);
                    result[k] = share > 0 ? new OutputTaint(share, null, hop) : null;
                }

                break;
            default:
                Fifo(inputs, outputs, hop, result);
                break;
        }

        return result;
    }

    private static void Fifo(IReadOnlyList<(long Value, OutputTaint? Taint)> inputs, IReadOnlyList<long> outputs, int hop, OutputTaint?[] result)
    {
        var queue = new List<(bool Tainted, long Amount)>();
        foreach (var (value, taint) in inputs)
        {
            if (taint?.Segments is { } segments)
            {
                queue.AddRange(segments);
            }
            else
            {
                queue.Add((false, value));
            }
        }

        var (qi, used) = (0, 0L);
        for (var k = 0; k < outputs.Count; k++)
        {
            var segments = new List<(bool Tainted, long Amount)>();
            var need = outputs[k];
            long amount = 0;
            while (need > 0 && qi < queue.Count)
            {
                var (tainted, available) = queue[qi];
                var take = Math.Min(need, available - used);
                if (segments.Count > 0 && segments[^1].Tainted == tainted)
                {
                    segments[^1] = (tainted, segments[^1].Amount + take);
                }
                else
                {
                    segments.Add((tainted, take));
                }

                amount += tainted ? take : 0;
                need -= take;
                used += take;
                if (used == available)
                {
                    (qi, used) = (qi + 1, 0);
                }
            }

            result[k] = amount > 0 ? new OutputTaint(amount, segments, hop) : null;
        }
    }
}
