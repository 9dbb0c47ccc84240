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
    [InlineData("UPDATE audit_subjects SET sequence = 9", "cannot be changed")]
    [InlineData("DELETE FROM audit_subjects WHERE sequence = 1", "cannot be deleted")]
    [InlineData("DELETE FROM audit_subjects", "cannot be deleted")]
    [InlineData("INSERT INTO audit_subjects (bucket, subject_hash, sequence) VALUES (0, 7, 2)", "past the mark")]
    [InlineData("INSERT INTO audit_subjects (bucket, subject_hash, sequence) VALUES (0, 7, 3)", "past the mark")]
    [InlineData("UPDATE audit_subject_mark SET sequence = 0", "only moves forward")]
    [InlineData("DELETE FROM audit_subject_mark", "cannot be deleted")]
    public async Task SubjectIndex_RefusesChangesThroughSql_AndStillFindsTheEntries(string sql, string message)
    {
        await Audit.AppendAsync(
            [new AuditEvent(DateTimeOffset.UnixEpoch, "bob", "exchange", "GET /v1/addresses/{chain}/{address}/risk", "address:btc:aa", 200, "allow", 5),
             new AuditEvent(DateTimeOffset.UnixEpoch, "bob", "exchange", "GET /v1/addresses/{chain}/{address}/risk", "address:btc:bb", 200, "block", 5)],
            CancellationToken.None);
        // Opening again indexes the log's subjects behind the mark (both entries).
        await using (var again = await SqliteAppStateStore.OpenAsync(DatabasePath, CancellationToken.None))
        {
        }

        await using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await connection.OpenAsync();
            await using (var count = connection.CreateCommand())
            {
                count.CommandText = "SELECT count(*) FROM audit_subjects";
                Assert.Equal(2L, await count.ExecuteScalarAsync());
            }

            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var error = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains(message, error.Message, StringComparison.Ordinal);
        }

        var page = await Audit.QueryAsync(new AuditQuery(Subject: "address:btc:bb"), CancellationToken.None);
        Assert.Equal("block", Assert.Single(page.Entries).Event.Decision);
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
    public async Task SubjectQuery_IndexesEntriesLoggedBeforeTheSubjectIndex_ReadsThoseAfterTheMark_AndNeverAnswersAnotherSubject()
    {
        await Audit.AppendAsync(
            [new AuditEvent(DateTimeOffset.UnixEpoch, null, null, "GET /a", "address:btc:a", 200, null, null),
             new AuditEvent(DateTimeOffset.UnixEpoch, null, null, "GET /b", "address:btc:b", 200, null, null),
             new AuditEvent(DateTimeOffset.UnixEpoch, null, null, "GET /a", "address:btc:a", 200, null, null)],
            CancellationToken.None);

        // A store migrated from the text index has none of its entries in the subject index: opening it indexes them.
        // Made so here by SQL, with the index's append-only triggers dropped (they refuse exactly these writes).
        await ExecuteAsync("DROP TRIGGER audit_subjects_no_delete; DROP TRIGGER audit_subject_mark_forward; DROP TRIGGER audit_subjects_past_the_mark");
        await ExecuteAsync("DELETE FROM audit_subjects; UPDATE audit_subject_mark SET sequence = 0");
        await ReopenAsync();
        Assert.Equal(["3"], await QueryTextAsync("SELECT sequence FROM audit_subject_mark"));

        // A hash collision is an index row that points one subject's hash at another subject's entry.
        await ExecuteAsync($"INSERT INTO audit_subjects (bucket, subject_hash, sequence) VALUES (0, {SqliteAppStateStore.SubjectHash("address:btc:a")}, 2)");

        // Entries after the mark (fewer than a batch) are not in the index yet: the query reads them from the log.
        await Audit.AppendAsync([new AuditEvent(DateTimeOffset.UnixEpoch, null, null, "GET /a", "address:btc:a", 200, null, null)], CancellationToken.None);
        Assert.Equal(["3"], await QueryTextAsync("SELECT sequence FROM audit_subject_mark"));

        var a = await Audit.QueryAsync(new AuditQuery(Subject: "address:btc:a"), CancellationToken.None);
        var b = await Audit.QueryAsync(new AuditQuery(Subject: "address:btc:b"), CancellationToken.None);
        Assert.Equal([1L, 3L, 4L], a.Entries.Select(e => e.Sequence));
        Assert.Equal([2L], b.Entries.Select(e => e.Sequence));

        // Pages cross the mark: one entry a page, from the index into the log.
        var pages = new List<long>();
        long? after = null;
        do
        {
            var page = await Audit.QueryAsync(new AuditQuery(Subject: "address:btc:a", AfterSequence: after, Limit: 1), CancellationToken.None);
            pages.AddRange(page.Entries.Select(e => e.Sequence));
            after = page.NextCursor;
        }
        while (after is not null);

        Assert.Equal([1L, 3L, 4L], pages);
    }

    [Fact]
    public async Task SubjectIndex_IsFilledInBatchesBehindTheMark_AndTheQuerySeeksIt()
    {
        var events = Enumerable.Range(0, SqliteAppStateStore.SubjectBatch + 10)
            .Select(i => new AuditEvent(DateTimeOffset.UnixEpoch, null, null, "GET /r", $"address:btc:{i % 1000}", 200, null, null))
            .ToList();
        await Audit.AppendAsync(events, CancellationToken.None);

        // The append that passed a batch indexed everything before it, in the same call.
        Assert.Equal([events.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)], await QueryTextAsync("SELECT sequence FROM audit_subject_mark"));
        Assert.Equal([events.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)], await QueryTextAsync("SELECT count(*) FROM audit_subjects"));
        var page = await Audit.QueryAsync(new AuditQuery(Subject: "address:btc:7", Limit: 1000), CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, events.Count).Where(i => i % 1000 == 7).Select(i => (long)i + 1), page.Entries.Select(e => e.Sequence));

        // The production statement, planned with its parameters bound: a seek per bucket, not a scan of the index.
        var plan = string.Join("\n", await QueryTextAsync(
            "EXPLAIN QUERY PLAN " + SqliteAppStateStore.IndexedSubjectSql, column: 3,
            ("$b0", 0L), ("$b1", 3L), ("$uh", 5L), ("$after", 0L), ("$mark", 9L), ("$u", "x"), ("$k", DBNull.Value), ("$f", DBNull.Value), ("$to", DBNull.Value), ("$limit", 10)));
        Assert.Contains("SEARCH s USING PRIMARY KEY (bucket=? AND subject_hash=? AND sequence>? AND sequence<?)", plan, StringComparison.Ordinal);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> QueryTextAsync(string sql, int column = 0, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(Convert.ToString(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }
}
