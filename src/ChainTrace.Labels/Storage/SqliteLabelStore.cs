using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Labels.Storage;

/// <summary>
/// The label store: its own SQLite file (<c>DATA/labels.db</c>), apart from the graph. Labels are an input with
/// their own life — re-imported, replaced per pack, shared by whichever graph backend runs — and an import of
/// tens of thousands of tags must not hold the graph's single write lock while ingest runs. Pooled connections
/// in WAL mode; each pack is replaced in one transaction, so a failed import leaves the store as it was.
/// </summary>
public sealed partial class SqliteLabelStore : ILabelStore
{
    private const string Columns = """
        l.id, l.chain, l.network, l.address, l.cluster_id, l.label, l.category, l.source_category, l.actor_id, a.name,
        l.source, p.name, l.line, l.confidence, l.confidence_level, l.cluster_definer, l.context, l.propagated_cluster
        FROM labels l JOIN packs p ON p.id = l.pack_id LEFT JOIN actors a ON a.id = l.actor_id
        """;

    private readonly string _connectionString;

    private SqliteLabelStore(string path, string connectionString)
    {
        DatabasePath = path;
        _connectionString = connectionString;
    }

    public string DatabasePath { get; }

    /// <summary>Opens (creating when missing) and migrates the label database at <paramref name="databasePath"/>.</summary>
    public static async Task<SqliteLabelStore> OpenAsync(string databasePath, CancellationToken cancellationToken)
    {
        var path = SqliteFile.Prepare(databasePath);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        var store = new SqliteLabelStore(path, connectionString);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await Execute(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var version = Convert.ToInt32(await Scalar(connection, transaction, "PRAGMA user_version", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (version > LabelSchema.Version)
        {
            throw new InvalidOperationException($"{path} has label schema version {version}, newer than this build's {LabelSchema.Version}");
        }

        if (version < 1)
        {
            await Execute(connection, transaction, LabelSchema.V1, cancellationToken).ConfigureAwait(false);
        }

        if (version < 2)
        {
            await Execute(connection, transaction, LabelSchema.V2 + $"PRAGMA user_version = {LabelSchema.Version};", cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }

    public async Task<IReadOnlyList<StoredLabel>> GetByAddressAsync(Address address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        return await QueryAsync(
            $"SELECT {Columns} WHERE l.chain = $chain AND l.address_key = $key ORDER BY l.id",
            c =>
            {
                c.Parameters.AddWithValue("$chain", (int)address.Chain);
                c.Parameters.AddWithValue("$key", address.KeyToArray());
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<StoredLabel>> GetByClusterAsync(Chain chain, long clusterId, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {Columns} WHERE l.chain = $chain AND (l.cluster_id = $cluster OR l.propagated_cluster = $cluster) ORDER BY l.id",
            c =>
            {
                c.Parameters.AddWithValue("$chain", (int)chain);
                c.Parameters.AddWithValue("$cluster", clusterId);
            },
            cancellationToken);

    /// <summary>Grouped in the database: an exchange's ~17,600 propagated labels came back as rows, each with its address parsed, to make one gist.</summary>
    public async Task<IReadOnlyList<LabelGist>> GetGistsByClusterAsync(Chain chain, long clusterId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT l.category, l.confidence_level, l.label, l.source, MIN(l.id) AS first
            FROM labels l WHERE l.chain = $chain AND (l.cluster_id = $cluster OR l.propagated_cluster = $cluster)
            GROUP BY l.category, l.confidence_level, l.label, l.source ORDER BY first
            """;
        command.Parameters.AddWithValue("$chain", (int)chain);
        command.Parameters.AddWithValue("$cluster", clusterId);
        var gists = new List<LabelGist>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            LabelTaxonomy.TryFind(reader.GetString(0), out var category);
            gists.Add(new LabelGist(category, reader.GetInt32(1), reader.GetString(2), reader.GetString(3)));
        }

        return gists;
    }

    public Task<IReadOnlyList<StoredLabel>> GetClusterDefinersAsync(Chain chain, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {Columns} WHERE l.chain = $chain AND l.cluster_definer = 1 AND l.address_key IS NOT NULL ORDER BY l.id",
            c => c.Parameters.AddWithValue("$chain", (int)chain),
            cancellationToken);

    public async Task<LabelPage> ListAsync(LabelQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var items = await QueryAsync(
            $"SELECT {Columns} WHERE l.id > $after AND ($chain IS NULL OR l.chain = $chain) AND ($category IS NULL OR l.category = $category) ORDER BY l.id LIMIT $limit",
            c =>
            {
                c.Parameters.AddWithValue("$after", query.After);
                c.Parameters.AddWithValue("$chain", query.Chain is { } chain ? (int)chain : DBNull.Value);
                c.Parameters.AddWithValue("$category", (object?)query.Category?.Id ?? DBNull.Value);
                c.Parameters.AddWithValue("$limit", query.Limit + 1);
            },
            cancellationToken).ConfigureAwait(false);
        return items.Count > query.Limit
            ? new LabelPage(items.Take(query.Limit).ToList(), items[query.Limit - 1].Id)
            : new LabelPage(items, null);
    }

    public async Task<IReadOnlyDictionary<string, Actor>> GetActorsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new Dictionary<string, Actor>(StringComparer.Ordinal);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, categories, uri, jurisdictions FROM actors WHERE id = $id";
        var id = command.Parameters.Add("$id", SqliteType.Text);
        foreach (var actorId in ids.Distinct(StringComparer.Ordinal))
        {
            id.Value = actorId;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found[actorId] = new Actor(
                    reader.GetString(0), reader.GetString(1), Split(reader.GetString(2)), reader.IsDBNull(3) ? null : reader.GetString(3), Split(reader.GetString(4)));
            }
        }

        return found;
    }

    public async Task<long> GetPropagationVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(await Scalar(connection, null, "SELECT ifnull((SELECT value FROM label_meta WHERE key = 'propagation'), 0)", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public async Task<string> GetLabelSetVersionAsync(CancellationToken cancellationToken)
    {
        var digest = new StringBuilder();
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, sha256 FROM packs ORDER BY name";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            digest.Append(reader.GetString(0)).Append('\t').Append(reader.GetString(1)).Append('\n');
        }

        return "labels-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(digest.ToString())))[..16];
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Every caller passes constant SQL (Columns is a constant); values are always bound parameters.")]
    private async Task<IReadOnlyList<StoredLabel>> QueryAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        var labels = new List<StoredLabel>();
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            labels.Add(LabelRows.Read(reader));
        }

        return labels;
    }

    private Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken) => SqliteFile.OpenAsync(_connectionString, cancellationToken);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Every caller passes constant SQL (Columns is a constant); values are always bound parameters.")]
    private static async Task Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Every caller passes constant SQL (Columns is a constant); values are always bound parameters.")]
    private static async Task<object?> Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private static List<string> Split(string joined) => joined.Length == 0 ? [] : [.. joined.Split('\n')];
}
