using System.Globalization;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ChainTrace.Web.Tests;

/// <summary>
/// The graph's tools in real Chromium on the demo: the time-range filter (edges hidden by the times the neighbours
/// API gives), collapsing a cluster into one node, annotating and colouring a node, the connections between two
/// addresses on both chains, and the trends view; each view scanned with axe-core.
/// </summary>
[Collection("web")]
[Trait("Category", "Integration")]
public sealed class GraphFeatureTests(WebFixture web, ITestOutputHelper output)
{
    private readonly List<string> _violations = [];

    [Fact]
    public async Task TimeFilter_HidesTheEdgesOutsideTheRange_ByTheNeighboursTimes()
    {
        using var api = web.Api();
        var page = await GraphAsync("btc", web.Exchange);
        await ExpandAsync(page, "Expand in (where funds came from)");
        var drawn = (await NeighboursAsync(api, "btc", web.Exchange, "in")).Take(10).ToList();
        var lasts = drawn.Select(n => DateTimeOffset.Parse(n.GetProperty("lastTime").GetString()!, CultureInfo.InvariantCulture)).Order().ToList();
        // A cut between the earliest and the latest edge: the edges last active before it must go, the others stay.
        var cut = lasts[lasts.Count / 2];
        var from = new DateTimeOffset(cut.Year, cut.Month, cut.Day, cut.Hour, cut.Minute, 0, TimeSpan.Zero);
        var expected = lasts.Count(l => l < from);
        Assert.InRange(expected, 1, drawn.Count - 1);

        await page.GetByLabel("Edges active from (UTC)").FillAsync(from.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply time filter" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.body.dataset.hiddenEdges !== undefined");
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), await page.EvaluateAsync<string>("() => document.body.dataset.hiddenEdges"));
        await page.GetByText($"{expected} edges outside the time range are hidden").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await StepAsync(page, "graph-time-filter");

        await page.GetByLabel("Edges active from (UTC)").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply time filter" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.body.dataset.hiddenEdges === '0'");
        AssertClean();
    }

    [Fact]
    public async Task Cluster_CollapsesIntoOneNode_AndOpensAgain_AndANodeIsAnnotated()
    {
        using var api = web.Api();
        var page = await GraphAsync("btc", web.Exchange);
        await ExpandAsync(page, "Expand in (where funds came from)");
        var cluster = (await api.GetFromJsonAsync<JsonElement>($"/v1/addresses/btc/{web.Exchange}/labels")).GetProperty("cluster").GetInt64();
        var drawn = (await NeighboursAsync(api, "btc", web.Exchange, "in")).Take(10).Select(n => n.GetProperty("address").GetString()!).ToList();
        var members = new List<string> { web.Exchange };
        foreach (var address in drawn)
        {
            var labels = await api.GetFromJsonAsync<JsonElement>($"/v1/addresses/btc/{address}/labels");
            if (labels.GetProperty("cluster").ValueKind == JsonValueKind.Number && labels.GetProperty("cluster").GetInt64() == cluster)
            {
                members.Add(address);
            }
        }

        Assert.True(members.Count >= 2, "the exchange's in-neighbours drawn include members of its own cluster");
        var rows = page.Locator("div.nodes tbody tr");
        var before = await rows.CountAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = web.Exchange, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Collapse cluster into one node" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"cluster:{cluster}", Exact = true }).WaitForAsync();
        Assert.Equal(before - members.Count + 1, await rows.CountAsync());
        foreach (var member in members)
        {
            Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = member, Exact = true }).CountAsync());
        }

        await StepAsync(page, "graph-cluster-collapsed");
        await page.GetByRole(AriaRole.Button, new() { Name = $"cluster:{cluster}", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the cluster's addresses" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = web.Exchange, Exact = true }).WaitForAsync();
        Assert.Equal(before, await rows.CountAsync());

        // Annotate: the note and the colour chosen show in the node's row.
        var target = drawn.First(d => !members.Contains(d));
        await page.GetByRole(AriaRole.Button, new() { Name = target, Exact = true }).ClickAsync();
        await page.GetByLabel("Note", new() { Exact = true }).FillAsync("paid the exchange twice");
        await page.GetByLabel("Colour").SelectOptionAsync("#b3261e");
        await page.GetByRole(AriaRole.Button, new() { Name = "Annotate" }).ClickAsync();
        var row = rows.Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = target, Exact = true }) });
        await row.GetByText("paid the exchange twice").WaitForAsync();
        Assert.Equal(1, await row.Locator("[data-colour='#b3261e']").CountAsync());
        await StepAsync(page, "graph-annotated");
        AssertClean();
    }

    [Theory]
    [InlineData("btc")]
    [InlineData("eth")]
    public async Task ConnectionsBetweenTwoAddresses_AreDrawnAsTheApiFindsThem(string chain)
    {
        using var api = web.Api();
        var start = chain == "btc" ? web.Ransomware : web.EthHacker;
        // A target two hops out, found through the neighbours API.
        var first = (await NeighboursAsync(api, chain, start, "out"))[0].GetProperty("address").GetString()!;
        var target = (await NeighboursAsync(api, chain, first, "out")).Select(n => n.GetProperty("address").GetString()!).First(a => a != start);
        var paths = await api.GetFromJsonAsync<JsonElement>($"/v1/paths?chain={chain}&from={start}&to={target}&hops=4");
        var count = paths.GetProperty("paths").GetArrayLength();
        output.WriteLine($"{chain}: {start} → {target}: {count} paths ({paths.GetProperty("status").GetString()})");
        Assert.True(count > 0, $"the API finds a connection two hops out: {paths}");

        var page = await GraphAsync(chain, start);
        await page.GetByLabel("Find connections to").FillAsync(target);
        await page.GetByLabel("Within hops").FillAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find paths" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{count} paths from {start} to {target} highlighted" }).WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByRole(AriaRole.Button, new() { Name = target, Exact = true }).WaitForAsync();
        foreach (var address in paths.GetProperty("paths").EnumerateArray().SelectMany(p => p.EnumerateArray()).Select(e => e.GetProperty("address").GetString()).OfType<string>().Distinct())
        {
            await page.GetByRole(AriaRole.Button, new() { Name = address, Exact = true }).WaitForAsync();
        }

        await StepAsync(page, $"graph-paths-{chain}");
        AssertClean();
    }

    [Fact]
    public async Task TrendsView_ChartsTheApisFigures_PerDayAndPerWeek()
    {
        using var api = web.Api();
        var page = await web.SignedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Trends" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Trends: value reaching each category" }).WaitForAsync();
        await CheckTotalsAsync(page, api, "day", "flagged");
        await StepAsync(page, "trends-day-flagged");

        await page.GetByLabel("Bucket", new() { Exact = true }).SelectOptionAsync("week");
        await page.GetByLabel("From sources", new() { Exact = true }).SelectOptionAsync("any");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show trends" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "per week from any source" }).WaitForAsync();
        await CheckTotalsAsync(page, api, "week", "any");
        await StepAsync(page, "trends-week-any");

        await page.GetByLabel("Chain", new() { Exact = true }).SelectOptionAsync("eth");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show trends" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Native ETH paid directly into each category per week from any source" }).WaitForAsync();
        await CheckTotalsAsync(page, api, "week", "any", "eth");
        var total = page.Locator("table", new() { Has = page.Locator("caption", new() { HasText = "Totals in the range" }) }).Locator("tbody [data-base-units]").First;
        Assert.EndsWith(" ETH", (await total.InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.EndsWith(" wei", await total.GetAttributeAsync("title"), StringComparison.Ordinal);
        await StepAsync(page, "trends-week-any-eth");

        await page.GetByLabel("From (UTC)", new() { Exact = true }).FillAsync("2023-11-15");
        await page.GetByLabel("To (UTC)", new() { Exact = true }).FillAsync("2023-11-14");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show trends" }).ClickAsync();
        Assert.Contains("invalid-parameter", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
        AssertClean();
    }

    private async Task CheckTotalsAsync(IPage page, HttpClient api, string bucket, string source, string chain = "btc")
    {
        var trends = await api.GetFromJsonAsync<JsonElement>($"/v1/trends?chain={chain}&bucket={bucket}&source={source}");
        var categories = trends.GetProperty("categories").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.NotEmpty(categories);
        var totals = page.Locator("table", new() { Has = page.Locator("caption", new() { HasText = "Totals in the range" }) }).Locator("tbody tr");
        await totals.First.WaitForAsync();
        Assert.Equal(categories.Count, await totals.CountAsync());
        for (var i = 0; i < categories.Count; i++)
        {
            Assert.Equal(categories[i], (await totals.Nth(i).Locator("td").First.InnerTextAsync()).Trim());
            Assert.Equal(trends.GetProperty("totals").GetProperty(categories[i]).GetString(), await totals.Nth(i).Locator("[data-base-units]").GetAttributeAsync("data-base-units"));
        }

        await page.Locator(".trends-chart canvas").First.WaitForAsync();
        var cells = page.Locator("table", new() { Has = page.Locator("caption", new() { HasText = $"per {bucket}" }) }).Locator("tbody [data-base-units]");
        var sum = BigInteger.Zero;
        foreach (var cell in await cells.AllAsync())
        {
            sum += BigInteger.Parse((await cell.GetAttributeAsync("data-base-units"))!, CultureInfo.InvariantCulture);
        }

        Assert.Equal(categories.Aggregate(BigInteger.Zero, (s, c) => s + BigInteger.Parse(trends.GetProperty("totals").GetProperty(c).GetString()!, CultureInfo.InvariantCulture)), sum);
    }

    private async Task<IPage> GraphAsync(string chain, string start)
    {
        var page = await web.SignedInPageAsync();
        await page.GotoAsync($"{web.Serve.BaseAddress}#/graph/{chain}/{start}");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Nodes (1)" }).WaitForAsync();
        return page;
    }

    private static async Task ExpandAsync(IPage page, string button)
    {
        await page.EvaluateAsync("() => { delete document.body.dataset.lastExpandMs; }");
        await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.body.dataset.lastExpandMs !== undefined");
    }

    private Task<List<JsonElement>> NeighboursAsync(HttpClient api, string chain, string address, string direction) =>
        web.NeighboursAsync(api, chain, address, direction);

    private Task StepAsync(IPage page, string name) => web.StepAsync(page, name, output, _violations);

    private void AssertClean() =>
        Assert.True(_violations.Count == 0, "axe-core serious/critical violations:\n" + string.Join('\n', _violations));
}
