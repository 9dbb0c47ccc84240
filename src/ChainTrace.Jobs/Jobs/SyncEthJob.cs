using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Ethereum.Etl;
using ChainTrace.Ethereum.Ingest;
using ChainTrace.Ethereum.Rpc;
using ChainTrace.Jobs.Operability;
using ChainTrace.Jobs.Settings;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace ChainTrace.Jobs.Jobs;

/// <summary><c>sync-eth</c>: ingests the configured Ethereum source to its tip with <see cref="EthIngestor"/> (resumes, reorg-safe).</summary>
public sealed class SyncEthJob(JobsSettings settings, IAccountGraphStore store, JobRuns runs, SourceWatch watch, ILogger<SyncEthJob> logger, ILogger<EthIngestor> ingestLogger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [5, 15, 60, 300, 900])]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var eth = settings.Eth ?? throw new InvalidOperationException("Sources:Eth is not configured");
        IAccountBlockSource source = eth.Rpc is { } url
            ? new EthRpcBlockSource(new EthRpcOptions { Endpoint = url, Network = eth.Network })
            : new EthEtlBlockSource(eth.Etl!, eth.Network);
        using var dispose = source as IDisposable;
        await runs.TimeAsync(JobNames.SyncEth, async () =>
        {
            var summary = await watch.ObserveAsync(Chain.Eth, () => new EthIngestor(ingestLogger).RunAsync(source, store, new EthIngestOptions(), null, cancellationToken), source.GetTipHeightAsync, s => ((long)s.BlocksWritten, s.ToHeight), cancellationToken).ConfigureAwait(false);
            JobLog.Synced(logger, JobNames.SyncEth, summary.Source, summary.BlocksWritten, summary.Reorgs, summary.ToHeight);
        }).ConfigureAwait(false);
    }
}
