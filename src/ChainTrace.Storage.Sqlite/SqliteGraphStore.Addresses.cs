using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Queries;
using ChainTrace.Core.Utxo;
using ChainTrace.Storage.Sqlite.Utxo;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite;

public sealed partial class SqliteGraphStore
{
    private const string AddressTxsSql = """
        SELECT t.block_height, t.body
        FROM utxo_address_txs a JOIN utxo_txs t ON t.id = a.tx_id
        WHERE a.addr_tag = $tag
        ORDER BY t.id
        """;

    public async Task<AddressSummary?> GetAddressSummaryAsync(BtcAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: true);
        if (await ReadNetworkAsync(connection, transaction, cancellationToken).ConfigureAwait(false) != address.Network)
        {
            return null;
        }

        var key = address.KeyToArray();
        long rows = 0, txCount = 0, unknown = 0, received = 0, sent = 0;
        long firstHeight = long.MaxValue, lastHeight = long.MinValue;
        foreach (var (height, outputs, inputs) in await ReadAddressTxsAsync(connection, transaction, key, cancellationToken).ConfigureAwait(false))
        {
            var touched = false;
            foreach (var output in outputs)
            {
                if (Matches(output.AddressKey, key))
                {
                    rows++;
                    touched = true;
                    received += output.Value;
                }
            }

            foreach (var input in inputs)
            {
                if (Matches(input.AddressKey, key))
                {
                    rows++;
                    touched = true;
                    sent += input.Value ?? 0;
                    unknown += input.Value is null ? 1 : 0;
                }
            }

            if (touched)
            {
                txCount++;
                firstHeight = Math.Min(firstHeight, height);
                lastHeight = Math.Max(lastHeight, height);
            }
        }

        if (rows == 0)
        {
            return null;
        }

        var first = await ReadSeenAtAsync(connection, transaction, firstHeight, cancellationToken).ConfigureAwait(false);
        var last = await ReadSeenAtAsync(connection, transaction, lastHeight, cancellationToken).ConfigureAwait(false);

        // A known spend larger than everything received means receipts lie in blocks this store lacks: no balance then either.
        UInt256? balance = unknown == 0 && received >= sent ? (ulong)(received - sent) : null;
        var totals = new AssetTotals(Asset.Btc, (ulong)received, (ulong)sent, balance, unknown);
        return new AddressSummary(address, first, last, txCount, [totals]);
    }

    public async Task<IReadOnlyList<AddressNeighbour>> GetNeighboursAsync(BtcAddress address, FlowDirection direction, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (limit <= 0)
        {
            return [];
        }

        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: true);
        if (await ReadNetworkAsync(connection, transaction, cancellationToken).ConfigureAwait(false) != address.Network)
        {
            return [];
        }

        var key = address.KeyToArray();
        var totals = new Dictionary<byte[], (long Value, int Count)>(KeyComparer.Instance);
        foreach (var (_, outputs, inputs) in await ReadAddressTxsAsync(connection, transaction, key, cancellationToken).ConfigureAwait(false))
        {
            if (direction == FlowDirection.Out)
            {
                // Paid from this address: every other address this transaction pays is a neighbour.
                if (!inputs.Exists(i => Matches(i.AddressKey, key)))
                {
                    continue;
                }

                var paid = new Dictionary<byte[], long>(KeyComparer.Instance);
                foreach (var output in outputs)
                {
                    if (output.AddressKey is { } other && !Matches(other, key))
                    {
                        paid[other] = paid.GetValueOrDefault(other) + output.Value;
                    }
                }

                foreach (var (other, value) in paid)
                {
                    Accumulate(totals, other, value);
                }
            }
            else
            {
                // Paid to this address: every other spending address of the transaction is credited with what it paid here.
                var value = 0L;
                var paidHere = false;
                foreach (var output in outputs)
                {
                    if (Matches(output.AddressKey, key))
                    {
                        value += output.Value;
                        paidHere = true;
                    }
                }

                if (!paidHere)
                {
                    continue;
                }

                var payers = new HashSet<byte[]>(KeyComparer.Instance);
                foreach (var input in inputs)
                {
                    if (input.AddressKey is { } other && !Matches(other, key) && payers.Add(other))
                    {
                        Accumulate(totals, other, value);
                    }
                }
            }
        }

        var neighbours = new List<AddressNeighbour>();
        var ranked = totals.OrderByDescending(t => t.Value.Value).ThenBy(t => t.Key, KeyComparer.Instance);
        foreach (var (other, (value, count)) in ranked)
        {
            if (neighbours.Count >= limit)
            {
                break;
            }

            // Ranked before rendering, as the SQL version was: a key that renders to no address takes its place in the limit.
            if (RenderAddress(other, address.Network) is { } neighbour)
            {
                neighbours.Add(new AddressNeighbour(neighbour, Asset.Btc, (ulong)value, count));
            }
        }

        return neighbours;
    }

    private static void Accumulate(Dictionary<byte[], (long Value, int Count)> totals, byte[] key, long value)
    {
        var (sum, count) = totals.GetValueOrDefault(key);
        totals[key] = (sum + value, count + 1);
    }

    private static bool Matches(byte[]? candidate, byte[] key) => candidate is not null && candidate.AsSpan().SequenceEqual(key);

    /// <summary>The transactions the address lookup table names for <paramref name="key"/>, decoded (tag collisions included: callers compare keys).</summary>
    private static async Task<List<(long Height, List<UtxoOutput> Outputs, List<UtxoInput> Inputs)>> ReadAddressTxsAsync(
        SqliteConnection connection, SqliteTransaction transaction, byte[] key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = AddressTxsSql;
        command.Parameters.AddWithValue("$tag", KeyTags.AddressTag(key));
        var txs = new List<(long, List<UtxoOutput>, List<UtxoInput>)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var body = (byte[])reader.GetValue(1);
            txs.Add((reader.GetInt64(0), TxBody.ReadOutputs(body), TxBody.ReadInputs(body)));
        }

        return txs;
    }

    private static async Task<SeenAt> ReadSeenAtAsync(SqliteConnection connection, SqliteTransaction transaction, long height, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT time FROM blocks WHERE chain = $chain AND height = $height";
        command.Parameters.AddWithValue("$chain", (long)Chain.Btc);
        command.Parameters.AddWithValue("$height", height);
        var time = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long seconds ? seconds : 0;
        return new SeenAt(height, DateTimeOffset.FromUnixTimeSeconds(time));
    }
}
