using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using ChainTrace.Core.Chains;
using ChainTrace.Ethereum.Ingest;
using ChainTrace.Ethereum.Rpc;
using ChainTrace.Storage.Sqlite;
using ChainTrace.TestSupport;
using ChainTrace.TestSupport.Ethereum;

namespace ChainTrace.Benchmarks.Ethereum;

/// <summary>
/// Ethereum ingestion from a local Anvil node: builds N blocks (default 2 000) of mixed activity (ETH payments,
/// ERC-20 transfers, contract forwards and splits: internal transfers), then measures in one run the fetch
/// baseline (the same batched RPC calls, answers discarded) and full ingestion (fetch, parse, normalize, write
/// to a fresh SQLite store). ratio = ingest blocks/s ÷ fetch blocks/s.
/// Options: <c>--blocks N</c> (default 2 000), <c>--rounds N</c> (default 3; best time of each kept).
/// </summary>
public sealed class EthIngestBenchmark : IBenchmark
{
    private static readonly BigInteger Gwei = BigInteger.Pow(10, 9);

    public string Name => "eth-ingest";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var blocks = Option(args, "--blocks", 2000);
        var rounds = Option(args, "--rounds", 3);
        await using var node = await AnvilNode.StartAsync(cancellationToken);
        var build = Stopwatch.StartNew();
        var tip = await BuildChainAsync(node, blocks, cancellationToken);
        Console.WriteLine($"built {tip} blocks in {build.Elapsed.TotalSeconds:F1} s on {node.Endpoint}");

        var options = new EthRpcOptions { Endpoint = node.Endpoint, Traces = TraceMode.Parity, Network = Network.Regtest };
        using (var warmDir = new TempDir("bench-eth-warm"))
        {
            // Warm-up (JIT, connection pool, the node's caches) over the first blocks, on a throwaway store.
            await using var warmStore = await SqliteGraphStore.OpenAsync(warmDir.File("warm.db"), cancellationToken);
            using var warm = new EthRpcBlockSource(options);
            await warm.FetchOnlyAsync(0, Math.Min(tip, 100), cancellationToken);
            await new EthIngestor().RunAsync(warm, warmStore, new EthIngestOptions { To = Math.Min(tip, 100) }, null, cancellationToken);
        }

        // Fetch and ingest alternate for a few rounds and each keeps its best time: the machine is shared, and a
        // burst of outside load during one measurement must not decide the ratio.
        var fetchSeconds = double.MaxValue;
        var ingestSeconds = double.MaxValue;
        EthIngestSummary summary = null!;
        for (var round = 0; round < rounds; round++)
        {
            var fetchClock = Stopwatch.StartNew();
            using (var source = new EthRpcBlockSource(options))
            {
                await source.FetchOnlyAsync(0, tip, cancellationToken);
            }

            var fetchRound = fetchClock.Elapsed.TotalSeconds;
            fetchSeconds = Math.Min(fetchSeconds, fetchRound);
            var readClock = Stopwatch.StartNew();
            var read = new List<Core.Account.AccountBlock>();
            using (var source = new EthRpcBlockSource(options))
            {
                await foreach (var block in source.ReadBlocksAsync(0, tip, cancellationToken))
                {
                    read.Add(block);
                }
            }

            var readRound = readClock.Elapsed.TotalSeconds;
            var writeClock = Stopwatch.StartNew();
            using (var writeDir = new TempDir("bench-eth-write"))
            {
                await using var writeStore = await SqliteGraphStore.OpenAsync(writeDir.File("write.db"), cancellationToken);
                foreach (var chunk in read.Chunk(50))
                {
                    await writeStore.WriteBlocksAsync(chunk, cancellationToken);
                }
            }

            var writeRound = writeClock.Elapsed.TotalSeconds;

            using var dir = new TempDir("bench-eth");
            await using var store = await SqliteGraphStore.OpenAsync(dir.File("graph.db"), cancellationToken);
            var ingestClock = Stopwatch.StartNew();
            using (var source = new EthRpcBlockSource(options))
            {
                summary = await new EthIngestor().RunAsync(source, store, new EthIngestOptions(), null, cancellationToken);
            }

            ingestSeconds = Math.Min(ingestSeconds, ingestClock.Elapsed.TotalSeconds);
            Console.WriteLine($"round {round + 1}: fetch {fetchRound:F2} s, fetch+parse+normalize {readRound:F2} s, store writes alone {writeRound:F2} s, ingest {ingestClock.Elapsed.TotalSeconds:F2} s");
        }

        Console.WriteLine($"best of {rounds}: fetch {tip + 1} blocks in {fetchSeconds:F2} s; ingest {summary.BlocksWritten} blocks, {summary.Transactions} txs, {summary.Transfers} transfers ({string.Join(", ", summary.TransfersByKind.Select(k => $"{k.Key} {k.Value}"))}) in {ingestSeconds:F2} s; peak {BenchLine.PeakMb()} MB");
        var ingestRate = summary.BlocksWritten / ingestSeconds;
        var fetchRate = (tip + 1) / fetchSeconds;
        BenchLine.Print(Name,
            ("blocks_per_s", ingestRate),
            ("transfers_per_s", summary.Transfers / ingestSeconds),
            ("fetch_blocks_per_s", fetchRate),
            ("ratio", ingestRate / fetchRate));
        return 0;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>Per block: an ETH payment, a token transfer, a forward and a split through the contract.</summary>
    private static async Task<long> BuildChainAsync(AnvilNode node, int blocks, CancellationToken ct)
    {
        var a = await node.AccountsAsync(ct);
        var deployToken = await node.SendAsync(a[0], null, 0, Abi.Deploy(Abi.Contract("TestToken_sol_TestToken"), BigInteger.Pow(10, 30)), ct, 2_000_000);
        var deployForwarder = await node.SendAsync(a[0], null, 0, Abi.Deploy(Abi.Contract("Forwarder_sol_Forwarder")), ct, 3_000_000);
        var token = (await node.ReceiptAsync(deployToken, ct)).GetProperty("contractAddress").GetString()!;
        var forwarder = (await node.ReceiptAsync(deployForwarder, ct)).GetProperty("contractAddress").GetString()!;
        await node.SetAutomineAsync(false, ct);
        using var client = new JsonRpcClient(new EthRpcOptions { Endpoint = node.Endpoint });
        var height = await node.BlockNumberAsync(ct);
        for (var i = 0; height < blocks; i++)
        {
            var calls = new List<RpcCall>
            {
                Send(a[1], a[5 + (i % 5)], (i + 1) * Gwei, "0x"),
                Send(a[0], token, 0, Abi.Call("transfer(address,uint256)", a[5 + ((i + 1) % 5)], 1000 + i)),
                Send(a[2], forwarder, (i + 2) * Gwei, Abi.Call("forward(address)", a[5 + ((i + 2) % 5)])),
                Send(a[3], forwarder, (i + 3) * Gwei * 2, Abi.Call("split(address,address)", a[5 + ((i + 3) % 5)], a[5 + ((i + 4) % 5)])),
            };
            using (var sent = await client.BatchAsync(calls, ct))
            {
                for (var c = 0; c < calls.Count; c++)
                {
                    sent.Result(c);
                }
            }

            await node.MineAsync(ct);
            height++;
        }

        return height;
    }

    private static RpcCall Send(string from, string to, BigInteger value, string data) => new("eth_sendTransaction", new Dictionary<string, string>
    {
        ["from"] = from,
        ["to"] = to,
        ["value"] = "0x" + value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0').PadLeft(1, '0'),
        ["data"] = data,
        ["gas"] = "0x7a120",
    });
}
