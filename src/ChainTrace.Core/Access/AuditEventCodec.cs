using System.Buffers;
using System.Buffers.Binary;

namespace ChainTrace.Core.Access;

/// <summary>
/// A compact binary form of one <see cref="AuditEvent"/> for the audit journal: time (Unix ms), the texts
/// length-prefixed (-1 for null), status and data height (with a presence byte). Round-trips every field exactly.
/// </summary>
public static class AuditEventCodec
{
    public static void Write(IBufferWriter<byte> output, AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(e);
        WriteInt64(output, e.Time.ToUnixTimeMilliseconds());
        WriteText(output, e.KeyName);
        WriteText(output, e.Role);
        WriteText(output, e.Endpoint);
        WriteText(output, e.Subject);
        var span = output.GetSpan(4);
        BinaryPrimitives.WriteInt32LittleEndian(span, e.Status);
        output.Advance(4);
        WriteText(output, e.Decision);
        span = output.GetSpan(1);
        span[0] = e.DataHeight is null ? (byte)0 : (byte)1;
        output.Advance(1);
        WriteInt64(output, e.DataHeight ?? 0);
    }

    /// <summary>Reads an event written by <see cref="Write"/>; <see cref="FormatException"/> when the bytes are not one.</summary>
    public static AuditEvent Read(ReadOnlySpan<byte> bytes)
    {
        var reader = new Reader(bytes);
        var time = DateTimeOffset.FromUnixTimeMilliseconds(reader.Int64());
        var keyName = reader.Text();
        var role = reader.Text();
        var endpoint = reader.Text() ?? throw new FormatException("an audit journal record has no endpoint");
        var subject = reader.Text() ?? throw new FormatException("an audit journal record has no subject");
        var status = reader.Int32();
        var decision = reader.Text();
        var hasHeight = reader.Byte();
        var height = reader.Int64();
        if (!reader.AtEnd)
        {
            throw new FormatException("an audit journal record has bytes after its event");
        }

        return new AuditEvent(time, keyName, role, endpoint, subject, status, decision, hasHeight == 1 ? height : null);
    }

    private static void WriteInt64(IBufferWriter<byte> output, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    private static void WriteText(IBufferWriter<byte> output, string? text)
    {
        var length = text is null ? -1 : System.Text.Encoding.UTF8.GetByteCount(text);
        var span = output.GetSpan(4 + Math.Max(0, length));
        BinaryPrimitives.WriteInt32LittleEndian(span, length);
        if (text is not null)
        {
            System.Text.Encoding.UTF8.GetBytes(text, span[4..]);
        }

        output.Advance(4 + Math.Max(0, length));
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private ReadOnlySpan<byte> _rest = bytes;

        public readonly bool AtEnd => _rest.IsEmpty;

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

        public byte Byte() => Take(1)[0];

        public string? Text()
        {
            var length = Int32();
            return length switch
            {
                -1 => null,
                < -1 => throw new FormatException("an audit journal record has a negative text length"),
                _ => System.Text.Encoding.UTF8.GetString(Take(length)),
            };
        }

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count > _rest.Length)
            {
                throw new FormatException("an audit journal record ends inside a field");
            }

            var taken = _rest[..count];
            _rest = _rest[count..];
            return taken;
        }
    }
}
