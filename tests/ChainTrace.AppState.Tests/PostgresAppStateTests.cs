using ChainTrace.Core.Access;
using ChainTrace.Core.Ports;
using ChainTrace.Storage.Postgres.AppState;
using Npgsql;

namespace ChainTrace.AppState.Tests;

/// <summary>The conformance suite on a real PostgreSQL 15, plus what only SQL can try: changing the log behind the code's back.</summary>
[Trait("Category", "Integration")]
public sealed class PostgresAppStateTests(PostgresServerFixture postgres) : AppStateConformanceTests, IClassFixture<PostgresServerFixture>
{
    private string? _connectionString;

    protected override async Task<IAppStateStore> OpenEmptyAsync()
    {
        _connectionString = await postgres.Server.CreateDatabaseAsync("appstate");
        return await PostgresAppStateStore.OpenAsync(_connectionString, CancellationToken.None);
    }

    protected override async Task<IAppStateStore> OpenAgainAsync() => await PostgresAppStateStore.OpenAsync(_connectionString!, CancellationToken.None);

    protected override Task<IAppStateStore> OpenSecondAsync() => OpenAgainAsync();

    [Theory]
    [InlineData("UPDATE audit_log SET status = 200 WHERE sequence = 1", "cannot be changed")]
    [InlineData("UPDATE audit_log SET subject = 'address:btc:x'", "cannot be changed")]
    [InlineData("DELETE FROM audit_log WHERE sequence = 2", "cannot be deleted")]
    [InlineData("DELETE FROM audit_log", "cannot be deleted")]
    [InlineData("TRUNCATE audit_log", "cannot be deleted")]
    [InlineData("INSERT INTO audit_log (sequence, time_ms, endpoint, subject, status, previous_hash, hash) VALUES (7, 0, 'GET /', 'x', 200, decode(repeat('00', 32), 'hex'), decode(repeat('00', 32), 'hex'))", "must follow the last one")]
    [InlineData("INSERT INTO audit_log (sequence, time_ms, endpoint, subject, status, previous_hash, hash) VALUES (3, 0, 'GET /', 'x', 200, decode(repeat('00', 32), 'hex'), decode(repeat('00', 32), 'hex'))", "must follow the last one")]
    public async Task AuditTable_RefusesChangesThroughSql_AndStaysIntact(string sql, string message)
    {
        await Audit.AppendAsync(
            [new AuditEvent(DateTimeOffset.UnixEpoch, null, null, "GET /v1/transactions/{chain}/{id}", "tx:btc:aa", 401, null, null),
             new AuditEvent(DateTimeOffset.UnixEpoch, "bob", "admin", "GET /v1/transactions/{chain}/{id}", "tx:btc:bb", 404, null, 599)],
            CancellationToken.None);

        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains(message, error.MessageText, StringComparison.Ordinal);
        }

        var verification = await AuditChain.VerifyAsync(Audit.ReadAllAsync(CancellationToken.None), CancellationToken.None);
        Assert.True(verification.IsIntact);
        Assert.Equal(2, verification.Checked);
    }

    [Fact]
    public async Task ProcessesStartingTogether_MigrateOnce()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(OpenAgainAsync)));
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*), count(DISTINCT version) FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(reader.GetInt64(1), reader.GetInt64(0));
        Assert.Equal(5, reader.GetInt64(0));
    }
}
