using ChainTrace.Core.Clustering;
using ChainTrace.Core.Ports;
using ChainTrace.Index.Clustering;
using ChainTrace.Index.Service;
using ChainTrace.Labels.Storage;
using ChainTrace.Storage.Sqlite;
using ChainTrace.Storage.Postgres.AppState;
using ChainTrace.Storage.Sqlite.AppState;

namespace ChainTrace.Cli.Hosting;

/// <summary>The files under <c>--data</c>: the graph database and anything else a later stage keeps there.</summary>
public sealed class DataDirectory(DirectoryInfo directory)
{
    public string Path { get; } = directory.FullName;

    /// <summary>The data directory a store was opened in.</summary>
    public static DataDirectory Of(SqliteGraphStore store) => new(new DirectoryInfo(System.IO.Path.GetDirectoryName(store.DatabasePath)!));

    public string GraphDatabase => System.IO.Path.Combine(Path, "graph.db");

    public bool HasGraph => File.Exists(GraphDatabase);

    /// <summary>
    /// The read models and clusters beside the graph. <paramref name="policy"/> null: the policy the clusters were
    /// last computed with (so an ingest keeps what <c>cluster update</c> chose), else the default.
    /// </summary>
    public ClusterService OpenClusters(SqliteGraphStore store, ClusteringPolicy? policy = null)
    {
        var paths = new ReadModelPaths(Path);
        var stored = ClusterStateFile.Load(System.IO.Path.Combine(paths.BtcClusters, "state.json"))?.Policy;
        return new ClusterService(Path, store, store, policy ?? ClusteringPolicy.TryParse(stored) ?? ClusteringPolicy.Default);
    }
    /// <summary>API keys, the audit log, watchlists and cases, apart from the graph, when no PostgreSQL is configured.</summary>
    public string AppStateDatabase => System.IO.Path.Combine(Path, "appstate.db");

    /// <summary>Key files written on first start (<c>admin.key</c>, and the demo's keys), each readable by the owner only.</summary>
    public string KeysDirectory => System.IO.Path.Combine(Path, "keys");

    /// <summary>
    /// App state (keys, audit log, watchlists, cases) on PostgreSQL when <paramref name="postgres"/>
    /// (<c>ConnectionStrings:Postgres</c>) is given, so several processes share it; else <see cref="AppStateDatabase"/>.
    /// Commands find <paramref name="postgres"/> through <see cref="ServiceConfiguration"/>.
    /// </summary>
    public async Task<IAppStateStore> OpenAppStateAsync(string? postgres, CancellationToken cancellationToken)
    {
        if (postgres is not null)
        {
            return await PostgresAppStateStore.OpenAsync(postgres, cancellationToken).ConfigureAwait(false);
        }

        Directory.CreateDirectory(Path);
        return await SqliteAppStateStore.OpenAsync(AppStateDatabase, cancellationToken).ConfigureAwait(false);
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
