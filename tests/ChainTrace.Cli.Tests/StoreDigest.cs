using ChainTrace.Storage.Sqlite;

namespace ChainTrace.Cli.Tests;

internal static class StoreDigest
{
    public static async Task<string> ComputeAsync(string dataDir)
    {
        await using var store = await SqliteGraphStore.OpenAsync(Path.Combine(dataDir, "graph.db"), CancellationToken.None);
        return await store.ComputeDigestAsync(CancellationToken.None);
    }
}
