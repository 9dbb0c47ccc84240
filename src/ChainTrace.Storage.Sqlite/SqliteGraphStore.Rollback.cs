using ChainTrace.Core.Chains;
using ChainTrace.Core.Utxo;
using ChainTrace.Storage.Sqlite.Utxo;
using Microsoft.Data.Sqlite;

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

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Every caller passes constant SQL; values are always bound parameters.")]
    private void RollbackTo(Chain chain, long height)
    {
        using (var transaction = _writer.BeginTransaction(deferred: false))
        {
            if (chain == Chain.Btc)
            {
                LowerFilterMark(transaction, height);
            }

            var touched = chain == Chain.Btc ? DeleteUtxoLookups(transaction, height) : [];

            foreach (var sql in RollbackStatements(chain))
            {
                using var command = _writer.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                command.Parameters.AddWithValue("$chain", (long)chain);
                command.Parameters.AddWithValue("$height", height);
                command.ExecuteNonQuery();
            }

            RecomputeAddressTotals(transaction, touched);
            transaction.Commit();
        }
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
            statements.Add("DELETE FROM utxo_txid_index WHERE (prefix, tx_id) IN (SELECT txid_prefix, id FROM utxo_txs WHERE block_height > $height)");
            statements.Add("DELETE FROM utxo_txs WHERE block_height > $height");
        }

        AddChainRollbackStatements(chain, statements);
        statements.Add("DELETE FROM blocks WHERE chain = $chain AND height > $height");
        statements.Add("DELETE FROM chain_networks WHERE chain = $chain AND NOT EXISTS (SELECT 1 FROM blocks WHERE chain = $chain)");
        return statements;
    }

    /// <summary>
    /// Address and spend entries are keyed by tags found only inside the removed transactions' bodies: decode
    /// those and delete each entry by its key, rather than scanning the lookup tables for the row ids. Returns the
    /// address keys the removed transactions touched.
    /// </summary>
    private HashSet<byte[]> DeleteUtxoLookups(SqliteTransaction transaction, long height)
    {
        var touched = new HashSet<byte[]>(KeyComparer.Instance);
        var addresses = new LookupEntries();
        var spends = new LookupEntries();
        using (var select = _writer.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT id, is_coinbase, body FROM utxo_txs WHERE block_height > $height";
            select.Parameters.AddWithValue("$height", height);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                var coinbase = reader.GetInt64(1) != 0;
                var body = (byte[])reader.GetValue(2);
                foreach (var output in TxBody.ReadOutputs(body))
                {
                    if (output.AddressKey is { } key)
                    {
                        addresses.Add(KeyTags.AddressTag(key), id);
                        touched.Add(key);
                    }
                }

                foreach (var input in TxBody.ReadInputs(body))
                {
                    if (input.AddressKey is { } key)
                    {
                        addresses.Add(KeyTags.AddressTag(key), id);
                        touched.Add(key);
                    }

                    if (!coinbase && input.Source != PrevoutSource.Coinbase)
                    {
                        spends.Add(KeyTags.TxidPrefix(input.PrevOut.TxId), id);
                    }
                }
            }
        }

        DeleteEntries(transaction, "DELETE FROM utxo_address_txs WHERE addr_tag = $tag AND tx_id = $tx", addresses);
        DeleteEntries(transaction, "DELETE FROM utxo_spends WHERE prev_prefix = $tag AND tx_id = $tx", spends);
        return touched;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Every caller passes constant SQL; values are always bound parameters.")]
    private void DeleteEntries(SqliteTransaction transaction, string sql, LookupEntries entries)
    {
        using var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var tag = command.Parameters.Add("$tag", SqliteType.Integer);
        var tx = command.Parameters.Add("$tx", SqliteType.Integer);
        command.Prepare();
        foreach (var (key, id) in entries.Sorted())
        {
            tag.Value = key;
            tx.Value = id;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Lets another chain family's partial file add its own DELETEs (e.g. account-chain transfers).</summary>
    static partial void AddChainRollbackStatements(Chain chain, List<string> statements);
}
