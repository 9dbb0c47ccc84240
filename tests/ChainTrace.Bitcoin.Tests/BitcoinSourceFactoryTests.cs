using ChainTrace.Bitcoin.Blocks;
using ChainTrace.Bitcoin.Esplora;
using ChainTrace.Bitcoin.RawFiles;
using ChainTrace.Bitcoin.Rpc;
using ChainTrace.Bitcoin.Tests.Support;
using ChainTrace.Core.Chains;

namespace ChainTrace.Bitcoin.Tests;

public class BitcoinSourceFactoryTests
{
    [Fact]
    public async Task Create_BuildsAWorkingBlocksDirectorySource()
    {
        using var dir = BtcData.BlocksDir();

        var source = BitcoinSourceFactory.Create(new(BitcoinSourceKind.BlocksDirectory, [dir.Path], Network.Main));

        Assert.IsType<BlocksDirectorySource>(source);
        Assert.True(source.IsChain);
        Assert.Equal(599, await source.GetTipHeightAsync(CancellationToken.None));
    }

    [Fact]
    public void Create_BuildsEachKind()
    {
        Assert.IsType<RawBlockFileSource>(BitcoinSourceFactory.Create(new(BitcoinSourceKind.RawFiles, ["a.raw", "b.raw"], Network.Main)));
        using var rpc = Assert.IsType<BitcoinCoreRpcSource>(BitcoinSourceFactory.Create(new(BitcoinSourceKind.Rpc, ["http://127.0.0.1:8332/"], Network.Main)));
        using var esplora = Assert.IsType<EsploraSource>(BitcoinSourceFactory.Create(new(BitcoinSourceKind.Esplora, ["https://example.org/api"], Network.Main)));
        Assert.Equal("bitcoin RPC http://127.0.0.1:8332/", rpc.Description);
    }

    [Fact]
    public void Create_RejectsABadUrl_AndSeveralLocationsForOneSource()
    {
        var badUrl = Assert.Throws<ArgumentException>(() => BitcoinSourceFactory.Create(new(BitcoinSourceKind.Rpc, ["127.0.0.1:8332"], Network.Main)));
        var several = Assert.Throws<ArgumentException>(() => BitcoinSourceFactory.Create(new(BitcoinSourceKind.BlocksDirectory, ["a", "b"], Network.Main)));

        Assert.Contains("not an http(s) URL", badUrl.Message, StringComparison.Ordinal);
        Assert.Contains("takes one location, got 2", several.Message, StringComparison.Ordinal);
    }
}
