using ChainTrace.Core.Ingest;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Utxo;
using ChainTrace.TestSupport;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite.Tests;

/// <summary>A fresh store file per test, in its own temporary directory.</summary>
public sealed class StoreFixture : IAsyncDisposable
{
    private readonly TempDir _dir = new("store");

    private StoreFixture()
    {
    }

    public string DatabasePath => _dir.File(Path.Combine("data", "graph.db"));

    public SqliteGraphStore Store { get; private set; } = null!;

    public static async Task<StoreFixture> CreateAsync()
    {
        var fixture = new StoreFixture();
        fixture.Store = await SqliteGraphStore.OpenAsync(fixture.DatabasePath, CancellationToken.None);
        return fixture;
    }

    /// <summary>
    /// Writes as ingest does: the blocks pass the prevout resolution stage (over this store's lookup) first. The
    /// result counts the inputs the stage resolved; the blocks actually written are in <see cref="LastWritten"/>.
    /// </summary>
    public async Task<WriteResult> WriteAsync(IReadOnlyList<UtxoBlock> blocks, CancellationToken cancellationToken = default)
    {
        var resolution = await new PrevoutResolver(Store).ResolveAsync(blocks, cancellationToken);
        LastWritten = resolution.Blocks;
        var result = await Store.WriteBlocksAsync(resolution.Blocks, cancellationToken);
        return result with { InputsResolvedFromStore = resolution.Resolved };
    }

    public IReadOnlyList<UtxoBlock> LastWritten { get; private set; } = [];

    public async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = await SqliteGraphStore.OpenAsync(DatabasePath, CancellationToken.None);
    }

    /// <summary>Counts rows with a plain read connection, independent of the store's own queries.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Table names come from the tests themselves.")]
    public long Count(string table)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _dir.Dispose();
    }
}
