using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;

namespace ChainTrace.Storage.Sqlite;

/// <summary>
/// The account-chain (Ethereum) part of the store: <c>eth_transactions</c> and <c>eth_transfers</c>
/// (Migrations/002_account.sql) beside the shared <c>blocks</c>/<c>chain_networks</c> progress tables. Values are
/// 32-byte big-endian integers, so totals are summed in 256-bit arithmetic when read.
/// </summary>
public sealed partial class SqliteGraphStore : IAccountGraphStore
{
    static partial void AddChainRollbackStatements(Chain chain, List<string> statements)
    {
        if (chain == Chain.Eth)
        {
            statements.Add("DELETE FROM eth_untraced_blocks WHERE height > $height AND height <= $through");
            statements.Add("DELETE FROM eth_transfers WHERE height > $height AND height <= $through");
            statements.Add("DELETE FROM eth_transactions WHERE height > $height AND height <= $through");
        }
    }

    static partial void AddChainDigestQueries(List<string> queries)
    {
        queries.Add("SELECT hash, height, tx_index, from_addr, to_addr, created, value, succeeded, gas, gas_used, fee FROM eth_transactions ORDER BY height, tx_index, hash");
        queries.Add("SELECT height, tx_hash, kind, position, token, from_addr, to_addr, value FROM eth_transfers ORDER BY height, kind, coalesce(tx_hash, x''), position");
        queries.Add("SELECT height FROM eth_untraced_blocks ORDER BY height");
    }

    /// <summary>How many stored eth blocks were written without traces (their internal transfers are unknown).</summary>
    public async Task<long> CountBlocksWithoutTracesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM eth_untraced_blocks";
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
