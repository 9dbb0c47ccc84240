using System.Globalization;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Labels;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Labels.Storage;

public sealed partial class SqliteLabelStore
{
    public async Task ReplacePackAsync(LabelPack pack, IReadOnlyList<Label> labels, IReadOnlyList<Actor> actors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(actors);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // BEGIN IMMEDIATE: the pack's old labels are deleted and the new ones written under one write lock, so a
        // reader sees the old pack or the new one and a failure (or a kill) leaves the old one.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var packId = await UpsertPackAsync(connection, transaction, pack, cancellationToken).ConfigureAwait(false);
        await using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM labels WHERE pack_id = $pack; DELETE FROM actors WHERE pack_id = $pack;";
            delete.Parameters.AddWithValue("$pack", packId);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await InsertLabelsAsync(connection, transaction, packId, labels, cancellationToken).ConfigureAwait(false);
        await InsertActorsAsync(connection, transaction, packId, actors, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task SetPropagatedClustersAsync(IReadOnlyList<ClusterAssignment> assignments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE labels SET propagated_cluster = $cluster WHERE id = $id AND cluster_definer = 1 AND propagated_cluster IS NOT $cluster";
        var cluster = command.Parameters.Add("$cluster", SqliteType.Integer);
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        var moved = 0;
        foreach (var assignment in assignments)
        {
            cluster.Value = assignment.ClusterId is { } c ? c : DBNull.Value;
            id.Value = assignment.LabelId;
            moved += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (moved > 0)
        {
            await using var count = connection.CreateCommand();
            count.Transaction = transaction;
            count.CommandText = "INSERT INTO label_meta (key, value) VALUES ('propagation', 1) ON CONFLICT (key) DO UPDATE SET value = value + 1";
            await count.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<long> UpsertPackAsync(SqliteConnection connection, SqliteTransaction transaction, LabelPack pack, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO packs (name, format, title, sha256, lines, imported_at) VALUES ($name, $format, $title, $sha, $lines, $at)
            ON CONFLICT(name) DO UPDATE SET format = excluded.format, title = excluded.title, sha256 = excluded.sha256,
                lines = excluded.lines, imported_at = excluded.imported_at
            RETURNING id
            """;
        command.Parameters.AddWithValue("$name", pack.Name);
        command.Parameters.AddWithValue("$format", pack.Format);
        command.Parameters.AddWithValue("$title", (object?)pack.Title ?? DBNull.Value);
        command.Parameters.AddWithValue("$sha", pack.Sha256);
        command.Parameters.AddWithValue("$lines", pack.Lines);
        command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static async Task InsertLabelsAsync(
        SqliteConnection connection, SqliteTransaction transaction, long packId, IReadOnlyList<Label> labels, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO labels (pack_id, chain, network, address_key, address, cluster_id, label, category, source_category, actor_id,
                                source, line, confidence, confidence_level, cluster_definer, context)
            VALUES ($pack, $chain, $network, $key, $address, $cluster, $label, $category, $raw, $actor,
                    $source, $line, $confidence, $level, $definer, $context)
            """;
        string[] names = ["$pack", "$chain", "$network", "$key", "$address", "$cluster", "$label", "$category", "$raw", "$actor", "$source", "$line", "$confidence", "$level", "$definer", "$context"];
        var p = names.ToDictionary(n => n, n => command.Parameters.Add(new SqliteParameter { ParameterName = n }));
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        foreach (var label in labels)
        {
            var subject = label.Subject;
            p["$pack"].Value = packId;
            p["$chain"].Value = (int)subject.Chain;
            p["$network"].Value = subject.Address is BtcAddress btc ? (int)btc.Network : 0;
            p["$key"].Value = subject.Address is { } a ? a.KeyToArray() : DBNull.Value;
            p["$address"].Value = subject.Address is { } t ? t.ToString() : DBNull.Value;
            p["$cluster"].Value = subject.ClusterId is { } c ? c : DBNull.Value;
            p["$label"].Value = label.Text;
            p["$category"].Value = label.Category.Id;
            p["$raw"].Value = (object?)label.SourceCategory ?? DBNull.Value;
            p["$actor"].Value = (object?)label.Actor?.Id ?? DBNull.Value;
            p["$source"].Value = label.Source;
            p["$line"].Value = label.Line;
            p["$confidence"].Value = label.Confidence.Id;
            p["$level"].Value = label.Confidence.Level;
            p["$definer"].Value = label.IsClusterDefiner ? 1 : 0;
            p["$context"].Value = (object?)label.Context ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task InsertActorsAsync(
        SqliteConnection connection, SqliteTransaction transaction, long packId, IReadOnlyList<Actor> actors, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT OR REPLACE INTO actors (id, name, categories, uri, jurisdictions, pack_id)
            VALUES ($id, $name, $categories, $uri, $jurisdictions, $pack)
            """;
        string[] names = ["$id", "$name", "$categories", "$uri", "$jurisdictions", "$pack"];
        var p = names.ToDictionary(n => n, n => command.Parameters.Add(new SqliteParameter { ParameterName = n }));
        foreach (var actor in actors)
        {
            p["$id"].Value = actor.Id;
            p["$name"].Value = actor.Name;
            p["$categories"].Value = string.Join('\n', actor.Categories);
            p["$uri"].Value = (object?)actor.Uri ?? DBNull.Value;
            p["$jurisdictions"].Value = string.Join('\n', actor.Jurisdictions);
            p["$pack"].Value = packId;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
