namespace ChainTrace.Core.Ports;

/// <summary>
/// The whole app state as one store (SQLite file or PostgreSQL database): keys, audit log, watchlists with their alerts
/// and deliveries, cases. A new part of app state is a new port added here, implemented by every adapter and covered by the
/// conformance suite (<c>tests/ChainTrace.AppState.Tests</c>).
/// </summary>
public interface IAppStateStore : IApiKeyStore, IAuditLog, IWatchlistStore, ICaseStore, IAsyncDisposable
{
}
