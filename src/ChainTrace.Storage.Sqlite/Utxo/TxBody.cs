using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Storage.Sqlite.Utxo;

/// <summary>
/// A transaction's outputs and inputs packed into the one <c>utxo_txs.body</c> blob: one row per transaction
/// instead of one per input and output, which made SQLite row inserts most of the ingest cost. The encoding is
/// a pure function of the content (no row ids), so the digest can hash it as it is.
/// <code>
/// body   := varint(outputs) output* varint(inputs) input*
/// output := varint(value) byte(kind) key
/// input  := txid[32] varint(prev index) key byte(flags: 1 value, 2 prev kind, source &lt;&lt; 2) [varint(value)] [byte(prev kind)]
/// key    := varint(length + 1) bytes, 0 for no address
/// </code>
/// </summary>
internal static class TxBody
{
    private const byte HasValue = 1;
    private const byte HasKind = 2;

    public static byte[] Encode(UtxoTransaction tx)
    {
        var size = 10;
        foreach (var output in tx.Outputs)
        {
            size += 10 + 1 + 5 + (output.AddressKey?.Length ?? 0);
        }

        foreach (var input in tx.Inputs)
        {
            size += 32 + 5 + 5 + (input.AddressKey?.Length ?? 0) + 1 + 10 + 1;
        }

        Span<byte> buffer = size <= 4096 ? stackalloc byte[size] : new byte[size];
        var at = 0;
        WriteVarint(buffer, ref at, (ulong)tx.Outputs.Count);
        foreach (var output in tx.Outputs)
        {
            WriteVarint(buffer, ref at, unchecked((ulong)output.Value));
            buffer[at++] = (byte)output.Kind;
            WriteKey(buffer, ref at, output.AddressKey);
        }

        WriteVarint(buffer, ref at, (ulong)tx.Inputs.Count);
        foreach (var input in tx.Inputs)
        {
            input.PrevOut.TxId.CopyTo(buffer[at..]);
            at += 32;
            WriteVarint(buffer, ref at, input.PrevOut.Index);
            WriteKey(buffer, ref at, input.AddressKey);
            var flags = (byte)(((byte)input.Source << 2) | (input.Value is null ? 0 : HasValue) | (input.PrevKind is null ? 0 : HasKind));
            buffer[at++] = flags;
            if (input.Value is { } value)
            {
                WriteVarint(buffer, ref at, unchecked((ulong)value));
            }

            if (input.PrevKind is { } kind)
            {
                buffer[at++] = (byte)kind;
            }
        }

        return buffer[..at].ToArray();
    }

    /// <summary>Output <paramref name="index"/> of a body, or null when the transaction has no such output.</summary>
    public static SpentOutput? ReadOutput(ReadOnlySpan<byte> body, uint index)
    {
        var at = 0;
        var count = ReadVarint(body, ref at);
        if (index >= count)
        {
            return null;
        }

        for (uint o = 0; o < index; o++)
        {
            ReadVarint(body, ref at);
            at++;
            SkipKey(body, ref at);
        }

        var value = unchecked((long)ReadVarint(body, ref at));
        var outputKind = (OutputKind)body[at++];
        return new SpentOutput(value, outputKind, ReadKey(body, ref at));
    }

    public static List<UtxoOutput> ReadOutputs(ReadOnlySpan<byte> body)
    {
        var at = 0;
        return ReadOutputs(body, ref at);
    }

    public static List<UtxoInput> ReadInputs(ReadOnlySpan<byte> body)
    {
        var at = 0;
        var outputs = ReadVarint(body, ref at);
        for (ulong o = 0; o < outputs; o++)
        {
            ReadVarint(body, ref at);
            at++;
            SkipKey(body, ref at);
        }

        var count = (int)ReadVarint(body, ref at);
        var inputs = new List<UtxoInput>(count);
        for (var i = 0; i < count; i++)
        {
            var txid = new Hash32(body.Slice(at, 32));
            at += 32;
            var prevIndex = (uint)ReadVarint(body, ref at);
            var key = ReadKey(body, ref at);
            var flags = body[at++];
            long? value = (flags & HasValue) != 0 ? unchecked((long)ReadVarint(body, ref at)) : null;
            OutputKind? prevKind = (flags & HasKind) != 0 ? (OutputKind)body[at++] : null;
            inputs.Add(new UtxoInput
            {
                Index = i,
                PrevOut = new OutPoint(txid, prevIndex),
                AddressKey = key,
                Value = value,
                PrevKind = prevKind,
                Source = (PrevoutSource)(flags >> 2),
            });
        }

        return inputs;
    }

    /// <summary>The address keys of a body's inputs (none when <paramref name="coinbase"/>) and outputs, nothing else decoded.</summary>
    public static (byte[]?[] Inputs, byte[]?[] Outputs) ReadKeys(ReadOnlySpan<byte> body, bool coinbase)
    {
        var at = 0;
        var outputs = new byte[]?[(int)ReadVarint(body, ref at)];
        for (var o = 0; o < outputs.Length; o++)
        {
            ReadVarint(body, ref at);
            at++;
            outputs[o] = ReadKey(body, ref at);
        }

        if (coinbase)
        {
            return ([], outputs);
        }

        var inputs = new byte[]?[(int)ReadVarint(body, ref at)];
        for (var i = 0; i < inputs.Length; i++)
        {
            at += 32;
            ReadVarint(body, ref at);
            inputs[i] = ReadKey(body, ref at);
            var flags = body[at++];
            if ((flags & HasValue) != 0)
            {
                ReadVarint(body, ref at);
            }

            if ((flags & HasKind) != 0)
            {
                at++;
            }
        }

        return (inputs, outputs);
    }

    private static List<UtxoOutput> ReadOutputs(ReadOnlySpan<byte> body, ref int at)
    {
        var count = (int)ReadVarint(body, ref at);
        var outputs = new List<UtxoOutput>(count);
        for (var o = 0; o < count; o++)
        {
            var value = unchecked((long)ReadVarint(body, ref at));
            var kind = (OutputKind)body[at++];
            outputs.Add(new UtxoOutput(o, value, kind, ReadKey(body, ref at)));
        }

        return outputs;
    }

    private static void WriteKey(Span<byte> buffer, ref int at, byte[]? key)
    {
        if (key is null)
        {
            buffer[at++] = 0;
            return;
        }

        WriteVarint(buffer, ref at, (ulong)key.Length + 1);
        key.CopyTo(buffer[at..]);
        at += key.Length;
    }

    private static byte[]? ReadKey(ReadOnlySpan<byte> body, ref int at)
    {
        var length = (int)ReadVarint(body, ref at);
        if (length == 0)
        {
            return null;
        }

        var key = body.Slice(at, length - 1).ToArray();
        at += length - 1;
        return key;
    }

    private static void SkipKey(ReadOnlySpan<byte> body, ref int at)
    {
        var length = (int)ReadVarint(body, ref at);
        at += Math.Max(0, length - 1);
    }

    private static void WriteVarint(Span<byte> buffer, ref int at, ulong value)
    {
        while (value >= 0x80)
        {
            buffer[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[at++] = (byte)value;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> body, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = body[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
