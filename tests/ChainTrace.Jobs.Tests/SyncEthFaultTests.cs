using System.Numerics;
using ChainTrace.Core.Chains;
using ChainTrace.Ethereum.Ingest;
using ChainTrace.Ethereum.Rpc;
using ChainTrace.Jobs.Jobs;
using ChainTrace.Storage.Sqlite;
using ChainTrace.TestSupport;
using ChainTrace.TestSupport.Ethereum;
using Hangfire;
using Hangfire.Storage.Monitoring;

namespace ChainTrace.Jobs.Tests;

/// <summary>
/// The node goes away during a sync: a real Anvil node serves a few thousand blocks, the real <c>sync-eth</c> job runs
/// on a real Hangfire server (in this process, SQLite job storage) into a real SQLite store; once the first batch is
/// stored the test stops Anvil by its PID. The job fails, Hangfire schedules a retry, Anvil comes back on the same port
/// from the state it dumped, the retry resumes from the stored tip, and the store's digest equals that of an
/// uninterrupted ingest of the same chain.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SyncEthFaultTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);
    private readonly TempDir _temp = new("sync-eth-fault");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task NodeStoppedDuringSync_JobRetries_StoreEndsIdenticalToAnUninterruptedRun()
    {
        var ct = CancellationToken.None;
        var state = Directory.CreateDirectory(_temp.File("anvil-state")).FullName;
        string[] persist = ["--dump-state", state];
        var node = await AnvilNode.StartAsync(ct, persist);
        try
        {
            var tip = await BuildChainAsync(node, ct);

            // The uninterrupted run: the same ingest the job performs, against the node before it was ever stopped.
            var reference = await IngestUninterruptedAsync(node, _temp.File("reference.db"), ct);

            await using var worker = await InProcessWorker.StartAsync(_temp.File("data"), node.Endpoint);
            var jobId = worker.Jobs.Enqueue<SyncEthJob>(j => j.RunAsync(CancellationToken.None));

            // Stop the node by PID once the first batch is stored and before the last one is.
            await WaitUntilAsync(async () => await worker.Store.GetTipAsync(Chain.Eth, ct) is not null, "no block stored", ct);
            await node.StopAsync();
            var storedAtStop = (await worker.Store.GetTipAsync(Chain.Eth, ct))!.Height;
            Assert.True(storedAtStop < tip, $"the sync had reached the tip ({tip}) before the node could be stopped");

            // The run fails (connection refused after the client's own retries) and Hangfire schedules a retry.
            await WaitUntilAsync(() => Task.FromResult(History(worker, jobId).Any(IsRetry)), "no retry scheduled", ct);
            Assert.True((await worker.Store.GetTipAsync(Chain.Eth, ct))!.Height < tip);

            node = await AnvilNode.StartAsync(node.Endpoint.Port, ct, ["--load-state", Path.Combine(state, "state.json"), .. persist]);
            Assert.Equal(tip, await node.BlockNumberAsync(ct));
            await WaitUntilAsync(() => Task.FromResult(History(worker, jobId) is [{ StateName: "Succeeded" }, ..]), "the job did not succeed", ct);

            var history = History(worker, jobId);
            Assert.Contains(history, IsRetry);
            Assert.Equal(tip, (await worker.Store.GetTipAsync(Chain.Eth, ct))!.Height);
            Assert.Equal(reference, await worker.Store.ComputeDigestAsync(ct));
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    /// <summary>
    /// Rounds of a block with eight payments and 40 empty blocks: about 1,600 blocks, returns the tip. (Anvil mines
    /// each block slower the longer its chain, so the transactions, not empty blocks, make the sync last.)
    /// </summary>
    private static async Task<long> BuildChainAsync(AnvilNode node, CancellationToken ct)
    {
        var accounts = await node.AccountsAsync(ct);
        await node.SetAutomineAsync(false, ct);
        for (var round = 0; round < 40; round++)
        {
            for (var i = 1; i <= 8; i++)
            {
                await node.SendAsync(accounts[0], accounts[(round + i) % 9 + 1], new BigInteger(1_000_000_000_000_000L) * (round + i), "0x", ct, gas: 21_000);
            }

            await node.MineAsync(ct);
            await node.CallAsync("anvil_mine", ct, "0x28");
        }

        return await node.BlockNumberAsync(ct);
    }

    private static async Task<string> IngestUninterruptedAsync(AnvilNode node, string path, CancellationToken ct)
    {
        await using var store = await SqliteGraphStore.OpenAsync(path, ct);
        using var source = new EthRpcBlockSource(new EthRpcOptions { Endpoint = node.Endpoint, Network = Network.Regtest });
        await new EthIngestor().RunAsync(source, store, new EthIngestOptions(), null, ct);
        return await store.ComputeDigestAsync(ct);
    }

    private static bool IsRetry(StateHistoryDto state) =>
        state.StateName == "Scheduled" && state.Reason?.StartsWith("Retry attempt", StringComparison.Ordinal) == true;

    /// <summary>The job's states, newest first.</summary>
    private static IReadOnlyList<StateHistoryDto> History(InProcessWorker worker, string jobId) =>
        [.. worker.Storage.GetMonitoringApi().JobDetails(jobId)?.History ?? []];

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} within {Timeout}");
            }

            await Task.Delay(20, ct);
        }
    }
}
