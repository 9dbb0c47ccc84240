using System.Buffers.Binary;

namespace ChainTrace.Cli.Tests.Mutation;

/// <summary>Mutants of Bitcoin inputs: a blk file of real mainnet frames and single raw blocks, from one seeded generator.</summary>
internal static class BlockMutants
{
    /// <summary>Mutants of <paramref name="blk"/> (Bitcoin Core framing), placed as <paramref name="name"/> beside the intact files.</summary>
    public static IEnumerable<Mutant> OfBlkFile(string set, string name, byte[] blk, Random random)
    {
        var frames = Frames(blk);
        for (var i = 0; i < 50; i++)
        {
            yield return new(set, "bit-flip", name, FlipBit(blk, random.Next(blk.Length), random.Next(8)));
        }

        for (var i = 0; i < 20; i++)
        {
            var (at, size) = frames[random.Next(frames.Count)];
            var length = (uint)(size - 8);
            uint[] choices = [length + 1, length - 1, 0, 80, uint.MaxValue, length + (uint)random.Next(1, 5000), (uint)random.Next(), length - (uint)random.Next(1, (int)length - 1)];
            var bytes = (byte[])blk.Clone();
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 4), choices[i % choices.Length]);
            yield return new(set, "length-field", name, bytes);
        }

        for (var i = 0; i < 15; i++)
        {
            yield return new(set, "truncate", name, blk[..random.Next(1, blk.Length)]);
        }

        for (var i = 0; i < 10; i++)
        {
            var (at, size) = frames[random.Next(frames.Count)];
            var insertAt = frames[random.Next(frames.Count)].Offset;
            yield return new(set, "duplicate-frame", name, [.. blk[..insertAt], .. blk.AsSpan(at, size), .. blk[insertAt..]]);
        }

        for (var i = 0; i < 5; i++)
        {
            var a = random.Next(frames.Count);
            var b = random.Next(frames.Count);
            var ordered = frames.Select(f => blk.AsSpan(f.Offset, f.Size).ToArray()).ToArray();
            (ordered[a], ordered[b]) = (ordered[b], ordered[a]);
            yield return new(set, "swap-frames", name, [.. ordered.SelectMany(f => f)]);
        }

        for (var i = 0; i < 10; i++)
        {
            var bytes = (byte[])blk.Clone();
            var at = random.Next(bytes.Length - 1);
            bytes.AsSpan(at, Math.Min(random.Next(1, 2000), bytes.Length - at)).Clear();
            yield return new(set, "zero-region", name, bytes);
        }

        for (var i = 0; i < 5; i++)
        {
            yield return new(set, "junk-appended", name, [.. blk, .. Junk(random, random.Next(1, 500))]);
        }

        yield return new(set, "zero-padding", name, [.. blk, .. new byte[random.Next(1, 70_000)]]);
        yield return new(set, "empty", name, [], AsIfAbsent: true);
        yield return new(set, "junk-file", name, Junk(random, 4096));
    }

    /// <summary>Mutants of one serialized block (bare, or in one blk frame when <paramref name="framed"/>).</summary>
    public static IEnumerable<Mutant> OfRawBlock(string set, string name, byte[] raw, bool framed, Random random)
    {
        var start = framed ? 8 : 0;
        for (var i = 0; i < 14; i++)
        {
            yield return new(set, "bit-flip", name, FlipBit(raw, random.Next(raw.Length), random.Next(8)));
        }

        for (var i = 0; i < 3; i++)
        {
            // The header (80 bytes) and the transaction count after it: the fields every reader trusts first.
            yield return new(set, "header-bit-flip", name, FlipBit(raw, start + random.Next(81), random.Next(8)));
        }

        for (var i = 0; i < 4; i++)
        {
            yield return new(set, "truncate", name, raw[..random.Next(0, raw.Length)]);
        }

        yield return new(set, "junk-appended", name, [.. raw, .. Junk(random, random.Next(1, 300))]);
        yield return new(set, "block-twice", name, [.. raw, .. raw]);
        var zeroed = (byte[])raw.Clone();
        zeroed.AsSpan(start + 81 + random.Next(raw.Length - start - 82)).Clear();
        yield return new(set, "zero-tail", name, zeroed);
    }

    public static IEnumerable<Mutant> Junkfiles(string set, string name, Random random)
    {
        yield return new(set, "empty", name, []);
        yield return new(set, "junk-file", name, Junk(random, 2000));
        yield return new(set, "zeros", name, new byte[4096]);
        yield return new(set, "hex-junk", name, System.Text.Encoding.ASCII.GetBytes(Convert.ToHexStringLower(Junk(random, 500))));
    }

    internal static List<(int Offset, int Size)> Frames(byte[] blk)
    {
        var frames = new List<(int, int)>();
        for (var at = 0; at + 8 <= blk.Length;)
        {
            var size = 8 + (int)BinaryPrimitives.ReadUInt32LittleEndian(blk.AsSpan(at + 4));
            frames.Add((at, size));
            at += size;
        }

        return frames;
    }

    internal static byte[] FlipBit(byte[] bytes, int at, int bit)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] ^= (byte)(1 << bit);
        return copy;
    }

    internal static byte[] Junk(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
