using ChainTrace.Bitcoin.Blocks;
using ChainTrace.Cli.Hosting;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ingest;
using ChainTrace.Simulator;
using ChainTrace.TestSupport;

namespace ChainTrace.Cli.Tests;

public sealed class DemoLoaderTests
{
    [Fact]
    public async Task Load_StoppedBetweenItsBitcoinAndEthereumParts_IsFinishedByTheNextStart()
    {
        using var temp = new TempDir("demo-resume");
        var data = new DataDirectory(new DirectoryInfo(temp.File("data")));
        await using var store = await data.OpenGraphAsync(CancellationToken.None);

        // The state a start killed after the Bitcoin part leaves: the demo generated, Bitcoin in, Ethereum not.
        var demo = Path.Combine(data.Path, "demo");
        await Simulator.Simulator.RunAsync(new SimulationOptions { Scenario = "demo", Seed = DemoLoader.Seed, OutDir = demo }, CancellationToken.None);
        var btcSource = new BlocksDirectorySource(new BlocksDirectorySourceOptions(Path.Combine(demo, "btc", "blocks"), Network.Regtest));
        await new UtxoIngestor(store, btcSource).RunAsync(new UtxoIngestOptions(), null, CancellationToken.None);
        var btcTip = await store.GetTipAsync(Chain.Btc, CancellationToken.None);
        Assert.Null(await store.GetTipAsync(Chain.Eth, CancellationToken.None));

        using var log = new StringWriter();
        Assert.True(await DemoLoader.LoadIfEmptyAsync(data, store, log, CancellationToken.None));

        Assert.Contains("resuming", log.ToString(), StringComparison.Ordinal);
        Assert.NotNull(await store.GetTipAsync(Chain.Eth, CancellationToken.None));
        Assert.Equal(btcTip, await store.GetTipAsync(Chain.Btc, CancellationToken.None));
        Assert.False(await DemoLoader.LoadIfEmptyAsync(data, store, TextWriter.Null, CancellationToken.None));
    }

    [Theory]
    [InlineData("address", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")]
    [InlineData("tx", "f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16")]
    public async Task Question_OnADataDirectoryWithoutAStore_SaysSo_AndCreatesNothing(string command, string id)
    {
        using var temp = new TempDir("no-store");
        var data = temp.File("missing");

        var result = await CliRunner.RunAsync(command, "btc", id, "--data", data);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("no-store", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data));
    }
}
