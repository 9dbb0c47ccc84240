using ChainTrace.Labels.Storage;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Labels.Tests;

/// <summary>Clears the SQLite pool when a test ends so its temp directory can be deleted.</summary>
internal static class StoreDisposal
{
    public static IAsyncDisposable AsDisposable(this SqliteLabelStore store, out SqliteLabelStore self)
    {
        self = store;
        return new Pool();
    }

    private sealed class Pool : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            return ValueTask.CompletedTask;
        }
    }
}
