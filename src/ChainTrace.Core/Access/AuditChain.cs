using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ChainTrace.Core.Access;

/// <summary>
/// The hash chain over the audit log: each entry's hash covers the previous entry's hash, its sequence and every
/// field of its event in a fixed, length-prefixed encoding, so any store computes and checks the same chain and
/// changing, removing or reordering an entry breaks every hash from there on.
/// </summary>
public static class AuditChain
{
    public const int HashLength = 32;

    public static ReadOnlyMemory<byte> Genesis { get; } = new byte[HashLength];

    public static byte[] Hash(ReadOnlySpan<byte> previousHash, long sequence, AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        // The whole encoding in one buffer and one digest call: a digest update per field (a dozen native calls per
        // entry) was most of the hashing's cost on the audit copier's path.
        var size = previousHash.Length + (4 * 8) + TextSize(e.KeyName) + TextSize(e.Role) + TextSize(e.Endpoint) + TextSize(e.Subject) + TextSize(e.Decision);
        byte[]? rented = null;
        var buffer = size <= 1024 ? stackalloc byte[size] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(size)).AsSpan(0, size);
        try
        {
            previousHash.CopyTo(buffer);
            var at = previousHash.Length;
            at = WriteNumber(buffer, at, sequence);
            at = WriteNumber(buffer, at, e.Time.ToUnixTimeMilliseconds());
            at = WriteText(buffer, at, e.KeyName);
            at = WriteText(buffer, at, e.Role);
            at = WriteText(buffer, at, e.Endpoint);
            at = WriteText(buffer, at, e.Subject);
            at = WriteNumber(buffer, at, e.Status);
            at = WriteText(buffer, at, e.Decision);
            WriteNumber(buffer, at, e.DataHeight ?? -1);
            return SHA256.HashData(buffer);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Links <paramref name="events"/> after an entry with <paramref name="lastSequence"/> and <paramref name="lastHash"/>.</summary>
    public static IReadOnlyList<AuditEntry> Link(long lastSequence, ReadOnlyMemory<byte> lastHash, IReadOnlyList<AuditEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var entries = new AuditEntry[events.Count];
        var previous = lastHash;
        for (var i = 0; i < events.Count; i++)
        {
            var sequence = lastSequence + 1 + i;
            var hash = Hash(previous.Span, sequence, events[i]);
            entries[i] = new AuditEntry(sequence, events[i], previous, hash);
            previous = hash;
        }

        return entries;
    }

    /// <summary>Checks entries read oldest first: consecutive sequences from 1, each linked to its predecessor, each hash recomputed.</summary>
    public static async Task<AuditVerification> VerifyAsync(IAsyncEnumerable<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var expectedSequence = 1L;
        var previous = Genesis;
        await foreach (var entry in entries.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (entry.Sequence != expectedSequence)
            {
                return new AuditVerification(expectedSequence - 1, entry.Sequence, $"expected entry {expectedSequence}, found entry {entry.Sequence}: entries are missing");
            }

            if (!entry.PreviousHash.Span.SequenceEqual(previous.Span))
            {
                return new AuditVerification(expectedSequence - 1, entry.Sequence, "its previous-hash does not match the hash of the entry before it");
            }

            if (!Hash(previous.Span, entry.Sequence, entry.Event).AsSpan().SequenceEqual(entry.Hash.Span))
            {
                return new AuditVerification(expectedSequence - 1, entry.Sequence, "its content does not match its hash: the entry was changed");
            }

            previous = entry.Hash;
            expectedSequence++;
        }

        return new AuditVerification(expectedSequence - 1, null, null);
    }

    /// <summary>A text field's encoded size: a 4-byte big-endian length (-1 for null), then its UTF-8 bytes.</summary>
    private static int TextSize(string? text) => 4 + (text is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(text));

    private static int WriteText(Span<byte> buffer, int at, string? text)
    {
        if (text is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(buffer[at..], -1);
            return at + 4;
        }

        var length = System.Text.Encoding.UTF8.GetBytes(text, buffer[(at + 4)..]);
        BinaryPrimitives.WriteInt32BigEndian(buffer[at..], length);
        return at + 4 + length;
    }

    private static int WriteNumber(Span<byte> buffer, int at, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(buffer[at..], value);
        return at + 8;
    }
}
