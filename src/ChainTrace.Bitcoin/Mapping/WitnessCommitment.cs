using System.Security.Cryptography;
using ChainTrace.Core.Primitives;
using NBitcoin;

namespace ChainTrace.Bitcoin.Mapping;

/// <summary>
/// BIP-141's commitment to the witnesses: the merkle root of the txids says nothing about them, so a flipped byte
/// in a witness (where P2WPKH inputs get their address from) would pass every other check. A block with witness
/// data must carry, in its coinbase's last output that starts <c>OP_RETURN 0x24 aa21a9ed</c>, the double SHA-256 of
/// the wtxid merkle root (coinbase wtxid zero) and the coinbase's 32-byte witness reserved value.
/// </summary>
internal static class WitnessCommitment
{
    private static readonly byte[] Header = [0x6a, 0x24, 0xaa, 0x21, 0xa9, 0xed];

    /// <exception cref="FormatException">The block has witnesses and no commitment to them, or one that does not match.</exception>
    public static void Check(Block block, byte[] rawBlock)
    {
        var transactions = block.Transactions;
        if (!transactions.Any(t => t.HasWitness))
        {
            return;
        }

        var coinbase = transactions[0];
        byte[]? commitment = null;
        foreach (var output in coinbase.Outputs)
        {
            var script = output.ScriptPubKey.ToBytes(@unsafe: true);
            if (script.Length >= 38 && script.AsSpan(0, 6).SequenceEqual(Header))
            {
                commitment = script[6..38];
            }
        }

        if (commitment is null)
        {
            throw new FormatException("the block has witness data but its coinbase commits to none (BIP-141)");
        }

        var reserved = coinbase.Inputs[0].WitScript;
        if (reserved.PushCount != 1 || reserved[0].Length != 32)
        {
            throw new FormatException("the coinbase's witness is not one 32-byte reserved value (BIP-141)");
        }

        var wtxids = RawTxids.ComputeWitnessIds(block, rawBlock) ?? [.. transactions.Select(t => t.GetWitHash().ToHash32())];
        wtxids[0] = default;
        var root = BlockIntegrity.MerkleRoot(wtxids);
        Span<byte> data = stackalloc byte[64];
        root.CopyTo(data);
        data[..32].Reverse();
        reserved[0].CopyTo(data[32..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(data, hash);
        SHA256.HashData(hash, hash);
        if (!hash.SequenceEqual(commitment))
        {
            throw new FormatException($"the witness data do not match the coinbase's witness commitment {Convert.ToHexStringLower(commitment)} (BIP-141): a witness was changed");
        }
    }
}
