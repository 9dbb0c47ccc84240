using ChainTrace.Core.Watchlists;

namespace ChainTrace.Jobs.Endpoints;

/// <summary>An alert as <c>GET /v1/alerts</c> lists it and as a webhook posts it; <c>amount</c> is base units (satoshi, wei) as decimal text.</summary>
public sealed record AlertDto(long Id, string Watchlist, string Rule, string Cause, IReadOnlyList<string> Txs, string Amount, string? Entity, DateTimeOffset RaisedAt)
{
    public static AlertDto From(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new AlertDto(alert.Id, alert.Watchlist, alert.Rule, alert.Cause, alert.Txs, alert.Amount, alert.Entity, alert.RaisedAt);
    }
}
