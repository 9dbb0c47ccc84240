using ChainTrace.Core.Addresses;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Queries;
using ChainTrace.Core.Utxo;
using ChainTrace.Storage.Sqlite.Utxo;

namespace ChainTrace.Storage.Sqlite;

public sealed partial class SqliteGraphStore
{
    /// <summary>How many of an address's transactions (or transfers) one page of neighbours reads at most: the bound on a request's work.</summary>
    public const int NeighbourScanLimit = 1_000;

    private const string AddressTxsSql = """
        SELECT t.block_height, t.body
        FROM utxo_address_txs a JOIN utxo_txs t ON t.id = a.tx_id
        WHERE a.addr_tag = $tag
        ORDER BY t.id
        """;

    private const string AddressTxPageSql = """
        SELECT a.tx_id, t.body
        FROM utxo_address_txs a JOIN utxo_txs t ON t.id = a.tx_id
        WHERE a.addr_tag = $tag AND a.tx_id >= $from
        ORDER BY a.tx_id
        LIMIT $limit
        """;

    public async Task<NeighbourPage> GetNeighboursAsync(BtcAddress address, FlowDirection direction, int limit, NeighbourCursor? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (limit <= 0)
        {
            return new NeighbourPage([], null);
        }

        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: true);
        if (await ReadNetworkAsync(connection, transaction, cancellationToken).ConfigureAwait(false) != address.Network)
        {
            return new NeighbourPage([], null);
        }

        var key = address.KeyToArray();
        var start = after ?? new NeighbourCursor(0, 0);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = AddressTxPageSql;
        command.Parameters.AddWithValue("$tag", KeyTags.AddressTag(key));
        command.Parameters.AddWithValue("$from", start.Item);
        command.Parameters.AddWithValue("$limit", NeighbourScanLimit + 1);

        var page = new Dictionary<byte[], (long Value, int Count)>(KeyComparer.Instance);
        NeighbourCursor? next = null;
        var scanned = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (next is null && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var txId = reader.GetInt64(0);
                if (++scanned > NeighbourScanLimit)
                {
                    next = new NeighbourCursor(txId, 0);
                    break;
                }

                var body = (byte[])reader.GetValue(1);
                var entries = Entries(direction, key, TxBody.ReadOutputs(body), TxBody.ReadInputs(body));
                for (var e = txId == start.Item ? start.Entry : 0; e < entries.Count; e++)
                {
                    var (other, value) = entries[e];
                    if (page.TryGetValue(other, out var sum))
                    {
                        page[other] = (sum.Value + value, sum.Count + 1);
                    }
                    else if (page.Count == limit)
                    {
                        next = new NeighbourCursor(txId, e);
                        break;
                    }
                    else
                    {
                        page[other] = (value, 1);
                    }
                }
            }
        }

        var neighbours = new List<AddressNeighbour>(page.Count);
        foreach (var (other, (value, count)) in page.OrderByDescending(p => p.Value.Value).ThenBy(p => p.Key, KeyComparer.Instance))
        {
            if (RenderAddress(other, address.Network) is { } neighbour)
            {
                neighbours.Add(new AddressNeighbour(neighbour, Asset.Btc, (ulong)value, count));
            }
        }

        return new NeighbourPage(neighbours, next);
    }

    /// <summary>
    /// One transaction's neighbour entries for <paramref name="key"/>, in a fixed order (the cursor counts them):
    /// Out, when the address is among the payers: each other address paid, in output order, with the address's
    /// share of what it was paid; In, when the address is paid: each other known payer, in input order, with its
    /// share of what the address was paid. A tag collision's transaction gives no entries.
    /// </summary>
    private static List<(byte[] Other, long Value)> Entries(FlowDirection direction, byte[] key, List<UtxoOutput> outputs, List<UtxoInput> inputs)
    {
        var entries = new List<(byte[] Other, long Value)>();
        var shares = new PayerShares(inputs);
        if (direction == FlowDirection.Out)
        {
            var self = shares.IndexOf(key);
            if (self < 0)
            {
                return entries;
            }

            foreach (var output in outputs)
            {
                if (output.AddressKey is { } other && !Matches(other, key))
                {
                    var i = entries.FindIndex(p => Matches(p.Other, other));
                    if (i < 0)
                    {
                        entries.Add((other, output.Value));
                    }
                    else
                    {
                        entries[i] = (other, entries[i].Value + output.Value);
                    }
                }
            }

            for (var i = 0; i < entries.Count; i++)
            {
                entries[i] = (entries[i].Other, shares.Share(entries[i].Value, self));
            }

            return entries;
        }

        long received = 0;
        var paidHere = false;
        foreach (var output in outputs)
        {
            if (Matches(output.AddressKey, key))
            {
                received += output.Value;
                paidHere = true;
            }
        }

        if (!paidHere)
        {
            return entries;
        }

        for (var i = 0; i < shares.Payers.Count; i++)
        {
            if (shares.Payers[i] is { } payer && !Matches(payer, key))
            {
                entries.Add((payer, shares.Share(received, i)));
            }
        }

        return entries;
    }

    private static bool Matches(byte[]? candidate, byte[] key) => candidate is not null && candidate.AsSpan().SequenceEqual(key);
}
