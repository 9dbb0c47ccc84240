using ChainTrace.TestSupport;
using NBitcoin;

namespace ChainTrace.Benchmarks.Bitcoin;

/// <summary>
/// Turns a few real blocks into a long synthetic chain of distinct transactions for ingest benchmarks.
/// Repetition r &gt; 0 adds r to every transaction's nLockTime: the shape (sizes, scripts, input and output
/// counts) stays that of the real data while every txid changes. Spends of earlier transactions in the same
/// block are re-pointed at the new txids, merkle roots recomputed and headers chained; each header gets the
/// regtest target and a nonce that meets it (ingest checks every header's own proof of work), and segwit blocks
/// a new witness commitment. Spends of outputs outside the source blocks keep their original prevouts, so repetitions
/// spend those again: fine for parse/write throughput, not a valid UTXO history.
/// </summary>
public static class BlockRepeater
{
    /// <param name="rawBlocks">Consensus-serialized blocks (no blk framing).</param>
    /// <param name="minTransactions">Keep repeating whole blocks until at least this many transactions.</param>
    /// <param name="startHeight">Height given to the first produced block.</param>
    public static List<(long Height, byte[] Block)> Repeat(IReadOnlyList<byte[]> rawBlocks, long minTransactions, long startHeight = 1)
    {
        ArgumentNullException.ThrowIfNull(rawBlocks);
        if (rawBlocks.Count == 0)
        {
            throw new ArgumentException("no blocks to repeat", nameof(rawBlocks));
        }

        var output = new List<(long, byte[])>();
        long transactions = 0;
        uint256? previous = null;
        for (uint repetition = 0; transactions < minTransactions; repetition++)
        {
            foreach (var raw in rawBlocks)
            {
                var block = Block.Load(raw, Network.Main);
                if (repetition > 0)
                {
                    Retag(block, repetition);
                }

                // Ingest checks both: the witness commitment (txids changed) and the merkle root (also of
                // block_413567.raw, whose shared copy does not match its own transactions).
                WitnessCommitments.Apply(block);
                block.UpdateMerkleRoot();

                if (previous is not null)
                {
                    block.Header.HashPrevBlock = previous;
                }

                block.Header.Bits = new Target(0x207fffff);
                block.Header.Nonce = 0;
                block.Header.PrecomputeHash(invalidateExisting: true, lazily: true);
                while (!block.Header.CheckProofOfWork())
                {
                    block.Header.Nonce++;
                    block.Header.PrecomputeHash(invalidateExisting: true, lazily: true);
                }

                previous = block.GetHash();
                output.Add((startHeight + output.Count, block.ToBytes()));
                transactions += block.Transactions.Count;
                if (transactions >= minTransactions)
                {
                    break;
                }
            }
        }

        return output;
    }

    private static void Retag(Block block, uint repetition)
    {
        var renamed = new Dictionary<uint256, uint256>();
        foreach (var tx in block.Transactions)
        {
            var oldHash = tx.GetHash();
            foreach (var input in tx.Inputs)
            {
                if (renamed.TryGetValue(input.PrevOut.Hash, out var newHash))
                {
                    input.PrevOut = new OutPoint(newHash, input.PrevOut.N);
                }
            }

            tx.LockTime = new LockTime(unchecked(tx.LockTime.Value + repetition));
            renamed[oldHash] = tx.GetHash();
        }

        block.UpdateMerkleRoot();
    }
}
