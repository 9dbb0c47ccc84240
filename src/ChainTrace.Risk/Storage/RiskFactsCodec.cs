using System.Buffers;
using System.Buffers.Binary;
using ChainTrace.Core.Risk;

namespace ChainTrace.Risk.Storage;

/// <summary>
/// The stored form of <see cref="RiskFacts"/>: a few bytes per address instead of ~500 of JSON (writing and parsing
/// that JSON was most of a refresh and a good part of a screening). Integers are zigzag varints, doubles their 8
/// IEEE bytes (so a share or probability reads back bit for bit, and the API answers exactly what JSON gave), and
/// every text (category, reason, feature name) an index into the file's string table. Amounts (received, sent,
/// exposure, dust) are unsigned 128-bit varints since <see cref="Format"/> 2 (wei do not fit 64 bits); a file of form 1
/// holds them as zigzag 64-bit varints and still reads (<see cref="Decode"/> with its version).
/// <code>
/// flags (1: cluster, 2: model probability, 4: top features)
/// [cluster] received sent
/// n × (category, direction·2 + type, amount, share)
/// n × (category, type, amount, outputs, reason)
/// [probability] [n × (feature, value, contribution)]
/// </code>
/// </summary>
internal static class RiskFactsCodec
{
    /// <summary>Names the layout in the file's meta table; a file without it holds JSON facts (written before).</summary>
    public const string Format = "facts-binary-2";

    /// <summary>The first binary layout: the same fields, amounts as signed 64-bit varints.</summary>
    public const string FormatV1 = "facts-binary-1";

    /// <summary>The layout version a meta <c>format</c> value names; 0 when this build does not read it.</summary>
    public static int VersionOf(string format) => format switch
    {
        Format => 2,
        FormatV1 => 1,
        _ => 0,
    };

    private const byte HasCluster = 1;
    private const byte HasProbability = 2;
    private const byte HasTopFeatures = 4;

    public static void Encode(RiskFacts facts, StringTable strings, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var flags = (byte)((facts.ClusterId is null ? 0 : HasCluster) | (facts.ModelProbability is null ? 0 : HasProbability) | (facts.TopFeatures is null ? 0 : HasTopFeatures));
        var w = new Writer(output);
        w.Byte(flags);
        if (facts.ClusterId is { } cluster)
        {
            w.Long(cluster);
        }

        w.Amount(facts.Received);
        w.Amount(facts.Sent);
        w.Long(facts.Exposures.Count);
        foreach (var e in facts.Exposures)
        {
            w.Long(strings.Id(e.Category));
            w.Byte((byte)(((int)e.Direction * 2) + (int)e.Type));
            w.Amount(e.Amount);
            w.Double(e.Share);
        }

        w.Long(facts.Discounted.Count);
        foreach (var d in facts.Discounted)
        {
            w.Long(strings.Id(d.Category));
            w.Byte((byte)d.Type);
            w.Amount(d.Amount);
            w.Long(d.Outputs);
            w.Long(strings.Id(d.Reason));
        }

        if (facts.ModelProbability is { } p)
        {
            w.Double(p);
        }

        if (facts.TopFeatures is { } top)
        {
            w.Long(top.Count);
            foreach (var f in top)
            {
                w.Long(strings.Id(f.Feature));
                w.Double(f.Value);
                w.Double(f.Contribution);
            }
        }
    }

    public static RiskFacts Decode(ReadOnlySpan<byte> data, IReadOnlyList<string> strings, int version = 2)
    {
        var r = new Reader(data, version);
        var flags = r.Byte();
        long? cluster = (flags & HasCluster) != 0 ? r.Long() : null;
        var received = r.Amount();
        var sent = r.Amount();
        var exposures = new CategoryExposure[r.Count()];
        for (var i = 0; i < exposures.Length; i++)
        {
            var category = strings[r.Count()];
            var kind = r.Byte();
            exposures[i] = new CategoryExposure(category, (ExposureDirection)(kind >> 1), (ExposureType)(kind & 1), r.Amount(), r.Double());
        }

        var discounted = new DiscountedExposure[r.Count()];
        for (var i = 0; i < discounted.Length; i++)
        {
            var category = strings[r.Count()];
            var type = (ExposureType)r.Byte();
            var amount = r.Amount();
            var outputs = checked((int)r.Long());
            discounted[i] = new DiscountedExposure(category, type, amount, outputs, strings[r.Count()]);
        }

        double? probability = (flags & HasProbability) != 0 ? r.Double() : null;
        FeatureContribution[]? top = null;
        if ((flags & HasTopFeatures) != 0)
        {
            top = new FeatureContribution[r.Count()];
            for (var i = 0; i < top.Length; i++)
            {
                var feature = strings[r.Count()];
                var value = r.Double();
                top[i] = new FeatureContribution(feature, value, r.Double());
            }
        }

        if (!r.AtEnd)
        {
            throw new InvalidDataException($"stored risk facts have {data.Length - r.Position} bytes past their end");
        }

        return new RiskFacts(cluster, received, sent, exposures, discounted, probability, top);
    }

    /// <summary>The texts a file's facts refer to, numbered in the order first met.</summary>
    internal sealed class StringTable
    {
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
        private readonly List<string> _texts = [];

        public IReadOnlyList<string> Texts => _texts;

        public int Id(string text)
        {
            ArgumentNullException.ThrowIfNull(text);
            if (!_ids.TryGetValue(text, out var id))
            {
                id = _texts.Count;
                _ids[text] = id;
                _texts.Add(text);
            }

            return id;
        }
    }

    private readonly ref struct Writer(IBufferWriter<byte> output)
    {
        public void Byte(byte value)
        {
            output.GetSpan(1)[0] = value;
            output.Advance(1);
        }

        public void Long(long value)
        {
            var span = output.GetSpan(10);
            var zigzag = (ulong)((value << 1) ^ (value >> 63));
            var n = 0;
            while (zigzag >= 0x80)
            {
                span[n++] = (byte)(zigzag | 0x80);
                zigzag >>= 7;
            }

            span[n++] = (byte)zigzag;
            output.Advance(n);
        }

        /// <summary>Unsigned LEB128, at most 19 bytes.</summary>
        public void Amount(UInt128 value)
        {
            var span = output.GetSpan(19);
            var n = 0;
            while (value >= 0x80)
            {
                span[n++] = (byte)((byte)value | 0x80);
                value >>= 7;
            }

            span[n++] = (byte)value;
            output.Advance(n);
        }

        public void Double(double value)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(output.GetSpan(8), value);
            output.Advance(8);
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> data, int version)
    {
        private readonly ReadOnlySpan<byte> _data = data;

        public int Position { get; private set; }

        public readonly bool AtEnd => Position == _data.Length;

        public byte Byte() => _data[Position++];

        public long Long()
        {
            ulong zigzag = 0;
            for (var shift = 0; ; shift += 7)
            {
                if (shift > 63)
                {
                    throw new InvalidDataException("a stored risk fact has an overlong number");
                }

                var b = _data[Position++];
                zigzag |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    break;
                }
            }

            return (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
        }

        /// <summary>An amount of base units: unsigned 128-bit (form 2) or a non-negative signed 64-bit varint (form 1).</summary>
        public UInt128 Amount()
        {
            if (version == 1)
            {
                var old = Long();
                return old >= 0 ? (UInt128)old : throw new InvalidDataException($"a stored risk fact has a negative amount {old}");
            }

            UInt128 value = 0;
            for (var shift = 0; ; shift += 7)
            {
                if (shift > 126)
                {
                    throw new InvalidDataException("a stored risk fact has an overlong amount");
                }

                var b = _data[Position++];
                if (shift == 126 && b > 3)
                {
                    throw new InvalidDataException("a stored risk fact has an amount above 128 bits");
                }

                value |= (UInt128)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }

        /// <summary>A count or string index: never negative.</summary>
        public int Count()
        {
            var value = Long();
            return value is >= 0 and <= int.MaxValue ? (int)value : throw new InvalidDataException($"a stored risk fact has a count of {value}");
        }

        public double Double()
        {
            var value = BinaryPrimitives.ReadDoubleLittleEndian(_data[Position..]);
            Position += 8;
            return value;
        }
    }
}
