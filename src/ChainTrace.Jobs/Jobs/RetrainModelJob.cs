using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Core.Ports;
using ChainTrace.Jobs.Settings;
using ChainTrace.Risk.Model;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace ChainTrace.Jobs.Jobs;

/// <summary>
/// <c>retrain-model</c> (weekly by default): evaluates a new model on held-out entities of the configured truth and
/// promotes it only when it is not worse than the current one (<see cref="ModelRetraining"/>); the decision is logged
/// and appended to <c>DATA/models/risk/decisions.jsonl</c>; then the same for the Ethereum model, when one was trained
/// (<c>models/risk-eth/</c>). A promotion enqueues <c>refresh-risk</c> so stored scores use the new model. One run at a
/// time; skipped without <c>Jobs:RetrainModel:Truth</c> or a Bitcoin read model.
/// </summary>
public sealed class RetrainModelJob(JobPaths paths, IStoredBlockFeed store, JobsSettings settings, ILabelStore labels, IBackgroundJobClient jobs, JobRuns runs, TimeProvider clock, ILogger<RetrainModelJob> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 3600)]
    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [300, 3600])]
    public Task RunAsync(CancellationToken cancellationToken) => runs.TimeAsync(JobNames.RetrainModel, async () =>
    {
        if (settings.RetrainModel.Truth is not { } truth)
        {
            JobLog.Skipped(logger, JobNames.RetrainModel, $"Jobs:{JobNames.RetrainModelKey}:Truth is not configured");
            return;
        }

        if (!Directory.Exists(Path.Combine(paths.DataDirectory, "index", "btc")))
        {
            JobLog.Skipped(logger, JobNames.RetrainModel, "no Bitcoin read model yet");
            return;
        }

        var promoted = await RetrainAsync(truth, Chain.Btc, cancellationToken).ConfigureAwait(false);

        // The Ethereum model is retrained once an operator has trained one (model train --chain eth): a truth set
        // without Ethereum entities then does not fail the job.
        if (RiskModelFiles.CurrentDirectory(paths.DataDirectory, Chain.Eth) is not null && Directory.Exists(Path.Combine(paths.DataDirectory, "index", "eth")))
        {
            promoted |= await RetrainAsync(truth, Chain.Eth, cancellationToken).ConfigureAwait(false);
        }

        if (promoted)
        {
            jobs.Enqueue<RefreshRiskJob>(j => j.RunAsync(CancellationToken.None));
        }
    });

    private async Task<bool> RetrainAsync(string truth, Chain chain, CancellationToken cancellationToken)
    {
        var decision = await ModelRetraining.RunAsync(paths.DataDirectory, store, labels, truth, settings.RetrainModel.UnseenKind, clock, null, cancellationToken, chain).ConfigureAwait(false);
        var eval = decision.Candidate.EvalLine();
        var outcome = decision.Promoted ? $"promoted as {decision.PromotedVersion}" : "kept the current model";
        JobLog.Retrained(logger, eval, decision.Current?.Version ?? "none", outcome, decision.Reason);
        return decision.Promoted;
    }
}
