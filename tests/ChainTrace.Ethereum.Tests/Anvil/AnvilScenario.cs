using System.Numerics;
using ChainTrace.Core.Chains;
using ChainTrace.Ethereum.Ingest;
using ChainTrace.Ethereum.Rpc;
using ChainTrace.Storage.Sqlite;
using ChainTrace.TestSupport;
using ChainTrace.TestSupport.Ethereum;

namespace ChainTrace.Ethereum.Tests.Anvil;

/// <summary>
/// Starts Anvil, builds three blocks of known activity with several transactions each (automine off), and
/// ingests them twice: with Parity traces and with geth callTracer traces, each into its own SQLite file.
/// </summary>
public sealed class AnvilScenario : IAsyncLifetime
{
    public static readonly BigInteger Eth = BigInteger.Pow(10, 18);
    private readonly TempDir _dir = new("anvil");

    public AnvilNode Node { get; private set; } = null!;

    public string Alice { get; private set; } = "";

    public string Bob { get; private set; } = "";

    public string Carol { get; private set; } = "";

    public string Dave { get; private set; } = "";

    public string Token { get; private set; } = "";

    public string Forwarder { get; private set; } = "";

    public Dictionary<string, string> Txs { get; } = [];

    public SqliteGraphStore ParityStore { get; private set; } = null!;

    public SqliteGraphStore GethStore { get; private set; } = null!;

    public EthIngestSummary ParitySummary { get; private set; } = null!;

    public EthIngestSummary GethSummary { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var ct = CancellationToken.None;
        Node = await AnvilNode.StartAsync(ct);
        var accounts = await Node.AccountsAsync(ct);
        (Alice, Bob, Carol, Dave) = (accounts[0], accounts[1], accounts[2], accounts[3]);
        await Node.SetAutomineAsync(false, ct);

        // Block 1: two payments and two deployments.
        Txs["alice->bob"] = await Node.SendAsync(Alice, Bob, 1 * Eth, "0x", ct);
        Txs["alice->carol"] = await Node.SendAsync(Alice, Carol, 2 * Eth, "0x", ct);
        var deployToken = await Node.SendAsync(Alice, null, 0, Abi.Deploy(Abi.Contract("TestToken_sol_TestToken"), 1_000_000), ct, 2_000_000);
        var deployForwarder = await Node.SendAsync(Alice, null, 0, Abi.Deploy(Abi.Contract("Forwarder_sol_Forwarder")), ct, 3_000_000);
        await Node.MineAsync(ct);
        Token = (await Node.ReceiptAsync(deployToken, ct)).GetProperty("contractAddress").GetString()!;
        Forwarder = (await Node.ReceiptAsync(deployForwarder, ct)).GetProperty("contractAddress").GetString()!;
        Txs["deploy-token"] = deployToken;

        // Block 2: token transfer, ETH forwarded and split by the contract, tokens moved by the contract.
        Txs["token alice->bob"] = await Node.SendAsync(Alice, Token, 0, Abi.Call("transfer(address,uint256)", Bob, 1000), ct);
        Txs["forward bob->dave"] = await Node.SendAsync(Bob, Forwarder, Eth / 2, Abi.Call("forward(address)", Dave), ct);
        Txs["split alice->carol,dave"] = await Node.SendAsync(Alice, Forwarder, 1 * Eth, Abi.Call("split(address,address)", Carol, Dave), ct);
        await Node.SendAsync(Alice, Token, 0, Abi.Call("approve(address,uint256)", Forwarder, 300), ct);
        Txs["forwardToken alice->carol"] = await Node.SendAsync(Alice, Forwarder, 0, Abi.Call("forwardToken(address,address,uint256)", Token, Carol, 300), ct);
        await Node.MineAsync(ct);

        // Block 3: a reverted inner frame, a failed transaction, a creation with value and a self-destruct.
        Txs["tryForward carol->dave"] = await Node.SendAsync(Carol, Forwarder, 3 * Eth, Abi.Call("tryForward(address)", Dave), ct);
        Txs["fail bob"] = await Node.SendAsync(Bob, Forwarder, 4 * Eth, Abi.Call("fail()"), ct);
        Txs["spawnAndKill dave->carol"] = await Node.SendAsync(Dave, Forwarder, 7 * Eth / 10, Abi.Call("spawnAndKill(address)", Carol), ct);
        await Node.MineAsync(ct);

        ParityStore = await SqliteGraphStore.OpenAsync(_dir.File("parity.db"), ct);
        GethStore = await SqliteGraphStore.OpenAsync(_dir.File("geth.db"), ct);
        ParitySummary = await IngestAsync(TraceMode.Parity, ParityStore, ct);
        GethSummary = await IngestAsync(TraceMode.Geth, GethStore, ct);
    }

    private async Task<EthIngestSummary> IngestAsync(TraceMode mode, SqliteGraphStore store, CancellationToken ct)
    {
        using var source = new EthRpcBlockSource(new EthRpcOptions { Endpoint = Node.Endpoint, Traces = mode, Network = Network.Regtest, BlocksPerRequest = 2 });
        return await new EthIngestor().RunAsync(source, store, new EthIngestOptions(), null, ct);
    }

    public async Task DisposeAsync()
    {
        if (ParityStore is not null)
        {
            await ParityStore.DisposeAsync();
        }

        if (GethStore is not null)
        {
            await GethStore.DisposeAsync();
        }

        if (Node is not null)
        {
            await Node.DisposeAsync();
        }

        _dir.Dispose();
    }
}
