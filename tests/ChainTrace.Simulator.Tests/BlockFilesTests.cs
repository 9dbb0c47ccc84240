using NBitcoin;

namespace ChainTrace.Simulator.Tests;

public sealed class BlockFilesTests(SmallSignedRun run) : IClassFixture<SmallSignedRun>
{
    private List<Block> Blocks => BlockFileReader.ReadAll(Path.Combine(run.OutDir, "btc", "blocks"));

    [Fact]
    public void BlocksDir_StartsAtRegtestGenesis_AndChainsEveryHeaderToItsParent()
    {
        var blocks = Blocks;
        Assert.Equal(Network.RegTest.GetGenesis().GetHash(), blocks[0].GetHash());
        Assert.Equal(uint256.Parse("0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206"), blocks[0].GetHash());
        for (var i = 1; i < blocks.Count; i++)
        {
            Assert.Equal(blocks[i - 1].GetHash(), blocks[i].Header.HashPrevBlock);
            Assert.True(blocks[i].Header.BlockTime > blocks[i - 1].Header.BlockTime);
        }

        Assert.Equal(run.Summary.BitcoinBlocks, blocks.Count);
    }

    [Fact]
    public void EveryBlock_HasCorrectMerkleRoot_WitnessCommitment_AndBip34Height()
    {
        var blocks = Blocks;
        for (var height = 1; height < blocks.Count; height++)
        {
            var block = blocks[height];
            Assert.True(block.CheckMerkleRoot(), $"merkle root of block {height}");
            Assert.True(block.Transactions[0].IsCoinBase);
            Assert.Equal(height, block.GetCoinbaseHeight());
            Assert.True(HasWitnessCommitment(block), $"witness commitment of block {height}");
        }
    }

    [Fact]
    public void Blocks_HoldExactlyTheRecordedTransactions_WithTheirValuesAndOrder()
    {
        var fromFiles = Blocks.Skip(1).SelectMany(b => b.Transactions).ToList();
        var recorded = run.Summary.RecordedBitcoinTransactions!;
        Assert.Equal(run.Summary.BitcoinTransactions, fromFiles.Count);
        Assert.Equal(recorded.Count, fromFiles.Count);
        for (var i = 0; i < fromFiles.Count; i++)
        {
            var tx = fromFiles[i];
            var rec = recorded[i];
            Assert.Equal(rec.TxId, tx.GetHash().ToString());
            Assert.Equal(rec.IsCoinbase, tx.IsCoinBase);
            Assert.Equal(rec.Outputs.Select(o => o.Value), tx.Outputs.Select(o => o.Value.Satoshi));
            if (tx.IsCoinBase)
            {
                continue;
            }

            Assert.Equal(rec.Inputs.Select(x => $"{x.PrevTxId}:{x.PrevIndex}"), tx.Inputs.Select(x => $"{x.PrevOut.Hash}:{x.PrevOut.N}"));
            foreach (var (output, recOut) in tx.Outputs.Zip(rec.Outputs))
            {
                var address = output.ScriptPubKey.GetDestinationAddress(Network.RegTest)?.ToString();
                Assert.Equal(recOut.Address, address);
            }
        }
    }

    [Fact]
    public void EverySignature_Verifies_AgainstTheSpentOutputs()
    {
        var outputs = new Dictionary<OutPoint, TxOut>();
        var verified = 0;
        var taproot = 0;
        foreach (var block in Blocks.Skip(1))
        {
            foreach (var tx in block.Transactions)
            {
                if (!tx.IsCoinBase)
                {
                    var spent = tx.Inputs.Select(i => outputs[i.PrevOut]).ToArray();
                    var validator = tx.CreateValidator(spent);
                    for (var i = 0; i < tx.Inputs.Count; i++)
                    {
                        var result = validator.ValidateInput(i);
                        Assert.True(result.Error is null, $"input {i} of {tx.GetHash()}: {result.Error}");
                        verified++;
                        taproot += spent[i].ScriptPubKey.IsScriptType(ScriptType.Taproot) ? 1 : 0;
                    }
                }

                for (var n = 0; n < tx.Outputs.Count; n++)
                {
                    outputs[new OutPoint(tx, n)] = tx.Outputs[n];
                }
            }
        }

        Assert.True(verified > 100, $"only {verified} inputs verified");
        Assert.True(taproot > 0, "no taproot key-path spend was checked");
    }

    private static bool HasWitnessCommitment(Block block)
    {
        var wtxids = block.Transactions.Select((t, i) => i == 0 ? uint256.Zero : t.GetWitHash());
        var root = MerkleNode.GetRoot(wtxids).Hash!;
        var nonce = block.Transactions[0].Inputs[0].WitScript.Pushes.Single();
        var expected = NBitcoin.Crypto.Hashes.DoubleSHA256([.. root.ToBytes(), .. nonce]).ToBytes();
        var commitment = block.Transactions[0].Outputs.Last().ScriptPubKey.ToBytes();
        return commitment.Length == 38 && commitment.AsSpan(0, 6).SequenceEqual(new byte[] { 0x6a, 0x24, 0xaa, 0x21, 0xa9, 0xed }) && commitment.AsSpan(6).SequenceEqual(expected);
    }
}
