using ChainTrace.Bitcoin.Mapping;
using ChainTrace.Bitcoin.Tests.Support;
using ChainTrace.Core.Chains;

namespace ChainTrace.Bitcoin.Tests.Mapping;

/// <summary>
/// The merkle root covers txids, which leave the witnesses out: only the coinbase's BIP-141 commitment protects
/// them, and P2WPKH inputs take their address from the witness's public key.
/// </summary>
public class WitnessCommitmentTests
{
    [Fact]
    public async Task MapBlock_RejectsASegwitBlock_WhoseWitnessPublicKeyWasChanged()
    {
        var raw = await File.ReadAllBytesAsync(BtcData.Raw("block_574200.raw"));
        var intact = BitcoinBlockMapper.MapBlock(raw, 574200, Network.Main);
        var block = NBitcoin.Block.Load(raw, NBitcoin.Network.Main);
        var spend = block.Transactions.First(t => t.HasWitness && t.Inputs[0].WitScript.PushCount == 2);
        var pubKey = spend.Inputs[0].WitScript[1];
        var at = raw.AsSpan().IndexOf(pubKey);
        var damaged = (byte[])raw.Clone();
        damaged[at + 10] ^= 0x01;

        var ex = Assert.Throws<FormatException>(() => BitcoinBlockMapper.MapBlock(damaged, 574200, Network.Main));

        Assert.Contains("witness commitment", ex.Message, StringComparison.Ordinal);
        Assert.Equal(block.Transactions.Count, intact.Transactions.Count);
    }
}
