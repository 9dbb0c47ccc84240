using ChainTrace.Core.Ports;

namespace ChainTrace.AppState.Tests;

/// <summary>
/// What every app-state adapter must do, written against the ports only, run on a real SQLite file
/// (<see cref="SqliteAppStateTests"/>) and a real PostgreSQL 15 (<see cref="PostgresAppStateTests"/>). Subclasses
/// supply a fresh, empty store per test and can reopen it. One partial file per part of app state (keys, audit,
/// watchlists, cases); a new part is a new port on <see cref="IAppStateStore"/> and a new partial file here, and
/// both adapters get its tests at once.
/// </summary>
public abstract partial class AppStateConformanceTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    protected IAppStateStore Store { get; private set; } = null!;

    protected IApiKeyStore Keys => Store;

    protected IAuditLog Audit => Store;

    protected IWatchlistStore Watchlists => Store;

    public async Task InitializeAsync() => Store = await OpenEmptyAsync();

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        await CleanUpAsync();
    }

    /// <summary>A new, empty, migrated store that only this test uses.</summary>
    protected abstract Task<IAppStateStore> OpenEmptyAsync();

    /// <summary>The same store opened again (the previous instance is disposed first), as a restart would.</summary>
    protected abstract Task<IAppStateStore> OpenAgainAsync();

    /// <summary>A second instance on the same store, open beside <see cref="Store"/>, as another process would have it.</summary>
    protected abstract Task<IAppStateStore> OpenSecondAsync();

    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    protected async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = await OpenAgainAsync();
    }
}
