using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChainTrace.TestSupport;
using Microsoft.Playwright;

namespace ChainTrace.Web.Tests;

/// <summary>
/// One real <c>chaintrace serve</c> on the demo data (free port, temp data dir) and one headless Debian Chromium,
/// shared by the browser and API tests of the <c>web</c> collection. Keys are read from the files serve names.
/// </summary>
public sealed partial class WebFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly TempDir _temp = new("web");

    public ServeProcess Serve { get; private set; } = null!;

    /// <summary>The data directory serve loaded the demo into (the simulator's blocks and ground truth are under <c>demo/</c>).</summary>
    public string Data => _temp.File("data");

    public string InvestigatorKey { get; private set; } = "";

    public string ExchangeKey { get; private set; } = "";

    public string AdminKey { get; private set; } = "";

    /// <summary>The demo's ransomware address, as serve prints it in its example call.</summary>
    public string Ransomware { get; private set; } = "";

    /// <summary>The demo's Bitcoin exchange address and Ethereum hacker address, as serve prints them.</summary>
    public string Exchange { get; private set; } = "";

    public string EthHacker { get; private set; } = "";

    public string Screenshots { get; } = Path.Combine(Path.GetTempPath(), "chaintrace-web-screenshots", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture));

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    private string _axe = "";

    /// <summary>The summary line of <c>chaintrace risk refresh</c>, run beside serve so that exposures exist (serve picks up the new file).</summary>
    public string RiskRefresh { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);
        Serve = await ServeProcess.StartAsync(_temp.File("data"), demo: true);
        RiskRefresh = await RefreshRiskAsync(_temp.File("data"));
        var log = Serve.Output;
        var demoKeys = DemoKeysLine().Match(log);
        Assert.True(demoKeys.Success, "serve names the demo key files:\n" + log);
        InvestigatorKey = (await File.ReadAllTextAsync(demoKeys.Groups[1].Value)).Trim();
        ExchangeKey = (await File.ReadAllTextAsync(demoKeys.Groups[2].Value)).Trim();
        AdminKey = (await File.ReadAllTextAsync(AdminKeyLine().Match(log).Groups[1].Value)).Trim();
        var ransomware = RansomwareLine().Match(log);
        Assert.True(ransomware.Success, "serve prints a ransomware example:\n" + log);
        Ransomware = ransomware.Groups[1].Value;
        Exchange = ExchangeLine().Match(log).Groups[1].Value;
        EthHacker = EthHackerLine().Match(log).Groups[1].Value;
        Assert.True(Exchange.Length > 0 && EthHacker.Length > 0, "serve prints exchange and hacking examples:\n" + log);
        Assert.Contains($"page: {Serve.BaseAddress.ToString().TrimEnd('/')}/", log, StringComparison.Ordinal);

        _axe = await File.ReadAllTextAsync(Path.Combine(SharedData.RepoRoot, "src", "ChainTrace.Web", "node_modules", "axe-core", "axe.min.js"));
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: scripts/test.sh installs it (apt-get install -y chromium)");
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    private static async Task<string> RefreshRiskAsync(string data)
    {
        var output = await RunCliAsync("risk", "refresh", "--data", data);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith("risk refresh:", StringComparison.Ordinal)) ?? "";
    }

    /// <summary>Runs one <c>chaintrace</c> command to its end; fails the test on a non-zero exit; answers its output.</summary>
    public static async Task<string> RunCliAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "chaintrace.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var run = Process.Start(info)!;
        var output = run.StandardOutput.ReadToEndAsync();
        var error = run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync();
        Assert.True(run.ExitCode == 0, $"chaintrace {string.Join(' ', arguments)} failed ({run.ExitCode}):\n{await output}\n{await error}");
        return await output + await error;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        Playwright?.Dispose();
        if (Serve is not null)
        {
            await Serve.DisposeAsync();
        }

        _temp.Dispose();
    }

    /// <summary>A fresh browser context (its own sessionStorage). CSP is bypassed only so the test can inject axe-core.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true, AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        return await context.NewPageAsync();
    }

    /// <summary>A fresh page signed in with the investigator key, on the search view.</summary>
    public async Task<IPage> SignedInPageAsync()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(Serve.BaseAddress.ToString());
        await page.GetByLabel("API key").FillAsync(InvestigatorKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Search", Exact = true }).WaitForAsync();
        return page;
    }

    public HttpClient Api(string? key = null) => Serve.Client(key ?? InvestigatorKey);

    /// <summary>Runs axe-core in the page; answers the serious and critical violations, one line each.</summary>
    public async Task<IReadOnlyList<string>> AxeAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = _axe });
        }

        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                .map(v => ({ id: v.id, impact: v.impact ?? '', help: v.help, target: v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ') }))
            """);
        return violations.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()} at {v.GetProperty("target").GetString()}")
            .ToList();
    }

    /// <summary>A step of a browser test: a screenshot (its path printed) and an axe-core scan whose findings join <paramref name="violations"/>.</summary>
    public async Task StepAsync(IPage page, string name, Xunit.Abstractions.ITestOutputHelper output, List<string> violations)
    {
        output.WriteLine($"screenshot {await ScreenshotAsync(page, name)}");
        violations.AddRange((await AxeAsync(page)).Select(v => $"{name}: {v}"));
    }

    /// <summary>The neighbours of the first page of up to 1,000, largest value first (the order the page draws them in).</summary>
    public async Task<List<JsonElement>> NeighboursAsync(HttpClient api, string chain, string address, string direction)
    {
        var answer = await api.GetFromJsonAsync<JsonElement>($"/v1/addresses/{chain}/{address}/neighbours?direction={direction}&limit=1000");
        return answer.GetProperty("neighbours").EnumerateArray()
            .OrderByDescending(n => System.Numerics.BigInteger.Parse(n.GetProperty("value").GetString()!, CultureInfo.InvariantCulture)).ToList();
    }

    public async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(Screenshots, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    [GeneratedRegex(@"keys: demo investigator in (\S+), demo exchange in (\S+)")]
    private static partial Regex DemoKeysLine();

    [GeneratedRegex(@"try \(exchange\): curl .*?/v1/addresses/btc/(\S+)")]
    private static partial Regex ExchangeLine();

    [GeneratedRegex(@"try \(hacking\): curl .*?/v1/addresses/eth/(\S+)")]
    private static partial Regex EthHackerLine();

    [GeneratedRegex(@"keys: admin in (\S+)")]
    private static partial Regex AdminKeyLine();

    [GeneratedRegex(@"try \(ransomware\): curl .*?/v1/addresses/btc/(\S+)")]
    private static partial Regex RansomwareLine();
}
