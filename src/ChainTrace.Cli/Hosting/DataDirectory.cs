using ChainTrace.Storage.Sqlite;

namespace ChainTrace.Cli.Hosting;

/// <summary>The files under <c>--data</c>: the graph database and anything else a later stage keeps there.</summary>
public sealed class DataDirectory(DirectoryInfo directory)
{
    public string Path { get; } = directory.FullName;

    public string GraphDatabase => System.IO.Path.Combine(Path, "graph.db");

    public bool HasGraph => File.Exists(GraphDatabase);

    public Task<SqliteGraphStore> OpenGraphAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path);
        return SqliteGraphStore.OpenAsync(GraphDatabase, cancellationToken);
    }
}
