using ChainTrace.Core.Access;
using ChainTrace.Core.Ports;
using ChainTrace.Storage.Sqlite.AppState;
using ChainTrace.TestSupport;
using Microsoft.Data.Sqlite;

namespace ChainTrace.AppState.Tests;

/// <summary>The conformance suite on a real SQLite file, plus what only SQL can try: changing the log behind the code's back.</summary>
public sealed class SqliteAppStateTests : AppStateConformanceTests
{
    private readonly TempDir _temp = new("appstate");

    private string DatabasePath => _temp.File("appstate.db");

    protected override async Task<IAppStateStore> OpenEmptyAsync() => await SqliteAppStateStore.OpenAsync(DatabasePath, CancellationToken.None);

    protected override Task<IAppStateStore> OpenAgainAsync() => OpenEmptyAsync();

    protected override Task<IAppStateStore> OpenSecondAsync() => OpenEmptyAsync();

    protected override Task CleanUpAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("UPDATE audit_log SET status = 200 WHERE sequence = 1", "cannot be changed")]
    [InlineData("UPDATE audit_log SET subject = 'address:btc:x'", "cannot be changed")]
    [InlineData("DELETE FROM audit_log WHERE sequence = 2", "cannot be deleted")]
    [InlineData("DELETE FROM audit_log", "cannot be deleted")]
    [InlineData("INSERT INTO audit_log (sequence, time_ms, endpoint, subject, status, previous_hash, hash) VALUES (7, 0, 'GET /', 'x', 200, zeroblob(32), zeroblob(32))", "must follow the last one")]
    [InlineData("INSERT INTO audit_log (sequence, time_ms, endpoint, subject, status, previous_hash, hash) VALUES (3, 0, 'GET /', 'x', 200, zeroblob(32), zeroblob(32))", "must follow the last one")]
    public async Task AuditTable_RefusesChangesThroughSql_AndStaysIntact(string sql, string message)
    {
        await Audit.AppendAsync(
            [new AuditEvent(DateTimeOffset.UnixEpoch, null, null, "GET /v1/transactions/{chain}/{id}", "tx:btc:aa", 401, null, null),
             new AuditEvent(DateTimeOffset.UnixEpoch, "bob", "admin", "GET /v1/transactions/{chain}/{id}", "tx:btc:bb", 404, null, 599)],
            CancellationToken.None);

        await using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var error = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains(message, error.Message, StringComparison.Ordinal);
        }

        var verification = await AuditChain.VerifyAsync(Audit.ReadAllAsync(CancellationToken.None), CancellationToken.None);
        Assert.True(verification.IsIntact);
        Assert.Equal(2, verification.Checked);
    }

    [Fact]
    public async Task SubjectQuery_IndexesEntriesLoggedBeforeTheSubjectIndex_AndNeverAnswersAnotherSubject()
    {
        await Audit.AppendAsync(
            [new AuditEvent(DateTimeOffset.UnixEpoch, null, null, "GET /a", "address:btc:a", 200, null, null),
             new AuditEvent(DateTimeOffset.UnixEpoch, null, null, "GET /b", "address:btc:b", 200, null, null),
             new AuditEvent(DateTimeOffset.UnixEpoch, null, null, "GET /a", "address:btc:a", 200, null, null)],
            CancellationToken.None);
        // A store migrated from the text index has no subject rows for its entries: opening it indexes them.
        await ExecuteAsync("DELETE FROM audit_subjects");
        await ReopenAsync();

        // A hash collision is an index row that points one subject's hash at another subject's entry.
        await ExecuteAsync($"INSERT INTO audit_subjects (subject_hash, sequence) VALUES ({SqliteAppStateStore.SubjectHash("address:btc:a")}, 2)");

        var a = await Audit.QueryAsync(new AuditQuery(Subject: "address:btc:a"), CancellationToken.None);
        var b = await Audit.QueryAsync(new AuditQuery(Subject: "address:btc:b"), CancellationToken.None);
        Assert.Equal([1L, 3L], a.Entries.Select(e => e.Sequence));
        Assert.Equal([2L], b.Entries.Select(e => e.Sequence));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
