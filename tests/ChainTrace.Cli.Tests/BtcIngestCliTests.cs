using System.Text.Json;
using ChainTrace.TestSupport;

namespace ChainTrace.Cli.Tests;

/// <summary>The user's path through the CLI on real mainnet blocks: ingest, then ask about facts any explorer shows.</summary>
public sealed class BtcIngestCliTests : IDisposable
{
    private readonly TempDir _temp = new("cli");

    public void Dispose() => _temp.Dispose();

    private string Data => _temp.File("data");

    [Fact]
    public async Task IngestBlocksDir_ThenAddressAndTx_ShowExplorerFacts()
    {
        var ingest = await CliRunner.RunAsync("ingest", "btc", "--blocks-dir", MainnetFiles.BlocksDir(_temp), "--data", Data);
        Assert.Equal(0, ingest.ExitCode);
        Assert.Contains("600 blocks written", ingest.Output, StringComparison.Ordinal);
        Assert.Contains("616 tx", ingest.Output, StringComparison.Ordinal);
        Assert.Contains("tip 599 0000000042844571bc6bce8e1c0fbec99466971eaff89fef8c0d123582181d4d", ingest.Output, StringComparison.Ordinal);

        var genesis = await CliRunner.RunAsync("address", "btc", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "--json", "--data", Data);
        Assert.Equal(0, genesis.ExitCode);
        using (var json = JsonDocument.Parse(genesis.Output))
        {
            var root = json.RootElement;
            Assert.Equal(0, root.GetProperty("firstSeen").GetProperty("height").GetInt64());
            Assert.Equal("2009-01-03T18:15:05+00:00", root.GetProperty("firstSeen").GetProperty("time").GetString());
            Assert.Equal(1, root.GetProperty("txCount").GetInt64());
            Assert.Equal("5000000000", root.GetProperty("totals")[0].GetProperty("received").GetString());
        }

        var tx = await CliRunner.RunAsync("tx", "btc", "f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16", "--json", "--data", Data);
        Assert.Equal(0, tx.ExitCode);
        using (var json = JsonDocument.Parse(tx.Output))
        {
            var root = json.RootElement;
            Assert.Equal(170, root.GetProperty("block").GetProperty("height").GetInt64());
            var outputs = root.GetProperty("outputs");
            Assert.Equal("1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3", outputs[0].GetProperty("address").GetString());
            Assert.Equal("1000000000", outputs[0].GetProperty("value").GetString());
            Assert.Equal("4000000000", outputs[1].GetProperty("value").GetString());
            // The input spends block 9's coinbase: value and address come from the store, so the fee is known.
            var input = root.GetProperty("inputs")[0];
            Assert.Equal("5000000000", input.GetProperty("value").GetString());
            Assert.Equal("store", input.GetProperty("valueSource").GetString());
            Assert.Equal("12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S", input.GetProperty("address").GetString());
            Assert.Equal("0", root.GetProperty("fee").GetString());
        }

        var again = await CliRunner.RunAsync("ingest", "btc", "--blocks-dir", MainnetFiles.BlocksDir(new TempDir()), "--data", Data, "--from", "0");
        Assert.Contains("0 blocks written, 600 already stored", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestRawBlocks_StoresEveryTransactionOfEachBlock()
    {
        // block_413567.raw is left out: its transactions do not match its merkle root (RawBlockFileSourceTests).
        string[] raw = ["block_169482.raw", "block_227835.raw", "block_277647.blk", "block_363703.raw", "block_370661.raw", "block_383616.raw", "block_481815.raw", "block_574200.raw"];
        var args = new List<string> { "ingest", "btc", "--data", Data, "--raw" };
        args.AddRange(raw.Select(MainnetFiles.Raw));

        // Pre-BIP34 blocks (169482, 227835) carry no height: the CLI must say so rather than guess.
        var refused = await CliRunner.RunAsync([.. args]);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("give the height explicitly", refused.Error, StringComparison.Ordinal);
        Assert.Matches("block_(169482|227835).raw", refused.Error);

        var withHeights = await CliRunner.RunAsync([.. args.Where(a => !a.Contains("169482", StringComparison.Ordinal) && !a.Contains("227835", StringComparison.Ordinal))]);
        Assert.Equal(0, withHeights.ExitCode);
        Assert.Contains($"6 blocks written", withHeights.Output, StringComparison.Ordinal);
        Assert.Contains($"{213 + 587 + 708 + 1731 + 2097 + 3315} tx", withHeights.Output, StringComparison.Ordinal);

        var early = await CliRunner.RunAsync("ingest", "btc", "--data", Data, "--raw", MainnetFiles.Raw("block_169482.raw"), "--start-height", "169482");
        Assert.Equal(0, early.ExitCode);
        Assert.Contains("14 tx", early.Output, StringComparison.Ordinal);

        // Block 574200 pays the OFAC-listed 1NpHuti9NSM9fVTXLkvSDU4AnhqGQ5N53d (MANIFEST).
        var sanctioned = await CliRunner.RunAsync("address", "btc", "1NpHuti9NSM9fVTXLkvSDU4AnhqGQ5N53d", "--data", Data);
        Assert.Equal(0, sanctioned.ExitCode);
        Assert.Contains("first seen  height 574200", sanctioned.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("btc", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", 2, "invalid-address/bad-checksum")]
    [InlineData("btc", "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", 2, "invalid-address/wrong-network")]
    [InlineData("doge", "DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L", 2, "unknown-chain")]
    [InlineData("btc", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", 3, "not-found")]
    public async Task Address_BadOrUnknownInput_GivesStableCode(string chain, string address, int exitCode, string code)
    {
        await CliRunner.RunAsync("ingest", "btc", "--data", Data, "--raw", MainnetFiles.Raw("block_277647.blk"));

        var result = await CliRunner.RunAsync("address", chain, address, "--data", Data);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains($"[{code}]", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("garbage")]
    [InlineData("wrong-magic")]
    public async Task Ingest_MalformedBlockFile_FailsClearly_AndLeavesStoreAsItWas(string damage)
    {
        await CliRunner.RunAsync("ingest", "btc", "--blocks-dir", MainnetFiles.BlocksDir(_temp), "--data", Data);
        var before = await StoreDigest.ComputeAsync(Data);

        var bad = _temp.File("bad.blk");
        var bytes = await File.ReadAllBytesAsync(MainnetFiles.Raw("block_277647.blk"));
        bytes = damage switch
        {
            "truncated" => bytes[..(bytes.Length / 2)],
            "garbage" => [.. bytes[..8], .. Enumerable.Repeat((byte)0x5a, bytes.Length - 8)],
            _ => [0x0b, 0x11, 0x09, 0x07, .. bytes[4..]],
        };
        await File.WriteAllBytesAsync(bad, bytes);

        var result = await CliRunner.RunAsync("ingest", "btc", "--data", Data, "--raw", bad);

        // A testnet frame is a whole block of another network: a conflict with the mainnet store (5), not bad data (2).
        Assert.Equal(damage == "wrong-magic" ? 5 : 2, result.ExitCode);
        Assert.Contains(damage == "wrong-magic" ? "is a test block but this store holds main btc data" : "bad.blk", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await StoreDigest.ComputeAsync(Data));
    }

    [Theory]
    [InlineData("btc", "--rpc", "notaurl")]
    [InlineData("btc", "--esplora", "ftp://example")]
    [InlineData("eth", "--rpc", "localhost-8545")]
    public async Task Ingest_MalformedUrl_IsAParseError_NotACrash(string chain, string option, string value)
    {
        var result = await CliRunner.RunAsync("ingest", chain, option, value, "--data", Data);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{option}: '{value}' is not an absolute http(s) URL", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_WithoutSource_ExplainsTheChoice()
    {
        var result = await CliRunner.RunAsync("ingest", "btc", "--data", Data);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("give exactly one source", result.Error, StringComparison.Ordinal);
    }
}
