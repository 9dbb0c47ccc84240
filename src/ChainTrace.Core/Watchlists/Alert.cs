namespace ChainTrace.Core.Watchlists;

/// <summary>
/// A raised alert. <see cref="Cause"/> is the deterministic key of what triggered it (see
/// <see cref="AlertCause"/>); the store keeps one alert per (watchlist, cause). <see cref="Amount"/> is an integer in
/// the chain's base unit (satoshi, wei) as decimal text.
/// </summary>
public sealed record Alert(
    long Id,
    string Watchlist,
    string Rule,
    string Cause,
    IReadOnlyList<string> Txs,
    string Amount,
    string? Entity,
    DateTimeOffset RaisedAt);
