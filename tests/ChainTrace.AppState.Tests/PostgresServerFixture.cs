using ChainTrace.TestSupport.Postgres;

namespace ChainTrace.AppState.Tests;

/// <summary>One throwaway PostgreSQL server per test class; each test makes its own database on it.</summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
