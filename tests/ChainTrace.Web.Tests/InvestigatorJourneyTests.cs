using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ChainTrace.Web.Tests;

/// <summary>
/// The investigator's path through the page in real headless Chromium against a real serve on the demo data: sign in,
/// search the ransomware address, risk and labels, two hops of the graph, a forward haircut trace to an exchange, a
/// case with the trace pinned, its bundle (checked file by file against the trace API) and its report. Every view is
/// scanned with axe-core; screenshots go to the folder printed in the output.
/// </summary>
[Collection("web")]
[Trait("Category", "Integration")]
public sealed class InvestigatorJourneyTests(WebFixture web, ITestOutputHelper output)
{
    private readonly List<string> _violations = [];

    [Fact]
    public async Task Investigator_FollowsTheRansomwareToAnExchange_AndExportsTheCase()
    {
        output.WriteLine($"screenshots: {web.Screenshots}");
        var page = await web.NewPageAsync();
        using var api = web.Api();
        await page.GotoAsync(web.Serve.BaseAddress.ToString());
        await page.GetByLabel("API key").FillAsync(web.InvestigatorKey);
        await StepAsync(page, "01-sign-in");
        var clock = Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Search", Exact = true }).WaitForAsync();
        var firstRender = clock.ElapsedMilliseconds;
        await StepAsync(page, "02-search");

        // Search, then risk and labels as the API states them.
        await page.GetByLabel("Address, transaction id or cluster id").FillAsync(web.Ransomware);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        var riskSection = page.Locator("section[aria-labelledby=s-risk]");
        await riskSection.Locator("p.score").WaitForAsync();
        var risk = await api.GetFromJsonAsync<JsonElement>($"/v1/addresses/btc/{web.Ransomware}/risk");
        var riskText = await riskSection.InnerTextAsync();
        Assert.Contains($"Score {risk.GetProperty("score").GetInt32()}", riskText, StringComparison.Ordinal);
        Assert.Contains(risk.GetProperty("level").GetString()!, riskText, StringComparison.Ordinal);
        Assert.Contains(risk.GetProperty("decision").GetString()!, riskText, StringComparison.Ordinal);
        var exposures = risk.GetProperty("exposures").GetArrayLength();
        output.WriteLine($"{web.RiskRefresh}; the ransomware address has {exposures} exposure rows");
        if (exposures == 0)
        {
            Assert.Contains("No exposure", riskText, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(exposures, await riskSection.Locator(".exposure tbody tr").CountAsync());
            await riskSection.Locator(".exposure .chart canvas").First.WaitForAsync();
        }

        var labels = await api.GetFromJsonAsync<JsonElement>($"/v1/addresses/btc/{web.Ransomware}/labels");
        var labelText = await page.Locator("section[aria-labelledby=s-labels]").InnerTextAsync();
        Assert.Contains("ransomware", labelText, StringComparison.Ordinal);
        foreach (var label in labels.GetProperty("labels").EnumerateArray())
        {
            Assert.Contains(label.GetProperty("source").GetString()!, labelText, StringComparison.Ordinal);
            var confidence = label.GetProperty("confidence");
            Assert.Contains($"{confidence.GetProperty("id").GetString()} ({confidence.GetProperty("level").GetInt32()})", labelText, StringComparison.Ordinal);
        }

        await StepAsync(page, "03-address");

        // Two hops out, each the largest neighbour first, drawn as the API's neighbours say.
        await page.GetByRole(AriaRole.Link, new() { Name = "Open in graph" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Nodes (1)" }).WaitForAsync();
        var (hop1, parts1) = await ExpandOutAsync(page);
        var first = (await NeighboursAsync(api, web.Ransomware))[0];
        await page.GetByRole(AriaRole.Button, new() { Name = first, Exact = true }).ClickAsync();
        var (hop2, parts2) = await ExpandOutAsync(page);
        foreach (var second in (await NeighboursAsync(api, first)).Take(10))
        {
            await page.GetByRole(AriaRole.Button, new() { Name = second, Exact = true }).WaitForAsync();
        }

        await StepAsync(page, "04-graph-two-hops");

        // A case to pin into.
        const string title = "Demo ransomware: where the ransom went";
        await page.GetByRole(AriaRole.Link, new() { Name = "Cases" }).ClickAsync();
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Description").FillAsync("Ransom payments of the demo economy, followed to the exchanges.");
        await StepAsync(page, "05-cases");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create case" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = title }).WaitForAsync();
        await page.GetByLabel("New note").FillAsync("Two hops out the funds split; the trace follows them to the exchanges.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await page.GetByText("Two hops out the funds split").WaitForAsync();

        // Forward haircut trace; the page shows what the API answers for the same request.
        await page.GotoAsync($"{web.Serve.BaseAddress}#/trace?chain=btc&start={web.Ransomware}");
        await page.GetByLabel("Taint model").SelectOptionAsync("haircut");
        await page.GetByLabel("Direction").SelectOptionAsync("forward");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run trace" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Endpoints" }).WaitForAsync();
        var traceId = await page.Locator("code[data-trace-id]").InnerTextAsync();
        using var posted = await api.PostAsJsonAsync("/v1/traces", new { chain = "btc", start = web.Ransomware, direction = "forward", hops = 6, taint = "haircut", stop = new[] { "exchange" } });
        var trace = await posted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(trace.GetProperty("id").GetString(), traceId);
        var endpoints = trace.GetProperty("endpoints").EnumerateArray().ToList();
        Assert.NotEmpty(endpoints);
        Assert.Equal(endpoints.Count, await page.Locator("section[aria-labelledby=endpoints-title] tbody tr").CountAsync());
        Assert.Equal(endpoints[0].GetProperty("amount").GetString(), await page.Locator("section[aria-labelledby=endpoints-title] tbody tr").First.Locator("[data-base-units]").GetAttributeAsync("data-base-units"));
        var exchange = endpoints.First(e => e.GetProperty("category").GetString() == "exchange");
        await page.Locator("section[aria-labelledby=endpoints-title] tbody tr", new() { HasText = exchange.GetProperty("entity").GetString()![..12] })
            .GetByRole(AriaRole.Button).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Endpoint: exchange" }).WaitForAsync();
        await page.GetByText("there; highlighted on the graph").WaitForAsync();
        await StepAsync(page, "06-trace-endpoint");

        // Pin the trace, then export the case.
        await page.GetByLabel("Case", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = title });
        await page.GetByRole(AriaRole.Button, new() { Name = "Pin trace to case" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = traceId }).WaitForAsync();
        await StepAsync(page, "07-case");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download evidence bundle (.zip)" }).ClickAsync());
        var bundlePath = Path.Combine(web.Screenshots, download.SuggestedFilename);
        await download.SaveAsAsync(bundlePath);
        await CheckBundleAsync(api, bundlePath, traceId, title);

        var report = await page.Context.RunAndWaitForPageAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Open printable report" }).ClickAsync());
        await report.WaitForLoadStateAsync();
        await report.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 }).WaitForAsync();
        var reportText = await report.InnerTextAsync("body");
        Assert.Contains(traceId, reportText, StringComparison.Ordinal);
        Assert.Contains(exchange.GetProperty("entity").GetString()!, reportText, StringComparison.Ordinal);
        Assert.Contains("Two hops out the funds split", reportText, StringComparison.Ordinal);
        Assert.Contains("Provenance", reportText, StringComparison.Ordinal);
        Assert.Contains("@media print", await report.ContentAsync(), StringComparison.Ordinal);
        await StepAsync(report, "08-report");

        // The remaining views, scanned too.
        await page.GotoAsync($"{web.Serve.BaseAddress}#/alerts?chain=btc&subject={web.Ransomware}");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("ransomware outflows");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create watchlist" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Deliveries of ransomware outflows" }).WaitForAsync();
        await StepAsync(page, "09-alerts");
        var cluster = labels.GetProperty("cluster").GetInt64();
        await page.GotoAsync($"{web.Serve.BaseAddress}#/cluster/btc/{cluster}");
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Cluster {cluster} (btc)" }).WaitForAsync();
        await StepAsync(page, "10-cluster");

        output.WriteLine($"TIMING first_render_ms={firstRender} two_hop_expansion_ms={hop1 + hop2} (hop 1 {hop1} ms: {parts1}; hop 2 {hop2} ms: {parts2}; browser wall time, machine shared)");
        Assert.True(_violations.Count == 0, "axe-core serious/critical violations:\n" + string.Join('\n', _violations));
    }

    private Task StepAsync(IPage page, string name) => web.StepAsync(page, name, output, _violations);

    /// <summary>Expands the selected node outwards; the wall time from the click until the page says it drew the hop.</summary>
    private static async Task<(long Ms, string Parts)> ExpandOutAsync(IPage page)
    {
        await page.EvaluateAsync("() => { delete document.body.dataset.lastExpandMs; }");
        var clock = Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Button, new() { Name = "Expand out (where funds went)" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.body.dataset.lastExpandMs !== undefined");
        var ms = clock.ElapsedMilliseconds;
        return (ms, await page.EvaluateAsync<string>("() => `in page ${document.body.dataset.lastExpandMs}: ${document.body.dataset.lastExpandParts}`"));
    }

    private async Task<List<string>> NeighboursAsync(HttpClient api, string address) =>
        (await web.NeighboursAsync(api, "btc", address, "out")).Select(n => n.GetProperty("address").GetString()!).ToList();

    /// <summary>The downloaded bundle holds the bytes the trace API serves, their provenance, and a manifest whose hashes match.</summary>
    private static async Task CheckBundleAsync(HttpClient api, string path, string traceId, string title)
    {
        using var zip = ZipFile.OpenRead(path);
        byte[] Entry(string name)
        {
            var entry = zip.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"bundle has no {name}: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }

        foreach (var (format, ext) in new[] { ("json", "json"), ("csv", "csv"), ("graphml", "graphml") })
        {
            Assert.Equal(await api.GetByteArrayAsync($"/v1/traces/{traceId}?format={format}"), Entry($"traces/{traceId}.{ext}"));
        }

        using var traceJson = JsonDocument.Parse(Entry($"traces/{traceId}.json"));
        using var provenance = JsonDocument.Parse(Entry($"traces/{traceId}.provenance.json"));
        Assert.Equal(traceJson.RootElement.GetProperty("provenance").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal),
            provenance.RootElement.GetProperty("provenance").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
        using var caseJson = JsonDocument.Parse(Entry("case.json"));
        Assert.Equal(title, caseJson.RootElement.GetProperty("case").GetProperty("title").GetString());
        Assert.Contains(caseJson.RootElement.GetProperty("pins").EnumerateArray(), p => p.GetProperty("kind").GetString() == "trace" && p.GetProperty("subject").GetString() == traceId);
        Assert.Contains($"trace,,{traceId},", System.Text.Encoding.UTF8.GetString(Entry("pins.csv")), StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(Entry("manifest.json"));
        var files = manifest.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(zip.Entries.Count - 1, files.Count);
        foreach (var file in files)
        {
            Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(Entry(file.GetProperty("name").GetString()!))));
        }
    }
}
