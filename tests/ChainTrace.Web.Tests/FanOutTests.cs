using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ChainTrace.TestSupport;
using Microsoft.Playwright;
using NBitcoin;
using Xunit.Abstractions;

namespace ChainTrace.Web.Tests;

/// <summary>
/// A node with 5,000 neighbours, made real: regtest blocks built with NBitcoin (one transaction paying 5,000
/// addresses), ingested and clustered by the real commands, served by a second real serve. The API pages at most
/// 1,000 neighbours and says how many there are in all; the page draws ten and folds the rest as "+4,990 more".
/// </summary>
[Collection("web")]
[Trait("Category", "Integration")]
public sealed class FanOutTests(WebFixture web, ITestOutputHelper output)
{
    private const int FanOut = 5_000;

    [Fact]
    public async Task ANodeWith5000Neighbours_IsFoldedByTheApisTotal_AndStaysResponsive()
    {
        using var temp = new TempDir("fanout");
        var (blocks, hub) = FanOutChain();
        RegtestChainBuilder.WriteBlocksDir(temp.File("blocks"), blocks);
        var data = temp.File("data");
        await WebFixture.RunCliAsync("ingest", "btc", "--blocks-dir", temp.File("blocks"), "--data", data);
        await WebFixture.RunCliAsync("cluster", "update", "--data", data);
        await using var serve = await ServeProcess.StartAsync(data);
        var admin = (await File.ReadAllTextAsync(Path.Combine(data, "keys", "admin.key"))).Trim();

        using var api = serve.Client(admin);
        var first = await api.GetFromJsonAsync<JsonElement>($"/v1/addresses/btc/{hub}/neighbours?direction=out&limit=1000");
        Assert.Equal(FanOut, first.GetProperty("total").GetInt32());
        Assert.Equal(1000, first.GetProperty("neighbours").GetArrayLength());
        Assert.NotEqual(JsonValueKind.Null, first.GetProperty("next").ValueKind);

        var page = await web.NewPageAsync();
        await page.GotoAsync(serve.BaseAddress.ToString());
        await page.GetByLabel("API key").FillAsync(admin);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Search", Exact = true }).WaitForAsync();
        await page.GotoAsync($"{serve.BaseAddress}#/graph/btc/{hub}");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Nodes (1)" }).WaitForAsync();

        var clock = Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Button, new() { Name = "Expand out (where funds went)" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "+4,990 more", Exact = true }).WaitForAsync();
        var expand = clock.ElapsedMilliseconds;
        Assert.Equal(1 + 10 + 1, await page.Locator("div.nodes tbody tr").CountAsync());

        // Responsive: the page answers at once after the fold, and drawing ten more works and refolds.
        clock.Restart();
        await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => r(1)))");
        var frame = clock.ElapsedMilliseconds;
        await page.GetByRole(AriaRole.Button, new() { Name = "+4,990 more", Exact = true }).ClickAsync();
        await page.GetByText("4,990 neighbours not drawn (5,000 in all).").WaitForAsync();
        clock.Restart();
        await page.GetByRole(AriaRole.Button, new() { Name = "Draw 10 more" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "+4,980 more", Exact = true }).WaitForAsync();
        var more = clock.ElapsedMilliseconds;
        Assert.Equal(1 + 20 + 1, await page.Locator("div.nodes tbody tr").CountAsync());
        output.WriteLine($"screenshot {await web.ScreenshotAsync(page, "graph-fan-out-5000")}");
        output.WriteLine($"TIMING fan_out_neighbours={FanOut} expand_ms={expand} next_frame_ms={frame} draw_10_more_ms={more} (browser wall time, machine shared)");
        var violations = await web.AxeAsync(page);
        Assert.True(violations.Count == 0, "axe-core serious/critical violations:\n" + string.Join('\n', violations));
    }

    /// <summary>Genesis, a block whose coinbase pays the hub, and a block where the hub pays 5,000 fresh addresses in one transaction.</summary>
    private static (List<Block> Blocks, string Hub) FanOutChain()
    {
        var builder = new RegtestChainBuilder(15, keyCount: 4);
        var genesis = RegtestChainBuilder.Genesis;
        var funding = builder.Extend(genesis, 1, 1, 0)[0];
        var coinbase = funding.Transactions[0];
        var hub = coinbase.Outputs[0].ScriptPubKey.GetDestinationAddress(Network.RegTest)!.ToString();
        var fanOut = builder.Extend(funding, 2, 1, 0)[0];
        var tx = Network.RegTest.CreateTransaction();
        // Unsigned but well-formed (ingest does not check scripts): the input's address is the spent output's.
        tx.Inputs.Add(new TxIn(new OutPoint(coinbase, 0)) { WitScript = new WitScript(Op.GetPushOp(new byte[71]), Op.GetPushOp(new Key(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray()).PubKey.ToBytes())) });
        var random = new Random(15);
        var each = (coinbase.Outputs[0].Value.Satoshi - 10_000) / FanOut;
        for (var i = 0; i < FanOut; i++)
        {
            var program = new byte[20];
            random.NextBytes(program);
            tx.Outputs.Add(Money.Satoshis(each + i), new Script(OpcodeType.OP_0, Op.GetPushOp(program)));
        }

        fanOut.Transactions.Add(tx);
        WitnessCommitments.Apply(fanOut);
        ProofOfWork.Mine(fanOut);
        return ([genesis, funding, fanOut], hub);
    }
}
