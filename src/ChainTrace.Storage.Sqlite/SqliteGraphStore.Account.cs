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
            statements.Add("DELETE FROM eth_transfers WHERE height > $height");
            statements.Add("DELETE FROM eth_transactions WHERE height > $height");
        }
    }
}
