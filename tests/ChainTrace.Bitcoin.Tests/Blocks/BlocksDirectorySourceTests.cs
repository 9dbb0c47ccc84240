using ChainTrace.Bitcoin.Blocks;
using ChainTrace.Bitcoin.Mapping;
using ChainTrace.Bitcoin.Tests.Support;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Utxo;
using ChainTrace.TestSupport;

namespace ChainTrace.Bitcoin.Tests.Blocks;

public class BlocksDirectorySourceTests
{
    private const string GenesisHash = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f";
    private const string Block599Hash = "0000000042844571bc6bce8e1c0fbec99466971eaff89fef8c0d123582181d4d";

    [Fact]
    public async Task ReadBlocks_YieldsHeights0To599Chained_FromTheTwoSharedBlkFiles()
    {
        using var dir = BtcData.BlocksDir();
        var source = new BlocksDirectorySource(new BlocksDirectorySourceOptions(dir.Path, Network.Main));

        var blocks = await BtcData.ReadAllAsync(source);

        Assert.Equal(600, blocks.Count);
        Assert.Equal(599, await source.GetTipHeightAsync(CancellationToken.None));
        Assert.Equal(GenesisHash, blocks[0].Header.Hash.ToString());
        Assert.Equal(Block599Hash, blocks[599].Header.Hash.ToString());
        for (var h = 0; h < blocks.Count; h++)
        {
            Assert.Equal(h, blocks[h].Header.Height);
            Assert.Equal(Chain.Btc, blocks[h].Header.Chain);
            if (h > 0)
            {
                Assert.Equal(blocks[h - 1].Header.Hash, blocks[h].Header.PreviousHash);
            }
        }

        Assert.Equal(307, blocks.Take(300).Sum(b => b.Transactions.Count));
        Assert.Equal(309, blocks.Skip(300).Sum(b => b.Transactions.Count));
        Assert.Equal(5, blocks.Skip(300).SelectMany(b => b.Transactions).Count(t => t.Inputs.Count > 1));
        Assert.Equal(Block599Hash, (await source.GetBlockHashAsync(599, CancellationToken.None)).ToString());
        Assert.Null(await source.GetBlockHashAsync(600, CancellationToken.None));
    }

    [Fact]
    public async Task Genesis_PaysSatoshiP2PK_ShownAsItsP2PKHAddress()
    {
        using var dir = BtcData.BlocksDir();
        var source = new BlocksDirectorySource(new BlocksDirectorySourceOptions(dir.Path, Network.Main));

        var genesis = Assert.Single(await BtcData.ReadAllAsync(source, 0, 0));

        var coinbase = Assert.Single(genesis.Transactions);
        Assert.True(coinbase.IsCoinbase);
        Assert.Equal("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b", coinbase.TxId.ToString());
        Assert.Equal(PrevoutSource.Coinbase, Assert.Single(coinbase.Inputs).Source);
        var output = Assert.Single(coinbase.Outputs);
        Assert.Equal(OutputKind.P2PK, output.Kind);
        Assert.Equal(50_0000_0000, output.Value);
        Assert.Equal("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", BtcData.Address(output.AddressKey));
        Assert.Equal(new DateTimeOffset(2009, 1, 3, 18, 15, 5, TimeSpan.Zero), genesis.Header.Time);
    }

    [Fact]
    public async Task Block170_FirstPaymentPays10BtcToHalFinney()
    {
        using var dir = BtcData.BlocksDir();
        var source = new BlocksDirectorySource(new BlocksDirectorySourceOptions(dir.Path, Network.Main));

        var block = Assert.Single(await BtcData.ReadAllAsync(source, 170, 170));

        var tx = block.Transactions.Single(t => t.TxId.ToString() == "f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16");
        var input = Assert.Single(tx.Inputs);
        Assert.Equal("0437cd7f8525ceed2324359c2d0ba26006d92d856a9c20fa0241106ee5a597c9:0", input.PrevOut.ToString());
        Assert.Equal(PrevoutSource.None, input.Source);
        var toHal = tx.Outputs[0];
        Assert.Equal(10_0000_0000, toHal.Value);
        Assert.Equal("1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3", BtcData.Address(toHal.AddressKey));
        Assert.Equal(40_0000_0000, tx.Outputs[1].Value);
        Assert.Equal(275, tx.Size);
        Assert.Equal(275, tx.VSize);
    }

    [Fact]
    public async Task ReadBlocks_OrdersByPrevHash_WhenBlocksAreShuffledAcrossFiles()
    {
        var frames = BtcData.Frames(BtcData.Blk0).Concat(BtcData.Frames(BtcData.Blk1)).ToList();
        var shuffled = frames.ToArray();
        new Random(1234).Shuffle(shuffled);
        using var dir = new TempDir("shuffled");
        var cuts = new[] { 0, 150, 380, 600 };
        for (var f = 0; f < 3; f++)
        {
            await using var file = File.Create(dir.File($"blk{f:D5}.dat"));
            foreach (var frame in shuffled[cuts[f]..cuts[f + 1]])
            {
                await file.WriteAsync(BtcData.Frame(NetworkMagic.Main, frame));
            }
        }

        using var reference = BtcData.BlocksDir();
        var expected = await BtcData.ReadAllAsync(new BlocksDirectorySource(new(reference.Path, Network.Main)));
        var actual = await BtcData.ReadAllAsync(new BlocksDirectorySource(new(dir.Path, Network.Main)));

        Assert.Equal(expected.Select(b => (b.Header.Height, b.Header.Hash)), actual.Select(b => (b.Header.Height, b.Header.Hash)));
    }

    [Fact]
    public async Task ReadBlocks_ToleratesZeroPaddingAfterTheLastFrame()
    {
        using var dir = BtcData.BlocksDir();
        await using (var file = new FileStream(dir.File("blk00001.dat"), FileMode.Append))
        {
            await file.WriteAsync(new byte[4096]);
        }

        var blocks = await BtcData.ReadAllAsync(new BlocksDirectorySource(new(dir.Path, Network.Main)));

        Assert.Equal(600, blocks.Count);
    }

    [Fact]
    public async Task ReadBlocks_RejectsTheDirectory_WhenConfiguredForAnotherNetwork()
    {
        using var dir = BtcData.BlocksDir();
        var source = new BlocksDirectorySource(new(dir.Path, Network.Test));

        var ex = await Assert.ThrowsAsync<Core.Ports.MalformedDataException>(() => source.GetTipHeightAsync(CancellationToken.None));

        Assert.Contains("blk00000.dat at byte 0", ex.Location, StringComparison.Ordinal);
        Assert.Contains("network main", ex.Problem, StringComparison.Ordinal);
    }
}
