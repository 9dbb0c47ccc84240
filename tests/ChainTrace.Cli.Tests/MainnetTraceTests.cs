using System.Text.Json;
using ChainTrace.TestSupport;

namespace ChainTrace.Cli.Tests;

/// <summary>Tracing over real mainnet blocks and the real OFAC list from the shared data.</summary>
public sealed class MainnetTraceTests
{
    [Fact]
    public async Task BackwardTrace_FromTheOfacListedAddress_FindsThePaymentToItInBlock574200()
    {
        using var temp = new TempDir("trace-mainnet");
        var data = temp.File("data");
        Assert.Equal(0, (await CliRunner.RunAsync("ingest", "btc", "--data", data, "--raw", MainnetFiles.Raw("block_574200.raw"))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("labels", "import", SharedData.Path("labels", "ofac-0xB10C", "sanctioned_addresses_XBT.txt"), "--data", data)).ExitCode);
        var csvFile = temp.File("trace.csv");

        var (code, output, error) = await CliRunner.RunAsync("trace", "btc", "1NpHuti9NSM9fVTXLkvSDU4AnhqGQ5N53d", "--direction", "backward", "--data", data);
        var csv = await CliRunner.RunAsync("trace", "btc", "1NpHuti9NSM9fVTXLkvSDU4AnhqGQ5N53d", "--direction", "backward", "--format", "csv", "--out", csvFile, "--data", data);

        Assert.True(code == 0, error);
        var root = JsonDocument.Parse(output).RootElement;
        var payments = root.GetProperty("edges").EnumerateArray().Where(e => e.GetProperty("hop").GetInt32() == 0).ToList();
        var payment = Assert.Single(payments);
        Assert.Equal(574200, payment.GetProperty("height").GetInt64());
        Assert.Equal("1NpHuti9NSM9fVTXLkvSDU4AnhqGQ5N53d", payment.GetProperty("address").GetString());
        Assert.Equal(root.GetProperty("totals").GetProperty("traced").GetString(), payment.GetProperty("amount").GetString());
        // The payment's inputs were created before the one block held: their origin is outside the data, and said so.
        Assert.Equal(root.GetProperty("totals").GetProperty("traced").GetString(), root.GetProperty("totals").GetProperty("unspent").GetString());
        Assert.Contains("trace ", error, StringComparison.Ordinal);
        Assert.Equal(0, csv.ExitCode);
        Assert.Contains($",{payment.GetProperty("txid").GetString()},574200,", await File.ReadAllTextAsync(csvFile), StringComparison.Ordinal);
    }
}
