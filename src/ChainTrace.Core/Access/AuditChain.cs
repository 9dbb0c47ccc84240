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
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(previousHash);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, sequence);
        hash.AppendData(number);
        BinaryPrimitives.WriteInt64BigEndian(number, e.Time.ToUnixTimeMilliseconds());
        hash.AppendData(number);
        AppendText(hash, e.KeyName);
        AppendText(hash, e.Role);
        AppendText(hash, e.Endpoint);
        AppendText(hash, e.Subject);
        BinaryPrimitives.WriteInt64BigEndian(number, e.Status);
        hash.AppendData(number);
        AppendText(hash, e.Decision);
        BinaryPrimitives.WriteInt64BigEndian(number, e.DataHeight ?? -1);
        hash.AppendData(number);
        return hash.GetHashAndReset();
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

    private static void AppendText(IncrementalHash hash, string? text)
    {
        Span<byte> length = stackalloc byte[4];
        if (text is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, -1);
            hash.AppendData(length);
            return;
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
