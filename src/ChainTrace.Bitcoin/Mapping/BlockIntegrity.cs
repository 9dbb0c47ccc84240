using System.Security.Cryptography;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Bitcoin.Mapping;

/// <summary>
/// What makes bytes a block rather than something shaped like one, checked for every source before a block is
/// stored: at least one transaction with a coinbase first, no transaction twice (the CVE-2012-2459 duplication
/// keeps the merkle root), the merkle root of the txids as the header says, and a header hash that meets its
/// own <c>nBits</c> target. Contextual rules (the target the chain demands at that height, scripts, amounts)
/// are a validating node's job, not an indexer's.
/// </summary>
internal static class BlockIntegrity
{
    /// <exception cref="FormatException">The block breaks one of the rules; the message says which.</exception>
    public static void Check(Hash32 blockHash, uint bits, Hash32 merkleRoot, IReadOnlyList<UtxoTransaction> transactions)
    {
        if (transactions.Count == 0)
        {
            throw new FormatException("the block has no transactions; every block has a coinbase");
        }

        if (!transactions[0].IsCoinbase)
        {
            throw new FormatException($"the first transaction {transactions[0].TxId} is not a coinbase");
        }

        Span<byte> hash = stackalloc byte[32];
        blockHash.CopyTo(hash);
        if (ChainWork.Target(bits) is null)
        {
            throw new FormatException($"nBits 0x{bits:x8} is not a valid proof-of-work target");
        }

        if (!ChainWork.MeetsTarget(hash, bits))
        {
            throw new FormatException($"the header hash {blockHash} does not meet its own target (nBits 0x{bits:x8}): not proof of work");
        }

        var computed = MerkleRoot(transactions);
        if (computed != merkleRoot)
        {
            throw new FormatException($"merkle root {merkleRoot} in the header does not match the transactions, which give {computed}");
        }
    }

    /// <summary>Bitcoin's merkle tree over txids (serialized byte order), the last node paired with itself on odd levels.</summary>
    public static Hash32 MerkleRoot(IReadOnlyList<UtxoTransaction> transactions)
    {
        var seen = new HashSet<Hash32>(transactions.Count);
        foreach (var tx in transactions)
        {
            if (!seen.Add(tx.TxId))
            {
                throw new FormatException($"transaction {tx.TxId} appears twice in the block");
            }
        }

        return MerkleRoot(transactions.Select(t => t.TxId).ToList());
    }

    /// <summary>The merkle root of ids in display byte order (txids, or BIP-141 wtxids).</summary>
    public static Hash32 MerkleRoot(IReadOnlyList<Hash32> ids)
    {
        var count = ids.Count;
        var nodes = new byte[32 * (count + 1)];
        for (var i = 0; i < count; i++)
        {
            var node = nodes.AsSpan(32 * i, 32);
            ids[i].CopyTo(node);
            node.Reverse();
        }

        while (count > 1)
        {
            if ((count & 1) == 1)
            {
                nodes.AsSpan(32 * (count - 1), 32).CopyTo(nodes.AsSpan(32 * count, 32));
                count++;
            }

            for (var i = 0; i < count / 2; i++)
            {
                var pair = nodes.AsSpan(64 * i, 64);
                var target = nodes.AsSpan(32 * i, 32);
                SHA256.HashData(pair, target);
                SHA256.HashData(target, target);
            }

            count /= 2;
        }

        var root = nodes.AsSpan(0, 32);
        root.Reverse();
        return new Hash32(root);
    }
}
