using System.Globalization;
using System.Numerics;
using System.Text.Json;
using ChainTrace.Simulator.Ethereum.Replay;
using ChainTrace.Simulator.Tests.Anvil;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Newtonsoft.Json.Linq;

namespace ChainTrace.Simulator.Tests;

[Trait("Category", "Integration")]
public sealed class AnvilReplayTests(AnvilReplayRun run) : IClassFixture<AnvilReplayRun>
{
    private const string BalanceOfSelector = "0x70a08231";
    private const string MixerWithdrawSelector = "0x7bfe950c";
    private readonly Web3 _web3 = new(run.Rpc.ToString());

    private EthReplayPlan Plan => run.Summary.EthereumPlan!;

    private ReplaySummary Replay => run.Summary.Replay!;

    [Fact]
    public async Task Replay_MinesOneBlockPerSimulatedBlock_WithTheSimulatedTransactionCounts()
    {
        var head = (long)(await _web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;

        // Simulated block 0 is empty; every later simulated block becomes one mined block.
        Assert.Equal(run.BlockBefore + run.Summary.EthereumBlocks - 1, head);
        Assert.Equal(run.BlockBefore + 1, Replay.FirstBlock);
        Assert.Equal(head, Replay.LastBlock);
        Assert.Equal(run.Summary.EthereumTransactions, Replay.Transactions.Count);
        for (var i = 0; i < Plan.Blocks.Count; i++)
        {
            var count = await _web3.Eth.Blocks.GetBlockTransactionCountByNumber.SendRequestAsync(new BlockParameter(new HexBigInteger(Replay.FirstBlock + i)));
            Assert.Equal(Plan.Blocks[i].Count, (int)count.Value);
        }
    }

    [Fact]
    public async Task EveryAccountsBalance_IsTheSimulatorsBooks_PlusTheGasItWasCharged()
    {
        Assert.Contains(Plan.Accounts, a => a.Role == "eoa" && a.Balance > 0);
        foreach (var account in Plan.Accounts)
        {
            var onChain = await _web3.Eth.GetBalance.SendRequestAsync(account.Address);
            Assert.True(account.ExpectedReplayBalance == onChain.Value, $"{account.Role} {account.Address}: books {account.ExpectedReplayBalance}, node {onChain.Value}");
        }
    }

    [Fact]
    public async Task TokenBalances_OnChain_MatchTheSimulatorsBooks()
    {
        var token = Replay.Contracts["token_contract"];
        var holders = Plan.Accounts.Where(a => a.TokenBalance > 0).ToList();
        Assert.Contains(holders, a => a.Role == "eoa");
        foreach (var account in Plan.Accounts.Where(a => !a.IsContract))
        {
            var data = BalanceOfSelector + new string('0', 24) + account.Address[2..];
            var result = await _web3.Eth.Transactions.Call.SendRequestAsync(new CallInput(data, token));
            var onChain = BigInteger.Parse("0" + result[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            Assert.True(account.TokenBalance == onChain, $"{account.Role} {account.Address}: books {account.TokenBalance}, token contract {onChain}");
        }
    }

    [Fact]
    public async Task SimulatedFailures_AreRevertedOnChain_WithStatusZeroAndNoLogs()
    {
        var failed = Plan.Blocks.SelectMany(b => b).Where(t => t.Failed).ToList();
        Assert.NotEmpty(failed);
        foreach (var tx in failed)
        {
            var receipt = await _web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(Replay.BySimulatedHash(tx.SimulatedHash).Hash);
            Assert.Equal(0, (int)receipt.Status.Value);
            Assert.Empty(receipt.Logs);
        }

        Assert.Equal(failed.Count, Replay.FailedTransactions);
    }

    [Fact]
    public async Task MixerWithdrawal_PaysRecipientAndRelayer_ByInternalTransfersInTheTrace()
    {
        var withdrawals = Plan.Blocks.SelectMany(b => b).Where(t => t.Input.StartsWith(MixerWithdrawSelector, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(withdrawals);
        var mixer = Replay.Contracts["mixer_contract"];
        foreach (var tx in withdrawals)
        {
            var recipient = "0x" + tx.Input[(10 + 24)..(10 + 64)];
            var relayer = "0x" + tx.Input[(74 + 24)..(74 + 64)];
            var fee = BigInteger.Parse("0" + tx.Input[138..202], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var denomination = BigInteger.Parse("0" + tx.Input[202..266], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var traces = await _web3.Client.SendRequestAsync<JArray>(new RpcRequest(1, "trace_transaction", Replay.BySimulatedHash(tx.SimulatedHash).Hash));
            var internals = traces.Where(t => ((JArray)t["traceAddress"]!).Count > 0)
                .Select(t => (From: (string)t["action"]!["from"]!, To: (string)t["action"]!["to"]!, Value: new HexBigInteger((string)t["action"]!["value"]!).Value))
                .ToList();
            Assert.Contains((mixer, recipient, denomination - fee), internals.Select(c => (c.From.ToLowerInvariant(), c.To.ToLowerInvariant(), c.Value)));
            Assert.Contains((mixer, relayer, fee), internals.Select(c => (c.From.ToLowerInvariant(), c.To.ToLowerInvariant(), c.Value)));
        }
    }

    [Fact]
    public async Task EveryAddressTheReplayTouches_BelongsToExactlyOneEntityInTheTruthFiles()
    {
        var owners = TruthFiles.Truth(run.OutDir, "addresses.jsonl")
            .Where(a => a.GetProperty("chain").GetString() == "eth")
            .GroupBy(a => a.GetProperty("address").GetString()!.ToLowerInvariant())
            .ToDictionary(g => g.Key, g => g.Select(a => a.GetProperty("entity_id").GetInt32()).ToList());
        var touched = new HashSet<string>();
        for (var number = Replay.FirstBlock; number <= Replay.LastBlock; number++)
        {
            var block = await _web3.Eth.Blocks.GetBlockWithTransactionsByNumber.SendRequestAsync(new BlockParameter(new HexBigInteger(number)));
            touched.Add(block.Miner.ToLowerInvariant());
            foreach (var tx in block.Transactions)
            {
                touched.Add(tx.From.ToLowerInvariant());
                var receipt = await _web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(tx.TransactionHash);
                touched.Add((tx.To ?? receipt.ContractAddress).ToLowerInvariant());
            }
        }

        Assert.All(touched, address => Assert.True(owners.TryGetValue(address, out var ids) && ids.Count == 1, $"{address} is not owned by exactly one entity"));
        Assert.All(Replay.Contracts.Values, c => Assert.Contains(c, touched));
    }

    [Fact]
    public async Task ReplayingAgain_OntoTheSameNode_FailsBecauseTheSimulatedAddressesAreInUse()
    {
        var head = (long)(await _web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AnvilReplayer.ReplayAsync(run.Rpc, Plan, CancellationToken.None));

        Assert.Contains("fresh node", error.Message, StringComparison.Ordinal);
        Assert.Equal(head, (long)(await _web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value);
    }

    [Fact]
    public async Task Replay_FailsWithTheMethodName_WhenNothingListensAtTheUrl()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AnvilReplayer.ReplayAsync(new Uri($"http://127.0.0.1:{port}/"), Plan, CancellationToken.None));

        Assert.Contains("evm_setAutomine", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplayJson_MapsEverySimulatedTransaction_ToTheMinedHash()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.OutDir, "eth", "replay.json")));
        var simulated = TruthFiles.Read(Path.Combine(run.OutDir, "eth", "etl", "transactions.json")).Select(t => t.GetProperty("hash").GetString()).ToList();
        var mapped = doc.RootElement.GetProperty("transactions").EnumerateArray().ToList();
        Assert.Equal(simulated, mapped.Select(t => t.GetProperty("simulated_hash").GetString()));
        Assert.Equal(Replay.Transactions.Select(t => t.Hash), mapped.Select(t => t.GetProperty("hash").GetString()));
        Assert.Equal(Plan.Accounts.Count, doc.RootElement.GetProperty("addresses").GetArrayLength());
    }
}
