using Microsoft.Data.Sqlite;

namespace ChainTrace.Risk.Storage;

/// <summary>What a refresh leaves beside its rows for the next one to continue from (<see cref="RiskState"/> for Bitcoin, <see cref="EthRiskState"/> for Ethereum).</summary>
internal interface IRefreshState
{
    /// <summary>The store-wide counts of the address rows.</summary>
    RiskCounts Counts { get; }

    IRefreshState WithCounts(RiskCounts counts);

    void WriteTo(SqliteConnection connection);
}
