using ChainTrace.Core.Chains;

namespace ChainTrace.Storage.Sqlite;

public sealed partial class SqliteGraphStore
{
    public async Task RollbackToAsync(Chain chain, long height, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            RollbackTo(chain, height);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void RollbackTo(Chain chain, long height)
    {
        using (var transaction = _writer.BeginTransaction(deferred: false))
        {
            foreach (var sql in RollbackStatements(chain))
            {
                using var command = _writer.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                command.Parameters.AddWithValue("$chain", (long)chain);
                command.Parameters.AddWithValue("$height", height);
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        // Cached outputs may belong to removed blocks; the txid filter only gains false positives, which are safe.
        _recent.Clear();
    }

    /// <summary>
    /// Statements that remove a chain's rows above <c>$height</c> (parameters <c>$chain</c>, <c>$height</c>), run in
    /// order in one transaction. Child rows go before the rows they hang off; the block headers go last.
    /// </summary>
    private static List<string> RollbackStatements(Chain chain)
    {
        var statements = new List<string>();
        if (chain == Chain.Btc)
        {
            // One statement per source table: a UNION of both makes SQLite scan the whole lookup table.
            statements.Add("""
                DELETE FROM utxo_address_txs WHERE (addr_tag, tx_id) IN (
                    SELECT addr_tag, tx_id FROM utxo_outputs WHERE addr_tag IS NOT NULL AND tx_id IN (SELECT id FROM utxo_txs WHERE block_height > $height))
                """);
            statements.Add("""
                DELETE FROM utxo_address_txs WHERE (addr_tag, tx_id) IN (
                    SELECT addr_tag, tx_id FROM utxo_inputs WHERE addr_tag IS NOT NULL AND tx_id IN (SELECT id FROM utxo_txs WHERE block_height > $height))
                """);
            statements.Add("""
                DELETE FROM utxo_spends WHERE (prev_prefix, tx_id) IN (
                    SELECT prev_prefix, tx_id FROM utxo_inputs WHERE prev_prefix IS NOT NULL AND tx_id IN (SELECT id FROM utxo_txs WHERE block_height > $height))
                """);
            statements.Add("DELETE FROM utxo_txid_index WHERE (prefix, tx_id) IN (SELECT txid_prefix, id FROM utxo_txs WHERE block_height > $height)");
            statements.Add("DELETE FROM utxo_inputs WHERE tx_id IN (SELECT id FROM utxo_txs WHERE block_height > $height)");
            statements.Add("DELETE FROM utxo_outputs WHERE tx_id IN (SELECT id FROM utxo_txs WHERE block_height > $height)");
            statements.Add("DELETE FROM utxo_txs WHERE block_height > $height");
        }

        AddChainRollbackStatements(chain, statements);
        statements.Add("DELETE FROM blocks WHERE chain = $chain AND height > $height");
        statements.Add("DELETE FROM chain_networks WHERE chain = $chain AND NOT EXISTS (SELECT 1 FROM blocks WHERE chain = $chain)");
        return statements;
    }

    /// <summary>Lets another chain family's partial file add its own DELETEs (e.g. account-chain transfers).</summary>
    static partial void AddChainRollbackStatements(Chain chain, List<string> statements);
}
