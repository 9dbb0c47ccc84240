using Microsoft.Extensions.Logging;

namespace ChainTrace.Jobs;

/// <summary>The jobs' structured log lines (message templates, source-generated).</summary>
internal static partial class JobLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} succeeded in {Milliseconds} ms")]
    public static partial void Succeeded(ILogger logger, string job, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job} failed after {Milliseconds} ms; Hangfire retries it")]
    public static partial void Failed(ILogger logger, Exception error, string job, long milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job run {JobId} ({JobType}) performed by process {ProcessId}: {Outcome}")]
    public static partial void Performed(ILogger logger, string jobId, string jobType, int processId, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Job} from {Source}: {Blocks} blocks written, {Reorgs} reorgs, tip {Tip}")]
    public static partial void Synced(ILogger logger, string job, string source, long blocks, long reorgs, long? tip);

    [LoggerMessage(Level = LogLevel.Information, Message = "recluster {Chain}: {Blocks} blocks added, {RolledBack} rolled back, {Clusters} clusters, height {Height}")]
    public static partial void Reclustered(ILogger logger, ChainTrace.Core.Chains.Chain chain, int blocks, int rolledBack, int clusters, long height);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Summary}")]
    public static partial void RiskRefreshed(ILogger logger, ChainTrace.Risk.RiskRefreshSummary summary);

    [LoggerMessage(Level = LogLevel.Information, Message = "retrain-model: candidate {Eval}; current {Current}; {Decision}: {Reason}")]
    public static partial void Retrained(ILogger logger, string eval, string current, string decision, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} skipped: {Reason}")]
    public static partial void Skipped(ILogger logger, string job, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "rescan-watchlists raised {Alerts} alerts")]
    public static partial void Rescanned(ILogger logger, int alerts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Alert} on watchlist {Watchlist}: {Cause}")]
    public static partial void Raised(ILogger logger, long alert, string watchlist, string cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {Delivery} of alert {Alert} delivered ({Status})")]
    public static partial void Delivered(ILogger logger, string delivery, long alert, int status);
}
