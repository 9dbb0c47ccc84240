using ChainTrace.Bitcoin.Blocks;
using ChainTrace.Bitcoin.Mapping;
using ChainTrace.Bitcoin.Tests.Support;
using ChainTrace.TestSupport;
using NBitcoin;
using CoreNetwork = ChainTrace.Core.Chains.Network;

namespace ChainTrace.Bitcoin.Tests.Blocks;

public class StaleBranchTests
{
    private static readonly NBitcoin.Network RegTest = NBitcoin.Network.RegTest;

    [Fact]
    public async Task ReadBlocks_FollowsTheLongestBranch_WhenAStaleBranchIsStored()
    {
        var genesis = RegTest.GetGenesis();
        var a1 = Next(genesis, 1, "a");
        var b2 = Next(a1, 2, "b");
        var a2 = Next(a1, 2, "a");
        var a3 = Next(a2, 3, "a");
        using var dir = new TempDir("stale");
        await WriteAsync(dir.File("blk00000.dat"), a3, b2, genesis);
        await WriteAsync(dir.File("blk00001.dat"), a1, a2);

        var source = new BlocksDirectorySource(new(dir.Path, CoreNetwork.Regtest));
        var blocks = await BtcData.ReadAllAsync(source);

        Assert.Equal(
            new[] { genesis, a1, a2, a3 }.Select(b => b.GetHash().ToString()),
            blocks.Select(b => b.Header.Hash.ToString()));
        Assert.Equal([0L, 1, 2, 3], blocks.Select(b => b.Header.Height));
        Assert.Equal(CoreNetwork.Regtest, blocks[0].Network);
    }

    [Fact]
    public async Task ReadBlocks_KeepsTheFirstSeenTip_WhenTwoBranchesAreEquallyLong()
    {
        var genesis = RegTest.GetGenesis();
        var a1 = Next(genesis, 1, "a");
        var b2 = Next(a1, 2, "b");
        var a2 = Next(a1, 2, "a");
        using var dir = new TempDir("tie");
        await WriteAsync(dir.File("blk00000.dat"), genesis, a1, b2, a2);

        var source = new BlocksDirectorySource(new(dir.Path, CoreNetwork.Regtest));

        Assert.Equal(b2.GetHash().ToString(), (await source.GetBlockHashAsync(2, CancellationToken.None)).ToString());
    }

    [Fact]
    public async Task ReadBlocks_StartsAtTheOptionHeight_WhenTheFirstBlockIsNotGenesis()
    {
        var genesis = RegTest.GetGenesis();
        var a1 = Next(genesis, 1, "a");
        var a2 = Next(a1, 2, "a");
        using var dir = new TempDir("start");
        await WriteAsync(dir.File("blk00000.dat"), a2, a1);

        var withHeight = new BlocksDirectorySource(new(dir.Path, CoreNetwork.Regtest, StartHeight: 1));
        var withoutHeight = new BlocksDirectorySource(new(dir.Path, CoreNetwork.Regtest));

        Assert.Equal([1L, 2], (await BtcData.ReadAllAsync(withHeight)).Select(b => b.Header.Height));
        var ex = await Assert.ThrowsAsync<ChainTrace.Core.Ports.BadArgumentException>(() => withoutHeight.GetTipHeightAsync(CancellationToken.None));
        Assert.Contains(a1.GetHash().ToString(), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadBlocks_FollowsTheBranchWithTheMostWork_NotTheLongest()
    {
        var genesis = RegTest.GetGenesis();
        var a1 = Next(genesis, 1, "a");
        var a2 = Next(a1, 2, "a");
        var a3 = Next(a2, 3, "a");
        var b1 = Hard(genesis, 1, "b"); // one block with about 128 times the work of each block of branch a
        using var dir = new TempDir("work");
        await WriteAsync(dir.File("blk00000.dat"), genesis, a1, a2, a3, b1);

        var blocks = await BtcData.ReadAllAsync(new BlocksDirectorySource(new(dir.Path, CoreNetwork.Regtest)));

        Assert.Equal(new[] { genesis, b1 }.Select(b => b.GetHash().ToString()), blocks.Select(b => b.Header.Hash.ToString()));
    }

    [Fact]
    public async Task ReadBlocks_GoesOnWithBlocksTheNodeAppendedAfterTheFilesWereIndexed()
    {
        var genesis = RegTest.GetGenesis();
        var a1 = Next(genesis, 1, "a");
        var a2 = Next(a1, 2, "a");
        var a3 = Next(a2, 3, "a");
        var a4 = Next(a3, 4, "a");
        using var dir = new TempDir("grow");
        await WriteAsync(dir.File("blk00000.dat"), genesis, a1, a2);
        var source = new BlocksDirectorySource(new(dir.Path, CoreNetwork.Regtest));
        Assert.Equal(2, await source.GetTipHeightAsync(CancellationToken.None));
        await using (var file = new FileStream(dir.File("blk00000.dat"), FileMode.Append))
        {
            await file.WriteAsync(BtcData.Frame(NetworkMagic.Regtest, a3.ToBytes()));
        }

        await WriteAsync(dir.File("blk00001.dat"), a4);

        var blocks = await BtcData.ReadAllAsync(source);

        Assert.Equal([0L, 1, 2, 3, 4], blocks.Select(b => b.Header.Height));
        Assert.Equal(a4.GetHash().ToString(), blocks[^1].Header.Hash.ToString());
        Assert.Equal(4, await source.GetTipHeightAsync(CancellationToken.None));
    }

    private static Block Hard(Block parent, int height, string branch)
    {
        var key = new Key(NBitcoin.Crypto.Hashes.SHA256(System.Text.Encoding.ASCII.GetBytes(branch + height)));
        var block = parent.CreateNextBlockWithCoinbase(key.PubKey.GetAddress(ScriptPubKeyType.Segwit, RegTest), height);
        block.UpdateMerkleRoot();
        block.Header.Bits = new Target(0x2000ffff);
        block.Header.Nonce = 0;
        block.Header.PrecomputeHash(invalidateExisting: true, lazily: true);
        while (!block.Header.CheckProofOfWork())
        {
            block.Header.Nonce++;
            block.Header.PrecomputeHash(invalidateExisting: true, lazily: true);
        }

        return block;
    }

    private static Block Next(Block parent, int height, string branch)
    {
        var key = new Key(NBitcoin.Crypto.Hashes.SHA256(System.Text.Encoding.ASCII.GetBytes(branch + height)));
        return ProofOfWork.Mine(parent.CreateNextBlockWithCoinbase(key.PubKey.GetAddress(ScriptPubKeyType.Segwit, RegTest), height));
    }

    private static async Task WriteAsync(string path, params Block[] blocks)
    {
        await using var file = File.Create(path);
        foreach (var block in blocks)
        {
            await file.WriteAsync(BtcData.Frame(NetworkMagic.Regtest, block.ToBytes()));
        }
    }
}
