using ChainTrace.TestSupport;

namespace ChainTrace.Cli.Tests;

/// <summary><c>chaintrace labels import</c> on the shared label files: the summary line, exit codes, bad lines named.</summary>
public sealed class LabelsCliTests
{
    private static string Ofac(string name) => SharedData.Path("labels", "ofac-0xB10C", name);

    private static string Pack(string name) => SharedData.Path("labels", "graphsense-tagpacks", "packs", name);

    [Fact]
    public async Task Reject_IsTheDefault_NamesTheBadLine_AndImportsNothingOfTheFile()
    {
        using var temp = new TempDir("labels-cli");
        var (xbt, bad) = WithMistypedLine(temp);

        var (code, output, error) = await CliRunner.RunAsync("labels", "import", xbt, "--data", temp.Path);

        Assert.Equal(2, code);
        Assert.Contains($"error: {xbt}:{bad}: bad btc address", error, StringComparison.Ordinal);
        Assert.Contains($"rejected {xbt}", error, StringComparison.Ordinal);
        Assert.Equal("imported 0 labels (0 addresses, 0 clusters), skipped 0 (), errors 1", LastLine(output));
    }

    [Fact]
    public async Task PlainImportOfTheRealXbtList_SkipsTheTronAddressWithAWarning_AndImportsEveryBitcoinAddress()
    {
        using var temp = new TempDir("labels-cli");
        var xbt = Ofac("sanctioned_addresses_XBT.txt");
        var good = File.ReadLines(xbt).Count(l => l.Trim().Length > 0) - 1;

        var (code, output, error) = await CliRunner.RunAsync("labels", "import", xbt, "--data", temp.Path);

        Assert.Equal(0, code);
        Assert.Contains($"warning: {xbt}:355: TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq is a valid TRX address", error, StringComparison.Ordinal);
        Assert.Equal($"imported {good} labels ({good} addresses, 0 clusters), skipped 1 (TRX: 1), errors 0", LastLine(output));
        var (_, shown, _) = await CliRunner.RunAsync("labels", "show", "btc", "1NpHuti9NSM9fVTXLkvSDU4AnhqGQ5N53d", "--data", temp.Path);
        Assert.Contains("sanction", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skip_ImportsTheRest_AndTheSummaryCountsSkippedCurrencies()
    {
        using var temp = new TempDir("labels-cli");
        var (xbt, bad) = WithMistypedLine(temp);
        var ltc = Ofac("sanctioned_addresses_LTC.txt");
        var good = File.ReadLines(xbt).Count(l => l.Trim().Length > 0) - 2;
        var skipped = File.ReadLines(ltc).Count(l => l.Trim().Length > 0);

        var (code, output, error) = await CliRunner.RunAsync("labels", "import", xbt, ltc, "--on-error", "skip", "--data", temp.Path);

        Assert.Equal(0, code);
        Assert.Contains($"error: {xbt}:{bad}:", error, StringComparison.Ordinal);
        Assert.Equal($"imported {good} labels ({good} addresses, 0 clusters), skipped {skipped + 1} (LTC: {skipped}, TRX: 1), errors 1", LastLine(output));
        Assert.True(File.Exists(Path.Combine(temp.Path, "labels.db")));
    }

    [Fact]
    public async Task Import_AfterClustering_ReachesTheClustersOfClusterDefiners_AndShowSaysViaCluster()
    {
        using var temp = new TempDir("labels-cli");
        var sim = await SimulatedRegtestStoreAsync(temp);

        var (code, output, error) = await CliRunner.RunAsync("labels", "import", Path.Combine(sim, "labels", "tagpack.yaml"), "--network", "regtest", "--data", temp.Path);

        Assert.True(code == 0, error);
        var clusters = int.Parse(System.Text.RegularExpressions.Regex.Match(LastLine(output), @"addresses, (\d+) clusters\)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(clusters > 0, LastLine(output));
        var hot = File.ReadLines(Path.Combine(sim, "truth", "addresses.jsonl")).First(l => l.Contains("\"entity_id\":1,", StringComparison.Ordinal) && l.Contains("hot_wallet", StringComparison.Ordinal));
        var address = System.Text.Json.JsonDocument.Parse(hot).RootElement.GetProperty("address").GetString()!;
        var (_, shown, _) = await CliRunner.RunAsync("labels", "show", "btc", address, "--data", temp.Path);
        Assert.Contains("via cluster", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WithoutNetwork_TakesTheStoresNetwork_AndAnotherGivenNetworkIsWarnedAbout()
    {
        using var temp = new TempDir("labels-cli");
        var sim = await SimulatedRegtestStoreAsync(temp);
        var pack = Path.Combine(sim, "labels", "tagpack.yaml");

        var (code, output, error) = await CliRunner.RunAsync("labels", "import", pack, "--data", temp.Path);
        Assert.True(code == 0, error);
        Assert.Matches(@"errors 0$", LastLine(output));
        Assert.DoesNotContain("warning: the store's Bitcoin data", error, StringComparison.Ordinal);

        var (wrongCode, _, wrongError) = await CliRunner.RunAsync("labels", "import", pack, "--network", "main", "--data", temp.Path);
        Assert.Equal(2, wrongCode);
        Assert.Contains("warning: the store's Bitcoin data is regtest; main addresses match none of it", wrongError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiImport_WithoutNetwork_TakesTheStoresNetworkToo()
    {
        using var temp = new TempDir("labels-api");
        var sim = await SimulatedRegtestStoreAsync(temp);
        await using var api = await ChainTrace.TestSupport.Api.InProcessApi.StartAsync(temp.Path, Core.Access.ApiRole.Admin);
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(sim, "labels", "tagpack.yaml"))), "file", "tagpack.yaml");

        using var response = await api.Http.PostAsync("/v1/labels/import", form);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, body);
        Assert.Empty(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateArray());
    }

    /// <summary>A simulated ransomware-to-exchange economy in the temp dir's <c>sim</c>, its Bitcoin blocks ingested (regtest) into the temp dir; returns the simulation's directory.</summary>
    private static async Task<string> SimulatedRegtestStoreAsync(TempDir temp)
    {
        var sim = Path.Combine(temp.Path, "sim");
        Assert.Equal(0, (await CliRunner.RunAsync("simulate", "--scenario", "ransomware-to-exchange", "--out", sim, "--fast")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("ingest", "btc", "--network", "regtest", "--blocks-dir", Path.Combine(sim, "btc", "blocks"), "--data", temp.Path)).ExitCode);
        return sim;
    }

    /// <summary>The real XBT list in the test's temp dir with one mistyped address appended (a flipped last character breaks the checksum).</summary>
    private static (string Path, int BadLine) WithMistypedLine(TempDir temp)
    {
        var path = temp.File("sanctioned_addresses_XBT.txt");
        var lines = File.ReadLines(Ofac("sanctioned_addresses_XBT.txt")).Where(l => l.Trim().Length > 0).ToList();
        lines.Add("1NpHuti9NSM9fVTXLkvSDU4AnhqGQ5N53e");
        File.WriteAllLines(path, lines);
        return (path, lines.Count);
    }

    [Fact]
    public async Task Show_ListsTheLabelsOfAnAddress_WithPackAndLine()
    {
        using var temp = new TempDir("labels-cli");
        var xbt = Ofac("sanctioned_addresses_XBT.txt");
        await CliRunner.RunAsync("labels", "import", xbt, Pack("ofac.yaml"), "--on-error", "skip", "--data", temp.Path);
        var line = File.ReadLines(xbt).TakeWhile(l => l.Trim() != "1NpHuti9NSM9fVTXLkvSDU4AnhqGQ5N53d").Count() + 1;

        var (code, output, _) = await CliRunner.RunAsync("labels", "show", "btc", "1NpHuti9NSM9fVTXLkvSDU4AnhqGQ5N53d", "--data", temp.Path);

        Assert.Equal(0, code);
        Assert.Contains($"sanction (severe)  OFAC SDN (XBT)  via address  ofac:sanctioned_addresses_XBT.txt:{line}  authority_data 60", output, StringComparison.Ordinal);
        // GraphSense's ofac.yaml tags it category user, sourced from the SDN list: a sanction too, so the sources agree.
        Assert.Contains("sanction (severe)  Asset listed under US Treasury OFAC Sanctions List  via address  tagpack:ofac.yaml:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("sources disagree", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_OnADirectoryWithoutLabels_SaysSo_AndCreatesNothing()
    {
        using var temp = new TempDir("labels-cli");

        var (code, _, error) = await CliRunner.RunAsync("labels", "show", "btc", "1NpHuti9NSM9fVTXLkvSDU4AnhqGQ5N53d", "--data", temp.Path);

        Assert.Equal(3, code);
        Assert.Contains("no labels", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task Reimport_GivesTheSameSummary_AndActorPacksAreCounted()
    {
        using var temp = new TempDir("labels-cli");
        string[] args = ["labels", "import", Pack("exchange-wallets-kucoin.yaml"), SharedData.Path("labels", "graphsense-tagpacks", "actors", "graphsense.actorpack.yaml"), "--data", temp.Path];

        var first = await CliRunner.RunAsync(args);
        var second = await CliRunner.RunAsync(args);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(LastLine(first.Output), LastLine(second.Output));
        Assert.Matches(@"^imported \d+ labels \(\d+ addresses, 0 clusters\), skipped \d+ \((\w+: \d+, )*\w+: \d+\), errors 0$", LastLine(first.Output));
        Assert.Contains("KCS: ", LastLine(first.Output), StringComparison.Ordinal);
        Assert.Contains("actors ", first.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFormat_IsRefused()
    {
        using var temp = new TempDir("labels-cli");

        var (code, _, error) = await CliRunner.RunAsync("labels", "import", Pack("hydra.yaml"), "--format", "xml", "--data", temp.Path);

        Assert.NotEqual(0, code);
        Assert.Contains("unknown format 'xml'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForcedFormat_ThatDoesNotFit_ReportsTheFileAsBad()
    {
        using var temp = new TempDir("labels-cli");
        var pack = Pack("hydra.yaml");

        var (code, output, error) = await CliRunner.RunAsync("labels", "import", pack, "--format", "csv", "--data", temp.Path);

        Assert.Equal(2, code);
        Assert.Contains($"error: {pack}:1: the header lacks", error, StringComparison.Ordinal);
        Assert.Equal("imported 0 labels (0 addresses, 0 clusters), skipped 0 (), errors 1", LastLine(output));
    }

    private static string LastLine(string output) => output.TrimEnd().Split('\n')[^1].TrimEnd('\r');
}
