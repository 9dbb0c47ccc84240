using System.Text.Json;
using ChainTrace.TestSupport;
using ChainTrace.TestSupport.Ethereum;

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

    /// <summary>
    /// mev-inspect block 12914944: tx 0xbf2f9285… from 0x0832b039… calls the OFAC-listed 0x8576acc5… with no value
    /// and runs out of gas. No ether reaches the sanctioned address; the call is the interaction, and the sender's
    /// gas is all it paid. Both directions of the trace show it, checked against the block file itself.
    /// </summary>
    [Fact]
    public async Task Block12914944_TheFailedCallToTheOfacListedAddress_IsVisibleInBothDirections()
    {
        const string sender = "0x0832b0393e3a920913cc2974bf78b0463db01119", sanctioned = "0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c";
        const string call = "0xbf2f9285e20f05be9e3631918e56c4044e2b7c32bec0dd951a87d8eb45260f11";
        using var temp = new TempDir("trace-mev");
        var data = temp.File("data");
        var file = SharedData.Path("ethereum", "mev-inspect-py", "12914944.json");
        MevInspectEtl.Write(file, temp.File("etl"));
        var ingest = await CliRunner.RunAsync("ingest", "eth", "--etl", temp.File("etl"), "--data", data);
        Assert.True(ingest.ExitCode == 0, ingest.Error);
        Assert.Equal(0, (await CliRunner.RunAsync("labels", "import", SharedData.Path("labels", "ofac-0xB10C", "sanctioned_addresses_ETH.txt"), "--data", data)).ExitCode);

        var forward = await CliRunner.RunAsync("trace", "eth", sender, "--direction", "forward", "--stop", "sanction,exchange", "--data", data);
        var backward = await CliRunner.RunAsync("trace", "eth", sanctioned, "--direction", "backward", "--stop", "sanction", "--data", data);

        Assert.True(forward.ExitCode == 0, forward.Error);
        var root = JsonDocument.Parse(forward.Output).RootElement;
        var contact = Assert.Single(root.GetProperty("contacts").EnumerateArray(), c => c.GetProperty("to").GetString() == sanctioned);
        Assert.Equal(call, contact.GetProperty("txid").GetString());
        Assert.Equal(12914944, contact.GetProperty("height").GetInt64());
        Assert.False(contact.GetProperty("succeeded").GetBoolean());
        Assert.Equal("0", contact.GetProperty("value").GetString());
        Assert.Equal("endpoint", contact.GetProperty("stop").GetString());
        Assert.Equal("sanction", contact.GetProperty("category").GetString());
        Assert.DoesNotContain(root.GetProperty("edges").EnumerateArray(), e => e.GetProperty("address").GetString() == sanctioned);
        // What the sender paid is its gas: gas used × effective price of its transactions, from the block file.
        Assert.Equal(SenderFees(file, sender).ToString(System.Globalization.CultureInfo.InvariantCulture), root.GetProperty("totals").GetProperty("fees").GetString());
        Assert.Equal(root.GetProperty("totals").GetProperty("fees").GetString(), root.GetProperty("totals").GetProperty("traced").GetString());

        Assert.True(backward.ExitCode == 0, backward.Error);
        var back = JsonDocument.Parse(backward.Output).RootElement;
        Assert.Equal("complete", back.GetProperty("status").GetString());
        Assert.Empty(back.GetProperty("edges").EnumerateArray());
        var caller = Assert.Single(back.GetProperty("contacts").EnumerateArray());
        Assert.Equal(call, caller.GetProperty("txid").GetString());
        Assert.Equal(sender, caller.GetProperty("from").GetString());
    }

    private static System.Numerics.BigInteger SenderFees(string file, string sender)
    {
        var root = JsonDocument.Parse(File.ReadAllText(file)).RootElement;
        var sent = root.GetProperty("traces").EnumerateArray()
            .Where(t => t.GetProperty("trace_address").GetArrayLength() == 0 && t.GetProperty("action").TryGetProperty("from", out var f) && f.GetString() == sender)
            .Select(t => t.GetProperty("transaction_hash").GetString()).ToHashSet();
        return root.GetProperty("receipts").EnumerateArray().Where(r => sent.Contains(r.GetProperty("transaction_hash").GetString()))
            .Aggregate(System.Numerics.BigInteger.Zero, (s, r) => s + (System.Numerics.BigInteger)r.GetProperty("gas_used").GetInt64() * r.GetProperty("effective_gas_price").GetInt64());
    }
}
