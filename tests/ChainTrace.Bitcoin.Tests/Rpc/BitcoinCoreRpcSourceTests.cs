using System.Text.Json;
using ChainTrace.Bitcoin.Http;
using ChainTrace.Bitcoin.Rpc;
using ChainTrace.Bitcoin.Tests.Support;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Utxo;
using ChainTrace.TestSupport;

namespace ChainTrace.Bitcoin.Tests.Rpc;

[Trait("Category", "Integration")]
public class BitcoinCoreRpcSourceTests
{
    private static readonly RetryOptions FastRetry = new(3, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10));

    public static TheoryData<string, long, long> Cases => new()
    {
        { "block_0", 0, 0 },
        { "block_1", 1, 1 },
        { "block_without_transactions", 50_000, 50_000 },
        { "block_with_transactions", 50_001, 50_002 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ReadBlocks_MatchesBitcoinEtlExports_AfterFallingBackToVerbosity2(string folder, long from, long to)
    {
        var rpc = new RecordedBitcoinRpc("alice:s3cret");
        await using var server = new LocalHttpServer(rpc.HandleAsync);
        using var source = new BitcoinCoreRpcSource(new(server.Url, Network.Main, User: "alice", Password: "s3cret", Retry: FastRetry));

        var blocks = await BtcData.ReadAllAsync(source, from, to);

        Assert.Equal(2, source.Verbosity);
        Assert.Contains(rpc.Calls, c => c.StartsWith("getblock ", StringComparison.Ordinal) && c.EndsWith(" 3", StringComparison.Ordinal));
        AssertBlocksMatch(EtlOracle.Read(folder, "expected_blocks.json"), blocks);
        AssertTransactionsMatch(EtlOracle.Read(folder, "expected_transactions.json"), blocks, expectInputValues: false);
    }

    [Fact]
    public async Task ReadBlocks_FillsInputsFromPrevouts_WhenTheNodeAnswersVerbosity3()
    {
        var rpc = new RecordedBitcoinRpc("alice:s3cret") { SupportsVerbosity3 = true };
        await using var server = new LocalHttpServer(rpc.HandleAsync);
        using var source = new BitcoinCoreRpcSource(new(server.Url, Network.Main, User: "alice", Password: "s3cret", Retry: FastRetry));

        var blocks = await BtcData.ReadAllAsync(source, 50_001, 50_002);

        Assert.Equal(3, source.Verbosity);
        var expected = EtlOracle.Read("stream_50001_50002", "expected_transactions.json");
        AssertTransactionsMatch(expected, blocks, expectInputValues: true);
        var spend = blocks[0].Transactions.Single(t => t.TxId.ToString() == "7940cdde4d713e171849efc6bd89939185be270266c94e92369e3877ad89455a");
        Assert.Equal(0, spend.Fee);
    }

    [Fact]
    public async Task ReadBlocks_LooksUpPrevoutsWithGetRawTransaction_WhenEnabledOnAVerbosity2Node()
    {
        var rpc = new RecordedBitcoinRpc("alice:s3cret");
        await using var server = new LocalHttpServer(rpc.HandleAsync);
        using var source = new BitcoinCoreRpcSource(new(server.Url, Network.Main, User: "alice", Password: "s3cret", Retry: FastRetry, LookupPrevouts: true));

        var blocks = await BtcData.ReadAllAsync(source, 50_001, 50_002);

        Assert.Equal(2, source.Verbosity);
        AssertTransactionsMatch(EtlOracle.Read("stream_50001_50002", "expected_transactions.json"), blocks, expectInputValues: true);
        Assert.Equal(3, rpc.Calls.Count(c => c.StartsWith("getrawtransaction ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Source_AuthenticatesWithTheCookieFile()
    {
        using var dir = new TempDir("cookie");
        await File.WriteAllTextAsync(dir.File(".cookie"), "__cookie__:9f8e7d6c5b4a");
        var rpc = new RecordedBitcoinRpc("__cookie__:9f8e7d6c5b4a");
        await using var server = new LocalHttpServer(rpc.HandleAsync);
        using var source = new BitcoinCoreRpcSource(new(server.Url, Network.Main, CookieFile: dir.File(".cookie"), Retry: FastRetry));

        Assert.Equal(50_002, await source.GetTipHeightAsync(CancellationToken.None));
        Assert.Equal("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f", (await source.GetBlockHashAsync(0, CancellationToken.None)).ToString());
        Assert.Null(await source.GetBlockHashAsync(123_456, CancellationToken.None));
    }

    [Fact]
    public async Task Source_ReportsRefusedCredentials_WithoutRetrying()
    {
        var rpc = new RecordedBitcoinRpc("alice:s3cret");
        await using var server = new LocalHttpServer(rpc.HandleAsync);
        using var source = new BitcoinCoreRpcSource(new(server.Url, Network.Main, User: "alice", Password: "wrong", Retry: FastRetry));

        var ex = await Assert.ThrowsAsync<SourceAuthenticationException>(() => source.GetTipHeightAsync(CancellationToken.None));

        Assert.Contains("refused the credentials (401)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Source_RejectsANodeOfAnotherNetwork()
    {
        var rpc = new RecordedBitcoinRpc("alice:s3cret");
        await using var server = new LocalHttpServer(rpc.HandleAsync);
        using var source = new BitcoinCoreRpcSource(new(server.Url, Network.Test, User: "alice", Password: "s3cret", Retry: FastRetry));

        var ex = await Assert.ThrowsAsync<IngestConflictException>(() => source.GetTipHeightAsync(CancellationToken.None));

        Assert.Contains("serves chain 'main', but --network test was given", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Source_SurfacesRpcErrorsWithTheirCode()
    {
        var rpc = new RecordedBitcoinRpc("alice:s3cret") { Errors = { ["getblock"] = (-5, "Block not found") } };
        await using var server = new LocalHttpServer(rpc.HandleAsync);
        using var source = new BitcoinCoreRpcSource(new(server.Url, Network.Main, User: "alice", Password: "s3cret", Retry: FastRetry));

        var ex = await Assert.ThrowsAsync<BitcoinRpcException>(() => BtcData.ReadAllAsync(source, 50_002, 50_002));

        Assert.Equal(-5, ex.Code);
        Assert.Equal("getblock", ex.Method);
        Assert.Equal("bitcoin RPC getblock failed with error -5: Block not found", ex.Message);
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task Source_RetriesTransientFailures_ThenSucceeds()
    {
        var rpc = new RecordedBitcoinRpc("alice:s3cret") { FailFirst = 2, FailStatus = 503 };
        await using var server = new LocalHttpServer(rpc.HandleAsync);
        using var source = new BitcoinCoreRpcSource(new(server.Url, Network.Main, User: "alice", Password: "s3cret", Retry: FastRetry));

        Assert.Equal(50_002, await source.GetTipHeightAsync(CancellationToken.None));
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task Source_GivesUpWithAClearError_WhenTheNodeKeepsFailing()
    {
        var rpc = new RecordedBitcoinRpc("alice:s3cret") { FailFirst = int.MaxValue, FailStatus = 500 };
        await using var server = new LocalHttpServer(rpc.HandleAsync);
        using var source = new BitcoinCoreRpcSource(new(server.Url, Network.Main, User: "alice", Password: "s3cret", Retry: FastRetry));

        var ex = await Assert.ThrowsAsync<SourceUnavailableException>(() => source.GetTipHeightAsync(CancellationToken.None));

        Assert.Contains($"bitcoin RPC {server.Url} unavailable after 4 attempts", ex.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 500", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, server.Requests);
    }

    [Fact]
    public async Task Source_GivesUpWithAClearError_WhenNothingListens()
    {
        Uri url;
        await using (var server = new LocalHttpServer(_ => Task.CompletedTask))
        {
            url = server.Url;
        }

        using var source = new BitcoinCoreRpcSource(new(url, Network.Main, User: "a", Password: "b", Retry: FastRetry));

        var ex = await Assert.ThrowsAsync<SourceUnavailableException>(() => source.GetTipHeightAsync(CancellationToken.None));

        Assert.Contains("unavailable after 4 attempts", ex.Message, StringComparison.Ordinal);
    }

    private static void AssertBlocksMatch(List<JsonElement> expected, List<UtxoBlock> blocks)
    {
        Assert.Equal(expected.Count, blocks.Count);
        foreach (var (want, got) in expected.Zip(blocks))
        {
            Assert.Equal(want.GetProperty("hash").GetString(), got.Header.Hash.ToString());
            Assert.Equal(want.GetProperty("number").GetInt64(), got.Header.Height);
            Assert.Equal(want.GetProperty("timestamp").GetInt64(), got.Header.Time.ToUnixTimeSeconds());
            Assert.Equal(want.GetProperty("transaction_count").GetInt32(), got.Transactions.Count);
        }
    }

    private static void AssertTransactionsMatch(List<JsonElement> expected, List<UtxoBlock> blocks, bool expectInputValues)
    {
        var actual = blocks.SelectMany(b => b.Transactions.Select(t => (Block: b, Tx: t))).ToList();
        Assert.Equal(expected.Select(e => e.GetProperty("hash").GetString()), actual.Select(a => a.Tx.TxId.ToString()));
        foreach (var (want, (block, tx)) in expected.Zip(actual))
        {
            Assert.Equal(want.GetProperty("block_hash").GetString(), block.Header.Hash.ToString());
            Assert.Equal(want.GetProperty("block_number").GetInt64(), block.Header.Height);
            Assert.Equal(want.GetProperty("index").GetInt32(), tx.Position);
            Assert.Equal(want.GetProperty("size").GetInt32(), tx.Size);
            Assert.Equal(want.GetProperty("virtual_size").GetInt32(), tx.VSize);
            Assert.Equal(want.GetProperty("is_coinbase").GetBoolean(), tx.IsCoinbase);
            Assert.Equal(want.GetProperty("output_count").GetInt32(), tx.Outputs.Count);
            Assert.Equal(want.GetProperty("output_value").GetInt64(), tx.Outputs.Sum(o => o.Value));
            foreach (var (wantOut, gotOut) in want.GetProperty("outputs").EnumerateArray().Zip(tx.Outputs))
            {
                Assert.Equal(wantOut.GetProperty("index").GetInt32(), gotOut.Index);
                Assert.Equal(wantOut.GetProperty("value").GetInt64(), gotOut.Value);
                Assert.Equal(KindOf(wantOut.GetProperty("type").GetString()), gotOut.Kind);
                Assert.Equal(wantOut.GetProperty("addresses")[0].GetString(), BtcData.Address(gotOut.AddressKey));
            }

            var wantInputs = want.GetProperty("inputs").EnumerateArray().ToList();
            Assert.Equal(want.GetProperty("input_count").GetInt32(), tx.IsCoinbase ? 0 : tx.Inputs.Count);
            foreach (var (wantIn, gotIn) in wantInputs.Zip(tx.Inputs))
            {
                Assert.Equal(wantIn.GetProperty("spent_transaction_hash").GetString(), gotIn.PrevOut.TxId.ToString());
                Assert.Equal(wantIn.GetProperty("spent_output_index").GetUInt32(), gotIn.PrevOut.Index);
                if (expectInputValues)
                {
                    Assert.Equal(PrevoutSource.Source, gotIn.Source);
                    Assert.Equal(wantIn.GetProperty("value").GetInt64(), gotIn.Value);
                    Assert.Equal(KindOf(wantIn.GetProperty("type").GetString()), gotIn.PrevKind);
                    Assert.Equal(wantIn.GetProperty("addresses")[0].GetString(), BtcData.Address(gotIn.AddressKey));
                }
                else
                {
                    Assert.Null(gotIn.Value);
                }
            }
        }
    }

    private static OutputKind KindOf(string? etlType) => etlType switch
    {
        "pubkey" => OutputKind.P2PK,
        "pubkeyhash" => OutputKind.P2PKH,
        "scripthash" => OutputKind.P2SH,
        _ => throw new InvalidOperationException($"no mapping for bitcoin-etl type {etlType}"),
    };
}
