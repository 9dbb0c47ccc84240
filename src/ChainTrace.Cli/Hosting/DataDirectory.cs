using ChainTrace.Labels.Storage;
using ChainTrace.Storage.Sqlite;
using ChainTrace.Storage.Sqlite.AppState;

namespace ChainTrace.Cli.Hosting;

/// <summary>The files under <c>--data</c>: the graph database and anything else a later stage keeps there.</summary>
public sealed class DataDirectory(DirectoryInfo directory)
{
    public string Path { get; } = directory.FullName;

    public string GraphDatabase => System.IO.Path.Combine(Path, "graph.db");

    public bool HasGraph => File.Exists(GraphDatabase);

    /// <summary>API keys and the audit log, apart from the graph (issue 14 moves them to PostgreSQL for several nodes).</summary>
    public string AppStateDatabase => System.IO.Path.Combine(Path, "appstate.db");

    /// <summary>Key files written on first start (<c>admin.key</c>, and the demo's keys), each readable by the owner only.</summary>
    public string KeysDirectory => System.IO.Path.Combine(Path, "keys");

    public Task<SqliteAppStateStore> OpenAppStateAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path);
        return SqliteAppStateStore.OpenAsync(AppStateDatabase, cancellationToken);
    }

    /// <summary>Labels live in their own file (see <see cref="SqliteLabelStore"/> for why).</summary>
    public string LabelDatabase => System.IO.Path.Combine(Path, "labels.db");

    public Task<SqliteLabelStore> OpenLabelsAsync(CancellationToken cancellationToken) =>
        SqliteLabelStore.OpenAsync(LabelDatabase, cancellationToken);

    public Task<SqliteGraphStore> OpenGraphAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path);
        return SqliteGraphStore.OpenAsync(GraphDatabase, cancellationToken);
    }
}
