using System.Text.Json;
using ChainTrace.Core.Account;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Ethereum.Ingest;
using ChainTrace.Ethereum.Rpc;
using ChainTrace.Ethereum.Tests.Support;
using ChainTrace.Storage.Sqlite;
using ChainTrace.TestSupport;

namespace ChainTrace.Ethereum.Tests.Rpc;

/// <summary>The RPC source against a local HTTP server answering with recorded mainnet responses (block 483 920).</summary>
[Trait("Category", "Integration")]
public class EthRpcBlockSourceTests
{
    private static readonly string BlockJson = File.ReadAllText(Path.Combine(Recorded.EtlCase("test_export_blocks_job", "block_with_logs"), "web3_response.eth_getBlockByNumber_0x76250_true.json"));
    private static readonly string ReceiptsDir = Recorded.EtlCase("test_export_receipts_job", "receipts_with_logs");

    private static string ResultOf(string envelope)
    {
        using var doc = JsonDocument.Parse(envelope);
        return doc.RootElement.GetProperty("result").GetRawText();
    }

    /// <summary>A node without eth_getBlockReceipts and without tracing, as 2015-era nodes were.</summary>
    private static string? OldNode(string method, JsonElement parameters) => method switch
    {
        "eth_blockNumber" => "\"0x76250\"",
        "eth_getBlockByNumber" when parameters[0].GetString() == "0x76250" => ResultOf(BlockJson),
        "eth_getTransactionReceipt" => ResultOf(File.ReadAllText(Path.Combine(ReceiptsDir, $"web3_response.eth_getTransactionReceipt_{parameters[0].GetString()}.json"))),
        _ => null,
    };

    private static EthRpcOptions Options(Uri endpoint) => new()
    {
        Endpoint = endpoint,
        MaxRetries = 3,
        InitialBackoff = TimeSpan.FromMilliseconds(10),
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    private static async Task<List<AccountBlock>> ReadAsync(EthRpcBlockSource source, long from, long to)
    {
        var list = new List<AccountBlock>();
        await foreach (var b in source.ReadBlocksAsync(from, to, CancellationToken.None))
        {
            list.Add(b);
        }

        return list;
    }

    [Fact]
    public async Task NodeWithoutBlockReceiptsOrTraces_FallsBackToPerTransactionReceipts()
    {
        using var server = new ScriptedRpcServer(ScriptedRpcServer.Batch(OldNode));
        using var source = new EthRpcBlockSource(Options(server.Endpoint));

        var block = Assert.Single(await ReadAsync(source, 483920, 483920));

        Assert.Equal(TraceMode.None, source.ActiveTraceMode);
        Assert.False(block.HasTraces);
        Assert.Equal(2, block.Transfers.Count(t => t.Kind == TransferKind.Token));
        Assert.Equal(2, block.Transfers.Count(t => t.Kind == TransferKind.Native));
    }

    [Fact]
    public async Task TransientHttpErrors_AreRetried()
    {
        var failures = 2;
        var ok = ScriptedRpcServer.Batch(OldNode);
        using var server = new ScriptedRpcServer(request => Interlocked.Decrement(ref failures) >= 0 ? (503, "busy") : ok(request));
        using var source = new EthRpcBlockSource(Options(server.Endpoint));

        Assert.Equal(483920, await source.GetTipHeightAsync(CancellationToken.None));
        Assert.Equal(4, server.Requests); // two 503s, then eth_chainId (the network check) and eth_blockNumber
    }

    [Fact]
    public async Task RateLimit429_IsRetried_ThenGivesUpWithAClearError()
    {
        using var server = new ScriptedRpcServer(_ => (429, "slow down"));
        using var source = new EthRpcBlockSource(Options(server.Endpoint));

        var e = await Assert.ThrowsAsync<EthRpcException>(() => source.GetTipHeightAsync(CancellationToken.None));

        Assert.Contains("HTTP 429", e.Message, StringComparison.Ordinal);
        Assert.Contains("gave up after 4 attempts", e.Message, StringComparison.Ordinal);
        Assert.Equal(4, server.Requests);
    }

    [Fact]
    public async Task GarbageAnswer_IsAClearErrorNamingTheCall()
    {
        using var server = new ScriptedRpcServer(_ => (200, "<html>502 Bad Gateway</html>"));
        using var source = new EthRpcBlockSource(Options(server.Endpoint));

        var e = await Assert.ThrowsAsync<EthRpcException>(() => source.GetTipHeightAsync(CancellationToken.None));

        Assert.Contains("not JSON", e.Message, StringComparison.Ordinal);
        Assert.Contains("eth_chainId", e.Message, StringComparison.Ordinal); // the first call: the network check
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task NodeErrorObject_IsReportedWithItsMessage()
    {
        using var server = new ScriptedRpcServer(ScriptedRpcServer.Batch((method, _) => method == "eth_blockNumber" ? null : "null"));
        using var source = new EthRpcBlockSource(Options(server.Endpoint));

        var e = await Assert.ThrowsAsync<EthRpcException>(() => source.GetTipHeightAsync(CancellationToken.None));

        Assert.Equal(EthRpcException.MethodNotFound, e.Code);
        Assert.Contains("the method does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableNode_FailsAfterRetries()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var source = new EthRpcBlockSource(Options(new Uri($"http://127.0.0.1:{port}/")));

        var e = await Assert.ThrowsAsync<EthRpcException>(() => source.GetTipHeightAsync(CancellationToken.None));

        Assert.Contains("connection failed", e.Message, StringComparison.Ordinal);
        Assert.Contains("gave up after 4 attempts", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedReceipt_FailsTheIngest_AndLeavesTheStoreEmpty()
    {
        using var server = new ScriptedRpcServer(ScriptedRpcServer.Batch((method, p) => method == "eth_getTransactionReceipt"
            ? OldNode(method, p)!.Replace("\"gasUsed\": \"0x5208\"", "\"gasUsed\": \"0xq\"", StringComparison.Ordinal)
            : OldNode(method, p)));
        using var source = new EthRpcBlockSource(Options(server.Endpoint));
        using var dir = new TempDir("rpc");
        await using var store = await SqliteGraphStore.OpenAsync(dir.File("graph.db"), CancellationToken.None);

        var e = await Assert.ThrowsAsync<MalformedDataException>(() =>
            new EthIngestor().RunAsync(source, store, new EthIngestOptions { From = 483920 }, null, CancellationToken.None));

        Assert.Contains("gasUsed", e.Problem, StringComparison.Ordinal);
        Assert.Null(await store.GetTipAsync(Chain.Eth, CancellationToken.None));
    }
}
