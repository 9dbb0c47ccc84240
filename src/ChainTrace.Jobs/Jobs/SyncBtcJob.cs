using ChainTrace.Bitcoin.Blocks;
using ChainTrace.Bitcoin.Esplora;
using ChainTrace.Bitcoin.Rpc;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ingest;
using ChainTrace.Core.Ports;
using ChainTrace.Jobs.Operability;
using ChainTrace.Jobs.Settings;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace ChainTrace.Jobs.Jobs;

/// <summary>
/// <c>sync-btc</c>: ingests the configured Bitcoin source up to its tip with <see cref="UtxoIngestor"/>, which resumes
/// from the stored tip and rolls back reorged blocks. One run at a time (a second waits for the lock, then retries).
/// </summary>
public sealed class SyncBtcJob(JobsSettings settings, IUtxoGraphStore store, JobRuns runs, SourceWatch watch, ILogger<SyncBtcJob> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [5, 15, 60, 300, 900])]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var btc = settings.Btc ?? throw new InvalidOperationException("Sources:Btc is not configured");
        var source = Create(btc);
        using var dispose = source as IDisposable;
        await runs.TimeAsync(JobNames.SyncBtc, async () =>
        {
            var summary = await watch.ObserveAsync(Chain.Btc, () => new UtxoIngestor(store, source).RunAsync(new UtxoIngestOptions(), null, cancellationToken), source.GetTipHeightAsync, s => (s.BlocksWritten, s.Tip?.Height), cancellationToken).ConfigureAwait(false);
            JobLog.Synced(logger, JobNames.SyncBtc, source.Description, summary.BlocksWritten, summary.Reorgs, summary.Tip?.Height);
        }).ConfigureAwait(false);
    }

    private static IUtxoBlockSource Create(BtcSourceSettings btc)
    {
        if (btc.BlocksDir is { } dir)
        {
            return new BlocksDirectorySource(new BlocksDirectorySourceOptions(dir, btc.Network));
        }

        return btc.Rpc is { } rpc
            ? new BitcoinCoreRpcSource(new BitcoinRpcOptions(rpc, btc.Network, btc.RpcCookie, btc.RpcUser, btc.RpcPassword))
            : new EsploraSource(new EsploraOptions(btc.Esplora!, btc.Network));
    }
}
