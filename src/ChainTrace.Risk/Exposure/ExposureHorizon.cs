using ChainTrace.Index.Utxo;

namespace ChainTrace.Risk.Exposure;

/// <summary>
/// Per address the last transaction its exposure row depends on: the largest <c>T</c> with the address in
/// <see cref="ExposureImpact.Affected"/><c>(index, T)</c> (-1 for none). Stored beside a refresh, it says which rows a
/// rollback to before transaction <c>F</c> invalidates (those with a horizon of <c>F</c> or more), which the read model
/// after the rollback can no longer tell: the removed transactions are gone from it.
/// </summary>
public static class ExposureHorizon
{
    public static int[] Compute(UtxoIndex index, ExposureOptions options)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(options);

        // reach[tx]: the largest transaction within Hops - 1 spends downstream of tx (itself included), one level at a time.
        var reach = new int[index.TxCount];
        for (var tx = 0; tx < reach.Length; tx++)
        {
            reach[tx] = tx;
        }

        for (var level = 1; level < options.Hops; level++)
        {
            var next = (int[])reach.Clone();
            for (var tx = 0; tx < reach.Length; tx++)
            {
                var (start, count) = index.Outputs(tx);
                for (var o = start; o < start + count; o++)
                {
                    if (index.SpentBy(o) is var by and >= 0 && reach[by] > next[tx])
                    {
                        next[tx] = reach[by];
                    }
                }
            }

            reach = next;
        }

        var horizon = new int[index.AddressCount];
        Array.Fill(horizon, -1);
        for (var tx = 0; tx < reach.Length; tx++)
        {
            var (outStart, outCount) = index.Outputs(tx);
            for (var o = outStart; o < outStart + outCount; o++)
            {
                Raise(horizon, index.Output(o).Address, tx);
            }

            var (inStart, inCount) = index.Inputs(tx);
            for (var i = inStart; i < inStart + inCount; i++)
            {
                var input = index.Input(i);
                Raise(horizon, input.Address, reach[tx]);
                if (input.SpentOutput >= 0 && index.Output(input.SpentOutput).Value < options.DustThreshold)
                {
                    Raise(horizon, index.Output(input.SpentOutput).Address, tx);
                }
            }
        }

        return horizon;
    }

    private static void Raise(int[] horizon, int address, int tx)
    {
        if (address >= 0 && horizon[address] < tx)
        {
            horizon[address] = tx;
        }
    }
}
