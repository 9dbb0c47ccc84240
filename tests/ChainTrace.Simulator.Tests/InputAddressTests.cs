using ChainTrace.Core.Addresses;
using NBitcoin;
using NBitcoin.Crypto;
using CoreNetwork = ChainTrace.Core.Chains.Network;

namespace ChainTrace.Simulator.Tests;

/// <summary>Fast mode skips signing but keeps the shapes: the input address must still be derivable from the input.</summary>
public sealed class InputAddressTests(SmallFastRun run) : IClassFixture<SmallFastRun>
{
    [Fact]
    public void FastMode_InputsCarryDummySignatureAndPubkey_FromWhichTheSpentAddressDerives()
    {
        var recorded = run.Summary.RecordedBitcoinTransactions!.Where(t => !t.IsCoinbase).ToDictionary(t => t.TxId);
        var derived = 0;
        foreach (var tx in BlockFileReader.ReadAll(Path.Combine(run.OutDir, "btc", "blocks")).SelectMany(b => b.Transactions).Where(t => !t.IsCoinBase))
        {
            var rec = recorded[tx.GetHash().ToString()];
            for (var i = 0; i < tx.Inputs.Count; i++)
            {
                var address = Derive(tx.Inputs[i]);
                if (rec.Inputs[i].AddressDerivableFromInput)
                {
                    Assert.Equal(rec.Inputs[i].Address, address);
                    derived++;
                }
                else
                {
                    Assert.Null(address);
                    Assert.Equal(64, tx.Inputs[i].WitScript.Pushes.Single().Length);
                }
            }
        }

        Assert.True(derived > 100, $"only {derived} input addresses derived");
    }

    [Fact]
    public void FastAndSignedRuns_WithOneSeed_MakeTheSameEconomyShape()
    {
        var fast = run.Summary;
        Assert.False(fast.Signed);
        Assert.True(fast.BitcoinTransactions >= 400);
        Assert.Contains(fast.RecordedBitcoinTransactions!, t => t.Inputs.Count > 1 && t.Outputs.Count > 5);
    }

    private static string? Derive(TxIn input)
    {
        var witness = input.WitScript.Pushes.ToArray();
        var scriptSig = input.ScriptSig.ToOps().Select(o => o.PushData).ToArray();
        if (witness.Length == 2 && scriptSig.Length == 0)
        {
            return BtcAddress.FromProgram(CoreNetwork.Regtest, BtcAddressType.P2WPKH, Hash160(witness[1])).ToString();
        }

        if (witness.Length == 2 && scriptSig.Length == 1)
        {
            Assert.Equal(72, witness[0].Length);
            return BtcAddress.FromProgram(CoreNetwork.Regtest, BtcAddressType.P2SH, Hash160(scriptSig[0])).ToString();
        }

        if (witness.Length == 0 && scriptSig.Length == 2)
        {
            Assert.Equal(72, scriptSig[0].Length);
            Assert.Equal(33, scriptSig[1].Length);
            return BtcAddress.FromProgram(CoreNetwork.Regtest, BtcAddressType.P2PKH, Hash160(scriptSig[1])).ToString();
        }

        return null;
    }

    private static byte[] Hash160(byte[] data) => Hashes.Hash160(data).ToBytes();
}
