using ChainTrace.Bitcoin.RawFiles;
using ChainTrace.Bitcoin.Tests.Support;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.TestSupport;

namespace ChainTrace.Bitcoin.Tests.RawFiles;

public class RawBlockFileSourceTests
{
    /// <summary>Pre-BIP34 blocks: heights from the shared data's file names (the manifest says so).</summary>
    private static readonly Dictionary<string, long> PreBip34 = new()
    {
        ["block_169482.raw"] = 169_482,
        ["block_227835.raw"] = 227_835,
    };

    [Theory]
    [InlineData("block_169482.raw", 169_482, "0000000000000756935f1ee9d5987857b604046f846d3df56d024cdb5f368665", 14, 60, 231, 6, 27, 0)]
    [InlineData("block_227835.raw", 227_835, "00000000000001aa077d7aa84c532a4d69bdbff519609d1da0835261b7a74eb6", 122, 263, 229, 43, 46, 0)]
    [InlineData("block_277647.blk", 277_647, "0000000000000000054a714e580b16c583701712ab91060e92dbde6eb1e052a8", 213, 733, 769, 115, 88, 0)]
    [InlineData("block_363703.raw", 363_703, "0000000000000000011b2a4cb91b63886ffe0d2263fd17ac5a9b902a219e0a14", 587, 3043, 1418, 299, 314, 0)]
    [InlineData("block_370661.raw", 370_661, "00000000000000001416a613602d73bbe5c79170fd8f39d509896b829cf9021e", 708, 2006, 1823, 321, 104, 0)]
    [InlineData("block_383616.raw", 383_616, "00000000000000000aab6a2b34e979b09ca185584bd1aecf204f24d150ff55e9", 1731, 3620, 4307, 715, 100, 0)]
    [InlineData("block_481815.raw", 481_815, "000000000000000000893c019d81f2d48ee33892c12428f3121bbd16ed6db926", 2097, 4699, 4659, 532, 200, 0)]
    [InlineData("block_574200.raw", 574_200, "0000000000000000001602407ac49862a7bca9d00f7f402db20b7be2f5de59d2", 3315, 5055, 8150, 556, 100, 1341)]
    public async Task ReadBlocks_MatchesTheManifestFigures(
        string file, long height, string hash, int txs, int inputs, int outputs, int multiInput, int maxInputs, int segwit)
    {
        var source = new RawBlockFileSource(new([BtcData.Raw(file)], Network.Main, PreBip34));

        var block = Assert.Single(await BtcData.ReadAllAsync(source));

        Assert.Equal(height, block.Header.Height);
        Assert.Equal(hash, block.Header.Hash.ToString());
        Assert.Equal(txs, block.Transactions.Count);
        Assert.Equal(inputs, block.Transactions.Sum(t => t.Inputs.Count));
        Assert.Equal(outputs, block.Transactions.Sum(t => t.Outputs.Count));
        Assert.Equal(multiInput, block.Transactions.Count(t => t.Inputs.Count > 1));
        Assert.Equal(maxInputs, block.Transactions.Max(t => t.Inputs.Count));
        Assert.Equal(segwit, block.Transactions.Count(t => t.Size > t.VSize));
        Assert.False(source.IsChain);
    }

    [Theory]
    [InlineData("block_277647.blk", 277_647)]
    [InlineData("block_363703.raw", 363_703)]
    [InlineData("block_574200.raw", 574_200)]
    public async Task GetTipHeight_TakesTheHeightFromTheBip34Coinbase(string file, long height)
    {
        var source = new RawBlockFileSource(new([BtcData.Raw(file)], Network.Main));

        Assert.Equal(height, await source.GetTipHeightAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetTipHeight_NamesTheFile_WhenAPreBip34BlockHasNoHeightGiven()
    {
        var path = BtcData.Raw("block_227835.raw");
        var source = new RawBlockFileSource(new([path], Network.Main));

        var ex = await Assert.ThrowsAsync<MalformedDataException>(() => source.GetTipHeightAsync(CancellationToken.None));

        Assert.Equal(path, ex.Location);
        Assert.Contains("BIP-34", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadBlocks_SortsFilesByHeight_AndUsesStartHeightForUnlabelledFiles()
    {
        var files = new[] { "block_574200.raw", "block_277647.blk", "block_363703.raw" }.Select(BtcData.Raw).ToList();
        var source = new RawBlockFileSource(new(files, Network.Main));

        var heights = (await BtcData.ReadAllAsync(source)).Select(b => b.Header.Height);

        Assert.Equal([277_647L, 363_703, 574_200], heights);
        Assert.Equal(
            [169_482L],
            (await BtcData.ReadAllAsync(new RawBlockFileSource(new([BtcData.Raw("block_169482.raw")], Network.Main, StartHeight: 169_482)))).Select(b => b.Header.Height));
    }

    [Fact]
    public async Task ReadBlocks_ParsesAHexTextCopy_LikeTheBinaryFile()
    {
        using var dir = new TempDir("hex");
        var hexPath = dir.File("block_383616.hex");
        var hex = Convert.ToHexStringLower(await File.ReadAllBytesAsync(BtcData.Raw("block_383616.raw")));
        await File.WriteAllTextAsync(hexPath, string.Join('\n', hex.Chunk(1000).Select(c => new string(c))) + "\n");

        var fromHex = Assert.Single(await BtcData.ReadAllAsync(new RawBlockFileSource(new([hexPath], Network.Main))));
        var fromBinary = Assert.Single(await BtcData.ReadAllAsync(new RawBlockFileSource(new([BtcData.Raw("block_383616.raw")], Network.Main))));

        Assert.Equal(fromBinary.Header, fromHex.Header);
        Assert.Equal(fromBinary.Transactions.Select(t => t.TxId), fromHex.Transactions.Select(t => t.TxId));
    }

    [Fact]
    public async Task ReadBlocks_ReportsTheOffsetOfABadHexCharacter()
    {
        using var dir = new TempDir("badhex");
        var path = dir.File("bad.hex");
        var hex = Convert.ToHexStringLower(await File.ReadAllBytesAsync(BtcData.Raw("block_169482.raw"))).ToCharArray();
        hex[1000] = 'g';
        await File.WriteAllTextAsync(path, new string(hex));
        var source = new RawBlockFileSource(new([path], Network.Main, StartHeight: 169_482));

        var ex = await Assert.ThrowsAsync<MalformedDataException>(() => source.GetTipHeightAsync(CancellationToken.None));

        Assert.Equal($"{path} at byte 1000", ex.Location);
        Assert.Contains("0x67 is not a hex digit", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadBlocks_ReportsATruncatedBlock()
    {
        using var dir = new TempDir("truncated");
        var path = dir.File("cut.raw");
        var bytes = await File.ReadAllBytesAsync(BtcData.Raw("block_363703.raw"));
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);
        var source = new RawBlockFileSource(new([path], Network.Main));

        var ex = await Assert.ThrowsAsync<MalformedDataException>(() => source.GetTipHeightAsync(CancellationToken.None));

        Assert.Equal($"{path} at byte 0", ex.Location);
    }

    [Fact]
    public async Task ReadBlocks_RejectsAFramedBlockOfAnotherNetwork()
    {
        var source = new RawBlockFileSource(new([BtcData.Raw("block_277647.blk")], Network.Test));

        var ex = await Assert.ThrowsAsync<MalformedDataException>(() => source.GetTipHeightAsync(CancellationToken.None));

        Assert.Contains("network main, but --network test was given", ex.Problem, StringComparison.Ordinal);
    }

    /// <summary>
    /// The shared copy of block 413567 (Bitcoin Core's bench block, via a fork) has the right header hash and proof
    /// of work, but its transactions do not hash to the header's merkle root (NBitcoin's CheckMerkleRoot agrees):
    /// a corrupted block that used to be stored as if it were block 413567.
    /// </summary>
    [Fact]
    public async Task ReadBlocks_RejectsABlockWhoseTransactionsDoNotMatchItsMerkleRoot()
    {
        var path = BtcData.Raw("block_413567.raw");
        Assert.False(NBitcoin.Block.Load(await File.ReadAllBytesAsync(path), NBitcoin.Network.Main).CheckMerkleRoot());
        var source = new RawBlockFileSource(new([path], Network.Main));

        var ex = await Assert.ThrowsAsync<MalformedDataException>(() => BtcData.ReadAllAsync(source));

        Assert.Equal($"{path} at byte 0", ex.Location);
        Assert.Contains("merkle root 64a50c649fc816baaa2effda230c39cacf1504e4e616a2863685b72aaa7dce05 in the header does not match the transactions", ex.Problem, StringComparison.Ordinal);
    }
}
