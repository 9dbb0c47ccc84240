using ChainTrace.Index.Service;
using ChainTrace.Index.Utxo;
using ChainTrace.Storage.Sqlite;

namespace ChainTrace.TestSupport;

/// <summary>
/// The Bitcoin read model of a data directory opened with the graph store it reads address keys from, disposed
/// together.
/// </summary>
public sealed class BtcReadModel : IDisposable
{
    private BtcReadModel(SqliteGraphStore store, UtxoIndex index)
    {
        Store = store;
        Index = index;
    }

    public SqliteGraphStore Store { get; }

    public UtxoIndex Index { get; }

    public static async Task<BtcReadModel> OpenAsync(string dataDirectory) =>
        With(await SqliteGraphStore.OpenAsync(Path.Combine(dataDirectory, "graph.db"), CancellationToken.None), dataDirectory);

    public static BtcReadModel Open(string dataDirectory) =>
        With(SqliteGraphStore.OpenAsync(Path.Combine(dataDirectory, "graph.db"), CancellationToken.None).GetAwaiter().GetResult(), dataDirectory);

    private static BtcReadModel With(SqliteGraphStore store, string dataDirectory) =>
        new(store, UtxoIndex.Open(new ReadModelPaths(dataDirectory).Btc, store));

    public void Dispose()
    {
        Index.Dispose();
        Store.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
