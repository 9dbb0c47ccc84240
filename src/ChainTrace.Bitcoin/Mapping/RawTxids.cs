using System.Buffers;
using System.Security.Cryptography;
using ChainTrace.Core.Primitives;
using NBitcoin;

namespace ChainTrace.Bitcoin.Mapping;

/// <summary>
/// Txids hashed straight from a block's bytes. NBitcoin's <c>GetHash</c> re-serializes each transaction field by
/// field into a hash stream, which cost about as much as parsing the block. The transactions' byte ranges follow
/// from their sizes (<see cref="TransactionSizes"/>); the txid is the double SHA-256 of the legacy serialization:
/// version, inputs and outputs, lock time, without the BIP-144 marker, flag and witnesses.
/// </summary>
internal static class RawTxids
{
    /// <summary>
    /// The txids of <paramref name="block"/>'s transactions, or null when the sizes do not add up to the bytes
    /// (a non-canonical encoding somewhere): the caller then asks NBitcoin for each.
    /// </summary>
    public static Hash32[]? Compute(Block block, byte[] rawBlock)
    {
        if (Ranges(block, rawBlock) is not { } ranges)
        {
            return null;
        }

        var txids = new Hash32[ranges.Length];
        Span<byte> hash = stackalloc byte[32];
        byte[]? scratch = null;
        try
        {
            for (var i = 0; i < ranges.Length; i++)
            {
                var (start, size, baseSize) = ranges[i];
                var tx = rawBlock.AsSpan(start, size);
                if (size == baseSize)
                {
                    SHA256.HashData(tx, hash);
                }
                else
                {
                    // Witness serialization: version(4) marker flag [inputs outputs] witnesses locktime(4).
                    if (scratch is null || scratch.Length < baseSize)
                    {
                        if (scratch is not null)
                        {
                            ArrayPool<byte>.Shared.Return(scratch);
                        }

                        scratch = ArrayPool<byte>.Shared.Rent(baseSize);
                    }

                    var legacy = scratch.AsSpan(0, baseSize);
                    tx[..4].CopyTo(legacy);
                    tx.Slice(6, baseSize - 8).CopyTo(legacy[4..]);
                    tx[^4..].CopyTo(legacy[^4..]);
                    SHA256.HashData(legacy, hash);
                }

                SHA256.HashData(hash, hash);
                hash.Reverse();
                txids[i] = new Hash32(hash);
            }
        }
        finally
        {
            if (scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        }

        return txids;
    }

    /// <summary>
    /// The BIP-141 wtxids (double SHA-256 of the whole serialization, witnesses included; the txid for a
    /// transaction without witnesses), or null when the sizes do not add up to the bytes.
    /// </summary>
    public static Hash32[]? ComputeWitnessIds(Block block, byte[] rawBlock)
    {
        if (Ranges(block, rawBlock) is not { } ranges)
        {
            return null;
        }

        var wtxids = new Hash32[ranges.Length];
        Span<byte> hash = stackalloc byte[32];
        for (var i = 0; i < ranges.Length; i++)
        {
            SHA256.HashData(rawBlock.AsSpan(ranges[i].Offset, ranges[i].Size), hash);
            SHA256.HashData(hash, hash);
            hash.Reverse();
            wtxids[i] = new Hash32(hash);
        }

        return wtxids;
    }

    private static (int Offset, int Size, int BaseSize)[]? Ranges(Block block, byte[] rawBlock)
    {
        var transactions = block.Transactions;
        var offset = 80 + TransactionSizes.VarIntSize(transactions.Count);
        var ranges = new (int Offset, int Size, int BaseSize)[transactions.Count];
        for (var i = 0; i < ranges.Length; i++)
        {
            var (size, baseSize) = TransactionSizes.ComputeBase(transactions[i]);
            ranges[i] = (offset, size, baseSize);
            offset += size;
        }

        return offset == rawBlock.Length ? ranges : null;
    }
}
