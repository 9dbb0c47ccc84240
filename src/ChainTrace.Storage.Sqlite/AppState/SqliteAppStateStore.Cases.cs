using ChainTrace.Core.Cases;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite.AppState;

public sealed partial class SqliteAppStateStore
{
    private const string CaseColumns = "id, title, description, status, created_by, created_at, updated_at";

    public async Task CreateCaseAsync(InvestigationCase created, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(created);
        await InCaseTransactionAsync(async transaction =>
        {
            await ExecuteAsync(transaction, $"INSERT INTO cases ({CaseColumns}) VALUES ($i, $t, $d, $s, $b, $c, $c)", cancellationToken,
                ("$i", created.Id), ("$t", created.Title), ("$d", created.Description), ("$s", CaseCodes.Status(created.Status)), ("$b", created.CreatedBy), ("$c", ToMs(created.CreatedAt)));
            await AppendEventAsync(transaction, created.Id, created.CreatedBy, CaseActions.Created, created.Title, created.CreatedAt, cancellationToken);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<InvestigationCase?> GetCaseAsync(string id, CancellationToken cancellationToken) =>
        FirstOrNull(await QueryAsync($"SELECT {CaseColumns} FROM cases WHERE id = $p", id, ReadCase, cancellationToken).ConfigureAwait(false));

    public Task<IReadOnlyList<InvestigationCase>> ListCasesAsync(CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {CaseColumns} FROM cases WHERE $p IS NULL ORDER BY updated_at DESC, id", null, ReadCase, cancellationToken);

    public async Task<InvestigationCase?> UpdateCaseAsync(string id, CaseChange change, string actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var changed = await InCaseTransactionAsync(async transaction =>
        {
            var rows = await ExecuteAsync(transaction, """
                UPDATE cases SET title = coalesce($t, title), description = coalesce($d, description), status = coalesce($s, status), updated_at = $u
                WHERE id = $i
                """, cancellationToken, ("$i", id), ("$t", change.Title), ("$d", change.Description), ("$s", change.Status is { } s ? CaseCodes.Status(s) : null), ("$u", ToMs(at)));
            if (rows == 0)
            {
                return false;
            }

            await AppendEventAsync(transaction, id, actor, CaseActions.Updated, CaseCodes.Describe(change), at, cancellationToken);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return changed ? await GetCaseAsync(id, cancellationToken).ConfigureAwait(false) : null;
    }

    public Task<bool> DeleteCaseAsync(string id, CancellationToken cancellationToken) =>
        InCaseTransactionAsync(async transaction => await ExecuteAsync(transaction, "DELETE FROM cases WHERE id = $i", cancellationToken, ("$i", id)) > 0, cancellationToken);

    public async Task<CaseNote?> AddNoteAsync(string caseId, string text, string actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        long? id = null;
        await InCaseTransactionAsync(async transaction =>
        {
            if (!await TouchAsync(transaction, caseId, at, cancellationToken))
            {
                return false;
            }

            id = await ScalarAsync(transaction, "INSERT INTO case_notes (case_id, text, author, created_at) VALUES ($c, $x, $a, $t) RETURNING id", cancellationToken,
                ("$c", caseId), ("$x", text), ("$a", actor), ("$t", ToMs(at)));
            await AppendEventAsync(transaction, caseId, actor, CaseActions.NoteAdded, $"note {id}", at, cancellationToken);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return id is { } noteId ? new CaseNote(noteId, caseId, text, actor, at) : null;
    }

    public Task<IReadOnlyList<CaseNote>> ListNotesAsync(string caseId, CancellationToken cancellationToken) =>
        QueryAsync("SELECT id, case_id, text, author, created_at FROM case_notes WHERE case_id = $p ORDER BY id", caseId,
            r => new CaseNote(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), FromMs(r.GetInt64(4))), cancellationToken);

    public async Task<CasePin?> AddPinAsync(CasePin pin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pin);
        var found = false;
        await InCaseTransactionAsync(async transaction =>
        {
            found = await ScalarAsync(transaction, "SELECT 1 FROM cases WHERE id = $c", cancellationToken, ("$c", pin.CaseId)) is not null;
            var inserted = found ? await ScalarAsync(transaction, """
                INSERT INTO case_pins (case_id, kind, chain, subject, comment, pinned_by, pinned_at) VALUES ($c, $k, $h, $s, $m, $b, $t)
                ON CONFLICT (case_id, kind, chain, subject) DO NOTHING RETURNING id
                """, cancellationToken, ("$c", pin.CaseId), ("$k", CaseCodes.Kind(pin.Kind)), ("$h", CaseCodes.ChainColumn(pin.Chain)), ("$s", pin.Subject), ("$m", pin.Comment), ("$b", pin.PinnedBy), ("$t", ToMs(pin.PinnedAt))) : null;
            if (inserted is null)
            {
                return false;
            }

            await TouchAsync(transaction, pin.CaseId, pin.PinnedAt, cancellationToken);
            await AppendEventAsync(transaction, pin.CaseId, pin.PinnedBy, CaseActions.Pinned, CaseCodes.PinText(pin.Kind, pin.Chain, pin.Subject), pin.PinnedAt, cancellationToken);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (!found)
        {
            return null;
        }

        var pins = await ListPinsAsync(pin.CaseId, cancellationToken).ConfigureAwait(false);
        return pins.FirstOrDefault(p => p.Kind == pin.Kind && (p.Chain ?? "") == (pin.Chain ?? "") && p.Subject == pin.Subject);
    }

    public Task<bool> RemovePinAsync(string caseId, long pinId, string actor, DateTimeOffset at, CancellationToken cancellationToken) =>
        InCaseTransactionAsync(async transaction =>
        {
            var pins = await ReadPinsAsync(transaction, caseId, pinId, cancellationToken);
            if (pins.Count == 0)
            {
                return false;
            }

            await ExecuteAsync(transaction, "DELETE FROM case_pins WHERE id = $i", cancellationToken, ("$i", pinId));
            await TouchAsync(transaction, caseId, at, cancellationToken);
            await AppendEventAsync(transaction, caseId, actor, CaseActions.Unpinned, CaseCodes.PinText(pins[0].Kind, pins[0].Chain, pins[0].Subject), at, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<CasePin>> ListPinsAsync(string caseId, CancellationToken cancellationToken) =>
        QueryAsync("SELECT id, case_id, kind, chain, subject, comment, pinned_by, pinned_at FROM case_pins WHERE case_id = $p ORDER BY id", caseId, ReadPin, cancellationToken);

    public Task<bool> RecordEventAsync(string caseId, string action, string detail, string actor, DateTimeOffset at, CancellationToken cancellationToken) =>
        InCaseTransactionAsync(async transaction =>
        {
            if (await ScalarAsync(transaction, "SELECT 1 FROM cases WHERE id = $c", cancellationToken, ("$c", caseId)) is null)
            {
                return false;
            }

            await AppendEventAsync(transaction, caseId, actor, action, detail, at, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<CaseEvent>> ListHistoryAsync(string caseId, CancellationToken cancellationToken) =>
        QueryAsync("SELECT id, case_id, actor, action, detail, at FROM case_events WHERE case_id = $p ORDER BY id", caseId,
            r => new CaseEvent(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), FromMs(r.GetInt64(5))), cancellationToken);

    private Task<bool> InCaseTransactionAsync(Func<SqliteTransaction, Task<bool>> work, CancellationToken cancellationToken) =>
        WriteAsync(async () =>
        {
            await using var transaction = (SqliteTransaction)await _writer.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var commit = await work(transaction).ConfigureAwait(false);
            if (commit)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return commit;
        }, cancellationToken);

    private async Task<bool> TouchAsync(SqliteTransaction transaction, string caseId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await ExecuteAsync(transaction, "UPDATE cases SET updated_at = max(updated_at, $u) WHERE id = $i", cancellationToken, ("$i", caseId), ("$u", ToMs(at))).ConfigureAwait(false) > 0;

    private Task<int> AppendEventAsync(SqliteTransaction transaction, string caseId, string actor, string action, string detail, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(transaction, "INSERT INTO case_events (case_id, actor, action, detail, at) VALUES ($c, $a, $x, $d, $t)", cancellationToken,
            ("$c", caseId), ("$a", actor), ("$x", action), ("$d", detail), ("$t", ToMs(at)));

    private async Task<IReadOnlyList<CasePin>> ReadPinsAsync(SqliteTransaction transaction, string caseId, long pinId, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, "SELECT id, case_id, kind, chain, subject, comment, pinned_by, pinned_at FROM case_pins WHERE case_id = $c AND id = $i", ("$c", caseId), ("$i", pinId));
        return await ReadAllAsync(command, ReadPin, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> ExecuteAsync(SqliteTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<long?> ScalarAsync(SqliteTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(transaction, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long value ? value : null;
    }

    private SqliteCommand Command(SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _writer.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // sql is one of this file's constant statements; values go in as parameters
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, Db(value));
        }

        return command;
    }

    private static InvestigationCase ReadCase(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), CaseCodes.ParseStatus(r.GetString(3)), r.GetString(4), FromMs(r.GetInt64(5)), FromMs(r.GetInt64(6)));

    private static CasePin ReadPin(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), CaseCodes.ParseKind(r.GetString(2)), CaseCodes.ReadChain(r.GetString(3)),
        r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6), FromMs(r.GetInt64(7)));
}
