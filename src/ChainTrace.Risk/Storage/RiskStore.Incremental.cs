using System.Buffers;
using System.Text.Json;
using ChainTrace.Core.Risk;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Risk.Storage;

/// <summary>The incremental side of a stored refresh: its <see cref="RiskState"/>, and changing some rows of it.</summary>
public sealed partial class RiskStore
{
    /// <summary>The state the refresh at <paramref name="path"/> was written with; null when there is none (or no file).</summary>
    public static RiskState? ReadState(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return RiskState.ReadFrom(connection);
    }

    /// <summary>
    /// Replaces the rows of <paramref name="addresses"/> and <paramref name="clusters"/>, deletes the address rows
    /// <paramref name="keep"/> rejects (when given: a rollback removed those addresses) and the clusters in
    /// <paramref name="removedClusters"/>, and stores <paramref name="snapshot"/> and <paramref name="state"/>, whose
    /// counts are brought up to date from the rows replaced. Works on a copy moved over the file when complete, like
    /// <see cref="Write"/>: a reader sees the old refresh or the new one. Needs a file of the current facts form.
    /// </summary>
    public static RiskState Update(
        string path,
        RiskSnapshot snapshot,
        RiskState state,
        IEnumerable<(byte[] Key, RiskFacts Facts, int Score, RiskLevel Level)> addresses,
        Func<byte[], bool>? keep,
        IEnumerable<(long Cluster, RiskFacts Facts)> clusters,
        IEnumerable<long> removedClusters) =>
        (RiskState)UpdateRows(path, snapshot, state, addresses, keep, clusters, removedClusters);

    /// <summary><see cref="Update"/> with either chain's state.</summary>
    internal static IRefreshState UpdateRows(
        string path,
        RiskSnapshot snapshot,
        IRefreshState state,
        IEnumerable<(byte[] Key, RiskFacts Facts, int Score, RiskLevel Level)> addresses,
        Func<byte[], bool>? keep,
        IEnumerable<(long Cluster, RiskFacts Facts)> clusters,
        IEnumerable<long> removedClusters)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(state);
        var temp = path + ".tmp";
        File.Copy(path, temp, overwrite: true);
        var counts = state.Counts with { Levels = (int[])state.Counts.Levels.Clone() };
        long rows;
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temp, Pooling = false }.ToString()))
        {
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;";
                pragma.ExecuteNonQuery();
            }

            var reader = new RiskStoreReader(connection.ConnectionString);
            var strings = new RiskFactsCodec.StringTable();
            try
            {
                if (reader.ReadFormatVersion() != 2)
                {
                    throw new InvalidOperationException($"{path} holds facts of an older form: an incremental refresh needs a full one first");
                }

                foreach (var text in reader.ReadStrings())
                {
                    strings.Id(text);
                }
            }
            finally
            {
                reader.Dispose();
            }

            var known = strings.Texts.Count;
            using var tx = connection.BeginTransaction();
            using var old = Command(connection, "SELECT level, facts FROM address_risk WHERE key = $k", "$k");
            using var delete = Command(connection, "DELETE FROM address_risk WHERE key = $k", "$k");
            void Forget(byte[] key)
            {
                old.Parameters[0].Value = key;
                using var r = old.ExecuteReader();
                if (r.Read())
                {
                    counts = counts.With(RiskFactsCodec.Decode((byte[])r.GetValue(1), strings.Texts), (RiskLevel)r.GetInt32(0), -1);
                }
            }

            if (keep is not null)
            {
                var gone = new List<byte[]>();
                using (var all = connection.CreateCommand())
                {
                    all.CommandText = "SELECT key FROM address_risk";
                    using var r = all.ExecuteReader();
                    while (r.Read())
                    {
                        if ((byte[])r.GetValue(0) is var key && !keep(key))
                        {
                            gone.Add(key);
                        }
                    }
                }

                foreach (var key in gone)
                {
                    Forget(key);
                    delete.Parameters[0].Value = key;
                    delete.ExecuteNonQuery();
                }
            }

            var buffer = new ArrayBufferWriter<byte>(256);
            InsertAddresses(connection, replace: true, addresses, strings, buffer, row =>
            {
                Forget(row.Key);
                counts = counts.With(row.Facts, row.Level);
            });

            using (var remove = Command(connection, "DELETE FROM cluster_risk WHERE cluster = $c", "$c"))
            {
                foreach (var cluster in removedClusters)
                {
                    remove.Parameters[0].Value = cluster;
                    remove.ExecuteNonQuery();
                }
            }

            using (var insert = Command(connection, "INSERT OR REPLACE INTO cluster_risk (cluster, facts) VALUES ($c, $f)", "$c", "$f"))
            {
                foreach (var (cluster, facts) in clusters)
                {
                    insert.Parameters[0].Value = cluster;
                    insert.Parameters[1].Value = Encode(facts, strings, buffer);
                    insert.ExecuteNonQuery();
                }
            }

            using (var insert = Command(connection, "INSERT INTO strings (id, text) VALUES ($i, $t)", "$i", "$t"))
            {
                for (var id = known; id < strings.Texts.Count; id++)
                {
                    insert.Parameters[0].Value = id;
                    insert.Parameters[1].Value = strings.Texts[id];
                    insert.ExecuteNonQuery();
                }
            }

            using (var count = connection.CreateCommand())
            {
                count.CommandText = "SELECT COUNT(*) FROM address_risk";
                rows = (long)count.ExecuteScalar()!;
            }

            using (var meta = Command(connection, "INSERT OR REPLACE INTO meta (key, value) VALUES ('snapshot', $v)", "$v"))
            {
                meta.Parameters[0].Value = JsonSerializer.Serialize(snapshot with { Addresses = rows }, Json);
                meta.ExecuteNonQuery();
            }

            state = state.WithCounts(counts);
            state.WriteTo(connection);
            tx.Commit();
        }

        File.Move(temp, path, overwrite: true);
        StoredRefresh.Moved();
        return state;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Only the constant SQL of this file.")]
    private static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = p });
        }

        return command;
    }

    /// <summary>SHA-256 over every address and cluster row (key, score, level, facts as JSON) in key order: equal for equal answers, whatever order the rows were written in.</summary>
    public string ContentDigest()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT key, score, level, facts FROM address_risk ORDER BY key";
            using var r = command.ExecuteReader();
            while (r.Read())
            {
                hash.AppendData((byte[])r.GetValue(0));
                hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(new { Score = r.GetInt32(1), Level = r.GetInt32(2), Facts = Decode(r.GetValue(3)) }, Json));
            }
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT cluster, facts FROM cluster_risk ORDER BY cluster";
            using var r = command.ExecuteReader();
            while (r.Read())
            {
                hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(new { Cluster = r.GetInt64(0), Facts = Decode(r.GetValue(1)) }, Json));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
