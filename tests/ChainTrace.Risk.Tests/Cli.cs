using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ChainTrace.Cli;

namespace ChainTrace.Risk.Tests;

/// <summary>Runs the real command tree in-process and fails the test with its error output when a step fails.</summary>
internal static class Cli
{
    public static async Task<string> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        Assert.True(code == 0, $"chaintrace {string.Join(' ', args)} exited {code}: {error}");
        return output.ToString();
    }

    /// <summary>
    /// A simulator economy through the real pipeline: simulate (<c>--fast</c>) into <paramref name="sim"/>, ingest its
    /// Bitcoin blocks and import its TagPack into <paramref name="data"/>, then <c>risk refresh</c>; returns the refresh's summary.
    /// </summary>
    public static async Task<string> ScoredEconomyAsync(string scenario, int seed, string sim, string data)
    {
        await RunAsync("simulate", "--scenario", scenario, "--seed", seed.ToString(CultureInfo.InvariantCulture), "--out", sim, "--fast");
        await RunAsync("--data", data, "ingest", "btc", "--blocks-dir", Path.Combine(sim, "btc", "blocks"), "--network", "regtest");
        await RunAsync("--data", data, "labels", "import", Path.Combine(sim, "labels", "tagpack.yaml"), "--network", "regtest");
        return await RunAsync("--data", data, "risk", "refresh");
    }

    /// <summary>
    /// Real mainnet block 574200 (it pays the OFAC-listed <c>1NpHuti…</c>, MANIFEST) ingested into <paramref name="data"/>,
    /// <paramref name="labelFiles"/> imported as a user imports them (default <c>--on-error reject</c>), then <c>risk
    /// refresh</c>; returns the import's output.
    /// </summary>
    public static async Task<string> SanctionBlockStoreAsync(string data, params string[] labelFiles)
    {
        await RunAsync("--data", data, "ingest", "btc", "--raw", TestSupport.SharedData.Path("bitcoin", "raw", "block_574200.raw"));
        var imported = await RunAsync(["--data", data, "labels", "import", .. labelFiles]);
        await RunAsync("--data", data, "risk", "refresh");
        return imported;
    }

    /// <summary>The screening answer for a Bitcoin address; fails the test on any status but success.</summary>
    public static async Task<JsonElement> RiskAsync(HttpClient http, string address)
    {
        ArgumentNullException.ThrowIfNull(http);
        var response = await http.GetAsync(new Uri($"/v1/addresses/btc/{address}/risk", UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"{address}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
