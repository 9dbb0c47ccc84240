using ChainTrace.Core.Cases;
using Npgsql;
using NpgsqlTypes;

namespace ChainTrace.Storage.Postgres.AppState;

/// <summary>
/// Cases on PostgreSQL, with SQLite's semantics: each change and its history line in one transaction. Where SQLite
/// has one writer, here several processes may change one case at once, so every change first locks the case's row
/// (<c>FOR UPDATE</c>, or the <c>UPDATE</c> that touches it): changes to a case take turns, its history lists them in
/// the order they were kept, and a change racing a delete either lands before it or finds no case.
/// </summary>
public sealed partial class PostgresAppStateStore
{
    private const string CaseColumns = "id, title, description, status, created_by, created_at, updated_at";
    private const string PinColumns = "id, case_id, kind, chain, subject, comment, pinned_by, pinned_at";
    private const string LockCase = "SELECT 1 FROM cases WHERE id = @c FOR UPDATE";

    public async Task CreateCaseAsync(InvestigationCase created, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(created);
        await InCaseTransactionAsync(async tx =>
        {
            await tx.ExecuteAsync($"INSERT INTO cases ({CaseColumns}) VALUES (@i, @t, @d, @s, @b, @c, @c)", cancellationToken,
                ("i", created.Id), ("t", created.Title), ("d", created.Description), ("s", CaseCodes.Status(created.Status)), ("b", created.CreatedBy), ("c", ToMs(created.CreatedAt)));
            await AppendCaseEventAsync(tx, created.Id, created.CreatedBy, CaseActions.Created, created.Title, created.CreatedAt, cancellationToken);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<InvestigationCase?> GetCaseAsync(string id, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {CaseColumns} FROM cases WHERE id = @i", ReadCase, cancellationToken, ("i", id)).ConfigureAwait(false)) is [var c, ..] ? c : null;

    public Task<IReadOnlyList<InvestigationCase>> ListCasesAsync(CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {CaseColumns} FROM cases ORDER BY updated_at DESC, id", ReadCase, cancellationToken);

    public async Task<InvestigationCase?> UpdateCaseAsync(string id, CaseChange change, string actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var changed = await InCaseTransactionAsync(async tx =>
        {
            var rows = await tx.ExecuteAsync("""
                UPDATE cases SET title = coalesce(@t::text, title), description = coalesce(@d::text, description), status = coalesce(@s::text, status), updated_at = @u
                WHERE id = @i
                """, cancellationToken, ("i", id), ("t", change.Title), ("d", change.Description), ("s", change.Status is { } s ? CaseCodes.Status(s) : null), ("u", ToMs(at)));
            if (rows == 0)
            {
                return false;
            }

            await AppendCaseEventAsync(tx, id, actor, CaseActions.Updated, CaseCodes.Describe(change), at, cancellationToken);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return changed ? await GetCaseAsync(id, cancellationToken).ConfigureAwait(false) : null;
    }

    public Task<bool> DeleteCaseAsync(string id, CancellationToken cancellationToken) =>
        InCaseTransactionAsync(async tx => await tx.ExecuteAsync("DELETE FROM cases WHERE id = @i", cancellationToken, ("i", id)) > 0, cancellationToken);

    public async Task<CaseNote?> AddNoteAsync(string caseId, string text, string actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        long? id = null;
        await InCaseTransactionAsync(async tx =>
        {
            if (!await TouchCaseAsync(tx, caseId, at, cancellationToken))
            {
                return false;
            }

            id = await tx.ScalarAsync("INSERT INTO case_notes (case_id, text, author, created_at) VALUES (@c, @x, @a, @t) RETURNING id", cancellationToken,
                ("c", caseId), ("x", text), ("a", actor), ("t", ToMs(at)));
            await AppendCaseEventAsync(tx, caseId, actor, CaseActions.NoteAdded, $"note {id}", at, cancellationToken);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return id is { } noteId ? new CaseNote(noteId, caseId, text, actor, at) : null;
    }

    public Task<IReadOnlyList<CaseNote>> ListNotesAsync(string caseId, CancellationToken cancellationToken) =>
        QueryAsync("SELECT id, case_id, text, author, created_at FROM case_notes WHERE case_id = @c ORDER BY id",
            r => new CaseNote(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), FromMs(r.GetInt64(4))), cancellationToken, ("c", caseId));

    public async Task<CasePin?> AddPinAsync(CasePin pin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pin);
        var found = false;
        await InCaseTransactionAsync(async tx =>
        {
            found = await tx.ScalarAsync(LockCase, cancellationToken, ("c", pin.CaseId)) is not null;
            var inserted = found ? await tx.ScalarAsync("""
                INSERT INTO case_pins (case_id, kind, chain, subject, comment, pinned_by, pinned_at) VALUES (@c, @k, @h, @s, @m::text, @b, @t)
                ON CONFLICT (case_id, kind, chain, subject) DO NOTHING RETURNING id
                """, cancellationToken, ("c", pin.CaseId), ("k", CaseCodes.Kind(pin.Kind)), ("h", CaseCodes.ChainColumn(pin.Chain)), ("s", pin.Subject), ("m", pin.Comment), ("b", pin.PinnedBy), ("t", ToMs(pin.PinnedAt))) : null;
            if (inserted is null)
            {
                return false;
            }

            await TouchCaseAsync(tx, pin.CaseId, pin.PinnedAt, cancellationToken);
            await AppendCaseEventAsync(tx, pin.CaseId, pin.PinnedBy, CaseActions.Pinned, CaseCodes.PinText(pin.Kind, pin.Chain, pin.Subject), pin.PinnedAt, cancellationToken);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (!found)
        {
            return null;
        }

        var stored = await QueryAsync($"SELECT {PinColumns} FROM case_pins WHERE case_id = @c AND kind = @k AND chain = @h AND subject = @s", ReadPin, cancellationToken,
            ("c", pin.CaseId), ("k", CaseCodes.Kind(pin.Kind)), ("h", CaseCodes.ChainColumn(pin.Chain)), ("s", pin.Subject)).ConfigureAwait(false);
        return stored is [var p, ..] ? p : null;
    }

    public Task<bool> RemovePinAsync(string caseId, long pinId, string actor, DateTimeOffset at, CancellationToken cancellationToken) =>
        InCaseTransactionAsync(async tx =>
        {
            if (await tx.ScalarAsync(LockCase, cancellationToken, ("c", caseId)) is null)
            {
                return false;
            }

            var removed = await tx.QueryAsync("DELETE FROM case_pins WHERE case_id = @c AND id = @i RETURNING kind, chain, subject",
                r => CaseCodes.PinText(CaseCodes.ParseKind(r.GetString(0)), CaseCodes.ReadChain(r.GetString(1)), r.GetString(2)), cancellationToken, ("c", caseId), ("i", pinId));
            if (removed.Count == 0)
            {
                return false;
            }

            await TouchCaseAsync(tx, caseId, at, cancellationToken);
            await AppendCaseEventAsync(tx, caseId, actor, CaseActions.Unpinned, removed[0], at, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<CasePin>> ListPinsAsync(string caseId, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {PinColumns} FROM case_pins WHERE case_id = @c ORDER BY id", ReadPin, cancellationToken, ("c", caseId));

    public Task<bool> RecordEventAsync(string caseId, string action, string detail, string actor, DateTimeOffset at, CancellationToken cancellationToken) =>
        InCaseTransactionAsync(async tx =>
        {
            if (await tx.ScalarAsync(LockCase, cancellationToken, ("c", caseId)) is null)
            {
                return false;
            }

            await AppendCaseEventAsync(tx, caseId, actor, action, detail, at, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<CaseEvent>> ListHistoryAsync(string caseId, CancellationToken cancellationToken) =>
        QueryAsync("SELECT id, case_id, actor, action, detail, at FROM case_events WHERE case_id = @c ORDER BY id",
            r => new CaseEvent(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), FromMs(r.GetInt64(5))), cancellationToken, ("c", caseId));

    /// <summary>Runs <paramref name="work"/> in one transaction, committed only when it answers true (else nothing it did is kept).</summary>
    private async Task<bool> InCaseTransactionAsync(Func<CaseTransaction, Task<bool>> work, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var commit = await work(new CaseTransaction(connection, transaction)).ConfigureAwait(false);
        if (commit)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return commit;
    }

    // GREATEST: a note or pin dated before the last change does not move the case's update time back.
    private static async Task<bool> TouchCaseAsync(CaseTransaction tx, string caseId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await tx.ExecuteAsync("UPDATE cases SET updated_at = GREATEST(updated_at, @u) WHERE id = @c", cancellationToken, ("c", caseId), ("u", ToMs(at))).ConfigureAwait(false) > 0;

    private static Task<int> AppendCaseEventAsync(CaseTransaction tx, string caseId, string actor, string action, string detail, DateTimeOffset at, CancellationToken cancellationToken) =>
        tx.ExecuteAsync("INSERT INTO case_events (case_id, actor, action, detail, at) VALUES (@c, @a, @x, @d, @t)", cancellationToken,
            ("c", caseId), ("a", actor), ("x", action), ("d", detail), ("t", ToMs(at)));

    private static InvestigationCase ReadCase(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), CaseCodes.ParseStatus(r.GetString(3)), r.GetString(4), FromMs(r.GetInt64(5)), FromMs(r.GetInt64(6)));

    private static CasePin ReadPin(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), CaseCodes.ParseKind(r.GetString(2)), CaseCodes.ReadChain(r.GetString(3)),
        r.GetString(4), NullableString(r, 5), r.GetString(6), FromMs(r.GetInt64(7)));

    /// <summary>Commands bound to one open transaction.</summary>
    private sealed class CaseTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
        {
            await using var command = Command(sql, parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public async Task<long?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
        {
            await using var command = Command(sql, parameters);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) switch
            {
                long value => value,
                int value => value,
                _ => null,
            };
        }

        public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
        {
            await using var command = Command(sql, parameters);
            return await ReadAllAsync(command, read, cancellationToken).ConfigureAwait(false);
        }

        private NpgsqlCommand Command(string sql, (string Name, object? Value)[] parameters)
        {
#pragma warning disable CA2100 // every caller passes one of this file's constant statements; values are bound parameters
            var command = new NpgsqlCommand(sql, connection, transaction);
#pragma warning restore CA2100
            foreach (var (name, value) in parameters)
            {
                // A null goes in as text: the only nullable values here are text columns.
                command.Parameters.Add(value is null ? new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = DBNull.Value } : new NpgsqlParameter(name, value));
            }

            return command;
        }
    }
}
