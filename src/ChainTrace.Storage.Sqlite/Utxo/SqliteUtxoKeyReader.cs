using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite.Utxo;

/// <summary>
/// <see cref="IUtxoKeyReader"/> over the graph store: first heights from <c>utxo_address_totals</c> (keyed by the whole
/// key), first places through <c>utxo_address_txs</c> within that height's row-id range (the tag is checked against the
/// decoded body), a transaction by place as the first row id of its height plus its position (checked; a scan of the
/// height otherwise). One pooled read connection with its statements prepared once.
/// </summary>
internal sealed class SqliteUtxoKeyReader : IUtxoKeyReader
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _firstHeight;
    private readonly SqliteCommand _placeAt;
    private readonly SqliteCommand _txById;
    private readonly SqliteCommand _txByPlace;
    private readonly string _connectionString;

    public SqliteUtxoKeyReader(string connectionString)
    {
        _connectionString = connectionString;
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        _firstHeight = Prepare("SELECT first_height FROM utxo_address_totals WHERE addr_key = $key", "$key");
        _placeAt = Prepare("""
            SELECT t.position, t.txid, t.is_coinbase, t.body FROM utxo_address_txs a JOIN utxo_txs t ON t.id = a.tx_id
            WHERE a.addr_tag = $tag AND a.tx_id BETWEEN (SELECT min(id) FROM utxo_txs WHERE block_height = $height)
                                                     AND (SELECT max(id) FROM utxo_txs WHERE block_height = $height)
              AND t.block_height = $height
            ORDER BY t.position, t.id DESC
            """, "$tag", "$height");
        _txById = Prepare(
            "SELECT block_height, position, txid, is_coinbase, body FROM utxo_txs WHERE id = (SELECT min(id) FROM utxo_txs WHERE block_height = $height) + $position",
            "$height", "$position");
        _txByPlace = Prepare(
            "SELECT block_height, position, txid, is_coinbase, body FROM utxo_txs WHERE block_height = $height AND position = $position ORDER BY id DESC LIMIT 1",
            "$height", "$position");
    }

    public long? FirstHeight(ReadOnlySpan<byte> key)
    {
        _firstHeight.Parameters[0].Value = key.ToArray();
        return _firstHeight.ExecuteScalar() is long height ? height : null;
    }

    public StoredKeyPlace? FirstPlaceAt(ReadOnlySpan<byte> key, long height)
    {
        _placeAt.Parameters[0].Value = KeyTags.AddressTag(key);
        _placeAt.Parameters[1].Value = height;
        using var reader = _placeAt.ExecuteReader();
        while (reader.Read())
        {
            var (inputs, outputs) = TxBody.ReadKeys((byte[])reader.GetValue(3), reader.GetInt64(2) != 0);
            if (IndexOf(inputs, key) is var i and >= 0)
            {
                return new StoredKeyPlace(reader.GetInt32(0), new Hash32((byte[])reader.GetValue(1)), true, i);
            }

            if (IndexOf(outputs, key) is var o and >= 0)
            {
                return new StoredKeyPlace(reader.GetInt32(0), new Hash32((byte[])reader.GetValue(1)), false, o);
            }
        }

        return null;
    }

    public StoredTxKeys? TxAt(long height, int position)
    {
        _txById.Parameters[0].Value = height;
        _txById.Parameters[1].Value = position;
        if (ReadOne(_txById) is { } found && found.Height == height && found.Position == position)
        {
            return found;
        }

        _txByPlace.Parameters[0].Value = height;
        _txByPlace.Parameters[1].Value = position;
        return ReadOne(_txByPlace);
    }

    public IEnumerable<StoredTxKeys> Scan(long fromHeight)
    {
        // Its own connection: a scan may be read while this reader answers point lookups.
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT block_height, position, txid, is_coinbase, body FROM utxo_txs WHERE block_height >= $from ORDER BY block_height, id";
        command.Parameters.AddWithValue("$from", fromHeight);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return Row(reader);
        }
    }

    public void Dispose()
    {
        _firstHeight.Dispose();
        _placeAt.Dispose();
        _txById.Dispose();
        _txByPlace.Dispose();
        _connection.Dispose();
    }

    private static StoredTxKeys? ReadOne(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? Row(reader) : null;
    }

    private static StoredTxKeys Row(SqliteDataReader reader)
    {
        var (inputs, outputs) = TxBody.ReadKeys((byte[])reader.GetValue(4), reader.GetInt64(3) != 0);
        return new StoredTxKeys(reader.GetInt64(0), reader.GetInt32(1), new Hash32((byte[])reader.GetValue(2)), inputs, outputs);
    }

    private static int IndexOf(byte[]?[] keys, ReadOnlySpan<byte> key)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] is { } k && key.SequenceEqual(k))
            {
                return i;
            }
        }

        return -1;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Constant statements of this class.")]
    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        command.Prepare();
        return command;
    }
}
