using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Watchlists;
using ChainTrace.Storage.Sqlite.Utxo;

namespace ChainTrace.Storage.Sqlite;

public sealed partial class SqliteGraphStore : IAddressActivityReader
{
    public async Task<IReadOnlyList<OutgoingMovement>> GetOutgoingAsync(Address address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var key = address.KeyToArray();
        var movements = new List<OutgoingMovement>();
        if (address.Chain == Chain.Btc)
        {
            command.CommandText = "SELECT t.txid, t.block_height, t.body FROM utxo_address_txs a JOIN utxo_txs t ON t.id = a.tx_id WHERE a.addr_tag = $tag ORDER BY t.id";
            command.Parameters.AddWithValue("$tag", KeyTags.AddressTag(key));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var spent = TxBody.ReadInputs((byte[])reader.GetValue(2)).Where(i => Matches(i.AddressKey, key)).ToList();
                if (spent.Count > 0)
                {
                    movements.Add(new OutgoingMovement(new Hash32((byte[])reader.GetValue(0)), reader.GetInt64(1), (ulong)spent.Sum(i => i.Value ?? 0)));
                }
            }

            return movements;
        }

        // Ethereum: every transfer out of the address (native, token, internal) groups under its transaction.
        command.CommandText = "SELECT tx_hash, height, value FROM eth_transfers WHERE from_addr = $a AND tx_hash IS NOT NULL AND token IS NULL ORDER BY height, id";
        command.Parameters.AddWithValue("$a", key);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                movements.Add(new OutgoingMovement(new Hash32((byte[])reader.GetValue(0)), reader.GetInt64(1), Value(reader, 2)));
            }
        }

        return movements.GroupBy(m => m.TxId).Select(g => new OutgoingMovement(g.Key, g.First().Height, g.Select(m => m.Amount).Aggregate((a, b) => a + b))).ToList();
    }
}
