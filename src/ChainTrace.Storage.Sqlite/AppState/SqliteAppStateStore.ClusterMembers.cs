using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite.AppState;

public sealed partial class SqliteAppStateStore
{
    public async Task<IReadOnlySet<string>?> GetClusterMembersAsync(string watchlist, string subject, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT m.address FROM cluster_baselines b LEFT JOIN cluster_members m ON m.watchlist = b.watchlist AND m.subject = b.subject
            WHERE b.watchlist = $w AND b.subject = $s
            """;
        command.Parameters.AddWithValue("$w", watchlist);
        command.Parameters.AddWithValue("$s", subject);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        HashSet<string>? members = null;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            members ??= new HashSet<string>(StringComparer.Ordinal);
            if (!reader.IsDBNull(0))
            {
                members.Add(reader.GetString(0));
            }
        }

        return members;
    }

    public async Task AddClusterMembersAsync(string watchlist, string subject, IReadOnlyCollection<string> addresses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        await WriteAsync(async () =>
        {
            await using var transaction = (SqliteTransaction)await _writer.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var baseline = _writer.CreateCommand();
            baseline.Transaction = transaction;
            baseline.CommandText = "INSERT INTO cluster_baselines (watchlist, subject) VALUES ($w, $s) ON CONFLICT DO NOTHING";
            baseline.Parameters.AddWithValue("$w", watchlist);
            baseline.Parameters.AddWithValue("$s", subject);
            await baseline.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

            await using var member = _writer.CreateCommand();
            member.Transaction = transaction;
            member.CommandText = "INSERT INTO cluster_members (watchlist, subject, address) VALUES ($w, $s, $a) ON CONFLICT DO NOTHING";
            member.Parameters.AddWithValue("$w", watchlist);
            member.Parameters.AddWithValue("$s", subject);
            var address = member.Parameters.Add("$a", SqliteType.Text);
            foreach (var a in addresses)
            {
                address.Value = a;
                await member.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }
}
