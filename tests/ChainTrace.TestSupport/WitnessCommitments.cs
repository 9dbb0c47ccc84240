using NBitcoin;

namespace ChainTrace.TestSupport;

/// <summary>
/// Gives a test block with witnesses its BIP-141 commitment (ingestion checks it): the coinbase's last commitment
/// output is replaced, or one added, and the coinbase gets a 32-byte reserved value when it has none. Call before
/// the merkle root is computed (the coinbase's txid changes).
/// </summary>
public static class WitnessCommitments
{
    private static readonly byte[] Header = [0x6a, 0x24, 0xaa, 0x21, 0xa9, 0xed];

    public static void Apply(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (!block.Transactions.Any(t => t.HasWitness))
        {
            return;
        }

        var coinbase = block.Transactions[0];
        var witness = coinbase.Inputs[0].WitScript;
        var reserved = witness.PushCount == 1 && witness[0].Length == 32 ? witness[0] : new byte[32];
        coinbase.Inputs[0].WitScript = new WitScript([reserved]);
        var root = MerkleNode.GetRoot(block.Transactions.Select((t, i) => i == 0 ? uint256.Zero : t.GetWitHash())).Hash;
        var commitment = NBitcoin.Crypto.Hashes.DoubleSHA256([.. root.ToBytes(), .. reserved]).ToBytes();
        var script = new Script([.. Header, .. commitment]);
        var existing = coinbase.Outputs.LastOrDefault(o => o.ScriptPubKey.ToBytes(@unsafe: true).AsSpan().StartsWith(Header));
        if (existing is not null)
        {
            existing.ScriptPubKey = script;
        }
        else
        {
            coinbase.Outputs.Add(Money.Zero, script);
        }
    }
}
