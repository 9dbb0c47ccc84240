namespace ChainTrace.Jobs;

/// <summary>Job names as the API and the dashboard show them (<c>sync-btc</c>) and as configuration keys (<c>Jobs:SyncBtc:Cron</c>).</summary>
public static class JobNames
{
    public const string SyncBtc = "sync-btc";
    public const string SyncEth = "sync-eth";
    public const string RescanWatchlists = "rescan-watchlists";
    public const string Recluster = "recluster";
    public const string RefreshRisk = "refresh-risk";
    public const string RetrainModel = "retrain-model";

    public const string SyncBtcKey = "SyncBtc";
    public const string SyncEthKey = "SyncEth";
    public const string RescanWatchlistsKey = "RescanWatchlists";
    public const string ReclusterKey = "Recluster";
    public const string RetrainModelKey = "RetrainModel";

    public static IReadOnlyList<string> All { get; } = [SyncBtc, SyncEth, RescanWatchlists, Recluster, RefreshRisk, RetrainModel];
}
