using ChainTrace.Bitcoin.Mapping;
using ChainTrace.Bitcoin.Tests.Support;
using ChainTrace.TestSupport;
using NBitcoin;
using CoreNetwork = ChainTrace.Core.Chains.Network;

namespace ChainTrace.Bitcoin.Tests.Mapping;

/// <summary>Txids hashed from the block bytes must be NBitcoin's, on real blocks with and without witnesses.</summary>
public class RawTxidTests
{
    public static TheoryData<string> RealBlocks() =>
        [.. Directory.EnumerateFiles(SharedData.Path("bitcoin", "raw"), "block_*.raw").Select(f => Path.GetFileName(f)!).Order()];

    [Theory]
    [MemberData(nameof(RealBlocks))]
    public void MapBlock_TxidsEqualNBitcoins_OnRealBlocks(string name)
    {
        var raw = File.ReadAllBytes(BtcData.Raw(name));
        var expected = Block.Load(raw, NBitcoin.Network.Main).Transactions.Select(t => t.GetHash().ToString()).ToList();
        // The mapping without the integrity checks: block_413567.raw's merkle root does not match (see RawBlockFileSourceTests).
        var mapped = BitcoinBlockMapper.Map(BitcoinBlockMapper.ParseBlock(raw), 1, CoreNetwork.Main, raw);
        Assert.Equal(expected, mapped.Transactions.Select(t => t.TxId.ToString()).ToList());
    }

    [Fact]
    public void RealBlocks_IncludeSegwitTransactions_SoTheWitnessPathIsCovered()
    {
        var withWitness = Directory.EnumerateFiles(SharedData.Path("bitcoin", "raw"), "block_*.raw")
            .SelectMany(f => Block.Load(File.ReadAllBytes(f), NBitcoin.Network.Main).Transactions)
            .Count(t => t.HasWitness);
        Assert.True(withWitness > 100, $"only {withWitness} segwit transactions in the shared blocks");
    }

    [Fact]
    public void MapBlock_RefusesANonCanonicalTransactionCount_AsMalformed()
    {
        // 0xfd + two bytes for a count below 0xfd: Bitcoin Core refuses it, and so must we (as a parse
        // failure naming the block, not an unexpected exception).
        var raw = File.ReadAllBytes(BtcData.Raw("block_169482.raw"));
        var count = Block.Load(raw, NBitcoin.Network.Main).Transactions.Count;
        Assert.InRange(count, 1, 0xfc);
        byte[] altered = [.. raw[..80], 0xfd, (byte)count, 0x00, .. raw[81..]];
        var ex = Assert.Throws<FormatException>(() => BitcoinBlockMapper.MapBlock(altered, 1, CoreNetwork.Main));
        Assert.Contains("non-canonical", ex.Message);
    }

    [Fact]
    public void Map_FallsBackToNBitcoin_WhenTheSizesDoNotAddUpToTheBytes()
    {
        // NBitcoin refuses the encodings that would make the computed sizes miss bytes (non-canonical sizes,
        // superfluous witness records), so the fallback is a guard: bytes one longer than the block must give
        // no raw txids, and the mapper then takes NBitcoin's.
        var raw = File.ReadAllBytes(BtcData.Raw("block_169482.raw"));
        var block = Block.Load(raw, NBitcoin.Network.Main);
        byte[] longer = [.. raw, 0x00];
        Assert.Null(RawTxids.Compute(block, longer));
        Assert.NotNull(RawTxids.Compute(block, raw));
        var mapped = BitcoinBlockMapper.Map(block, 1, CoreNetwork.Main, longer);
        Assert.Equal(block.Transactions.Select(t => t.GetHash().ToString()), mapped.Transactions.Select(t => t.TxId.ToString()));
    }
}
