namespace ChainTrace.Risk.Exposure;

/// <summary>
/// Where the forward direction of an <see cref="EthExposurePass"/> stands after its first <see cref="Transfers"/>
/// transfers, so a later pass can go on over the transfers after them instead of starting over: per node (address,
/// or cluster root) the running mix and the value behind it, and the forward half of the result (received, incoming
/// amounts, dust and its count, exact incoming direct amounts and dust). The doubles are kept bit for bit, so going on
/// from here gives exactly what a pass from the first transfer gives. <see cref="NodeSeeds"/> are the seeds it ran
/// with: a pass may go on only when the seeds of the nodes it covered are unchanged.
/// </summary>
public sealed class EthForwardState(long transfers, int[] nodeSeeds, double[]?[] mix, double[] weight, EthExposures result)
{
    private const int Form = 1;

    public long Transfers { get; } = transfers;

    public int[] NodeSeeds { get; } = nodeSeeds;

    /// <summary>Nodes covered (the read model's address count when the state was taken).</summary>
    public int Count => weight.Length;

    /// <summary>Copies the forward half of the result into <paramref name="target"/> (sized for the read model now) and returns the running mixes and weights, grown to its size.</summary>
    internal (double[]?[] Mix, double[] Weight) RestoreInto(EthExposures target)
    {
        var n = target.Received.Length;
        var k = target.Categories;
        var nextMix = new double[]?[n];
        var nextWeight = new double[n];
        for (var a = 0; a < Count; a++)
        {
            nextMix[a] = mix[a];
            nextWeight[a] = weight[a];
            target.Received[a] = result.Received[a];
            target.DiscountedTransfers[a] = result.DiscountedTransfers[a];
            target.Discounted[a] = result.Discounted[a];
            target.DirectDiscounted[a] = result.DirectDiscounted[a];
            if (result.Amounts[a] is { } amounts)
            {
                amounts.AsSpan(0, 2 * k).CopyTo(target.AmountsOf(a));
            }

            if (result.DirectAmounts[a] is { } direct)
            {
                direct.AsSpan(0, k).CopyTo(target.DirectAmountsOf(a));
            }
        }

        return (nextMix, nextWeight);
    }

    /// <summary>Writes the state (the forward slots of the result only; the backward ones are recomputed each time).</summary>
    internal void WriteTo(BinaryWriter w)
    {
        var k = result.Categories;
        w.Write(Form);
        w.Write(Transfers);
        w.Write(Count);
        w.Write(k);
        for (var a = 0; a < Count; a++)
        {
            w.Write(NodeSeeds[a]);
            var flags = (mix[a] is null ? 0 : 1) | (result.Amounts[a] is null ? 0 : 2) | (result.Discounted[a] is null ? 0 : 4) |
                (result.DirectAmounts[a] is null ? 0 : 8) | (result.DirectDiscounted[a] is null ? 0 : 16) |
                (result.Received[a] == 0 ? 0 : 32) | (weight[a] == 0 ? 0 : 64) | (result.DiscountedTransfers[a] == 0 ? 0 : 128);
            w.Write((byte)flags);
            if (mix[a] is { } m)
            {
                Doubles(w, m);
            }

            if (result.Amounts[a] is { } amounts)
            {
                Doubles(w, amounts.AsSpan(0, 2 * k));
            }

            if (result.Discounted[a] is { } dust)
            {
                Doubles(w, dust);
            }

            if (result.DirectAmounts[a] is { } direct)
            {
                Amounts(w, direct.AsSpan(0, k));
            }

            if (result.DirectDiscounted[a] is { } directDust)
            {
                Amounts(w, directDust);
            }

            if (result.Received[a] != 0)
            {
                Amounts(w, [result.Received[a]]);
            }

            if (weight[a] != 0)
            {
                w.Write(weight[a]);
            }

            if (result.DiscountedTransfers[a] != 0)
            {
                w.Write(result.DiscountedTransfers[a]);
            }
        }
    }

    /// <summary>Reads a state <see cref="WriteTo"/> wrote for mixes of <paramref name="mixLength"/> slots (categories × hops); null when it is of another form or shape.</summary>
    internal static EthForwardState? ReadFrom(BinaryReader r, int mixLength)
    {
        if (r.ReadInt32() != Form)
        {
            return null;
        }

        var transfers = r.ReadInt64();
        var n = r.ReadInt32();
        var k = r.ReadInt32();
        if (k != ExposureCategories.All.Count || mixLength % k != 0)
        {
            return null;
        }

        var seeds = new int[n];
        var mix = new double[]?[n];
        var weight = new double[n];
        var result = new EthExposures(n, k);
        for (var a = 0; a < n; a++)
        {
            seeds[a] = r.ReadInt32();
            var flags = r.ReadByte();
            mix[a] = (flags & 1) == 0 ? null : Doubles(r, mixLength);
            if ((flags & 2) != 0)
            {
                Doubles(r, 2 * k).CopyTo(result.AmountsOf(a), 0);
            }

            result.Discounted[a] = (flags & 4) == 0 ? null : Doubles(r, 2 * k);
            if ((flags & 8) != 0)
            {
                Amounts(r, k).CopyTo(result.DirectAmountsOf(a), 0);
            }

            result.DirectDiscounted[a] = (flags & 16) == 0 ? null : Amounts(r, k);
            result.Received[a] = (flags & 32) == 0 ? 0 : Amounts(r, 1)[0];
            weight[a] = (flags & 64) == 0 ? 0 : r.ReadDouble();
            result.DiscountedTransfers[a] = (flags & 128) == 0 ? 0 : r.ReadInt32();
        }

        return new EthForwardState(transfers, seeds, mix, weight, result);
    }

    private static void Doubles(BinaryWriter w, ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            w.Write(v);
        }
    }

    private static double[] Doubles(BinaryReader r, int n)
    {
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = r.ReadDouble();
        }

        return values;
    }

    private static void Amounts(BinaryWriter w, ReadOnlySpan<UInt128> values)
    {
        foreach (var v in values)
        {
            w.Write((ulong)(v >> 64));
            w.Write((ulong)v);
        }
    }

    private static UInt128[] Amounts(BinaryReader r, int n)
    {
        var values = new UInt128[n];
        for (var i = 0; i < n; i++)
        {
            var high = r.ReadUInt64();
            values[i] = new UInt128(high, r.ReadUInt64());
        }

        return values;
    }
}
