namespace ChainTrace.Jobs.Jobs;

public static class WatchlistSubjects
{
    public const string ClusterPrefix = "cluster:";
}
