using System.Numerics;
using ChainTrace.Core.Account;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Queries;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite;

public sealed partial class SqliteGraphStore
{
    /// <summary>The account-chain view of a transaction (the UTXO overload of GetTransactionAsync has the same signature).</summary>
    Task<AccountTransactionView?> IAccountGraphStore.GetTransactionAsync(Hash32 txHash, CancellationToken cancellationToken) =>
        GetAccountTransactionAsync(txHash, cancellationToken);

    public async Task<AccountTransactionView?> GetAccountTransactionAsync(Hash32 txHash, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        {
            EthTransactionInfo info;
            long height;
            Hash32 blockHash;
            DateTimeOffset time;
            bool traced;
            await using (var command = ReadCommand(connection, 
                "SELECT t.tx_index, t.from_addr, t.to_addr, t.created, t.value, t.succeeded, t.gas, t.gas_used, t.fee, t.height, b.hash, b.time, " +
                "EXISTS (SELECT 1 FROM eth_untraced_blocks u WHERE u.height = t.height) " +
                "FROM eth_transactions t JOIN blocks b ON b.chain = 2 AND b.height = t.height WHERE t.hash = $h"))
            {
                command.Parameters.AddWithValue("$h", txHash.ToArray());
                await using var r = await command.ExecuteReaderAsync(cancellationToken);
                if (!await r.ReadAsync(cancellationToken))
                {
                    return null;
                }

                info = new EthTransactionInfo(
                    txHash, r.GetInt32(0), Addr(r, 1)!, Addr(r, 2), Addr(r, 3), Value(r, 4),
                    r.IsDBNull(5) ? null : r.GetInt64(5) == 1, r.GetInt64(6), r.IsDBNull(7) ? null : r.GetInt64(7),
                    r.IsDBNull(8) ? null : Value(r, 8));
                height = r.GetInt64(9);
                blockHash = ReadHash(r, 10);
                time = DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(11));
                traced = r.GetInt64(12) == 0;
            }

            var transfers = new List<Transfer>();
            await using (var command = ReadCommand(connection, "SELECT kind, position, token, from_addr, to_addr, value FROM eth_transfers WHERE tx_hash = $h ORDER BY id"))
            {
                command.Parameters.AddWithValue("$h", txHash.ToArray());
                await using var r = await command.ExecuteReaderAsync(cancellationToken);
                while (await r.ReadAsync(cancellationToken))
                {
                    transfers.Add(new Transfer(
                        (TransferKind)r.GetInt64(0), AssetOf(r, 2), Addr(r, 3)!, Addr(r, 4)!, Value(r, 5), txHash, r.GetString(1)));
                }
            }

            return new AccountTransactionView(info, height, blockHash, time, transfers, traced);
        }
    }

    /// <summary>
    /// Totals per asset over the stored transfers. For native ETH the balance also subtracts the fees the address
    /// paid as a transaction sender; it is null when the stored history cannot explain the address's funds (the
    /// result would be negative: genesis allocations, ingestion started above the address's first block, or
    /// priority fees earned as a block producer, which are not transfers).
    /// </summary>
    public async Task<AddressSummary?> GetAddressSummaryAsync(EthAddress address, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        {
            var key = address.KeyToArray();
            var totals = new Dictionary<string, (Asset Asset, BigInteger Received, BigInteger Sent)>();
            var txs = new HashSet<string>();
            long first = long.MaxValue, last = long.MinValue;
            await using (var command = ReadCommand(connection, 
                "SELECT token, value, 1, height, tx_hash, kind, position FROM eth_transfers WHERE to_addr = $a " +
                "UNION ALL SELECT token, value, 0, height, tx_hash, kind, position FROM eth_transfers WHERE from_addr = $a"))
            {
                command.Parameters.AddWithValue("$a", key);
                await using var r = await command.ExecuteReaderAsync(cancellationToken);
                while (await r.ReadAsync(cancellationToken))
                {
                    var asset = AssetOf(r, 0);
                    var name = asset.ToString();
                    var value = Value(r, 1).ToBigInteger();
                    var entry = totals.TryGetValue(name, out var found) ? found : (Asset: asset, Received: BigInteger.Zero, Sent: BigInteger.Zero);
                    totals[name] = r.GetInt64(2) == 1 ? entry with { Received = entry.Received + value } : entry with { Sent = entry.Sent + value };
                    var height = r.GetInt64(3);
                    first = Math.Min(first, height);
                    last = Math.Max(last, height);
                    txs.Add(r.IsDBNull(4) ? $"{height}/{r.GetInt64(5)}/{r.GetString(6)}" : Convert.ToHexString((byte[])r.GetValue(4)));
                }
            }

            var fees = BigInteger.Zero;
            await using (var command = ReadCommand(connection, "SELECT hash, fee, height FROM eth_transactions WHERE from_addr = $a"))
            {
                command.Parameters.AddWithValue("$a", key);
                await using var r = await command.ExecuteReaderAsync(cancellationToken);
                while (await r.ReadAsync(cancellationToken))
                {
                    txs.Add(Convert.ToHexString((byte[])r.GetValue(0)));
                    fees += r.IsDBNull(1) ? BigInteger.Zero : Value(r, 1).ToBigInteger();
                    first = Math.Min(first, r.GetInt64(2));
                    last = Math.Max(last, r.GetInt64(2));
                }
            }

            if (txs.Count == 0)
            {
                return null;
            }

            if (fees > 0 && !totals.ContainsKey(Asset.Eth.ToString()))
            {
                totals[Asset.Eth.ToString()] = (Asset.Eth, BigInteger.Zero, BigInteger.Zero);
            }

            var list = totals.Values
                .OrderBy(t => t.Asset.IsNative ? 0 : 1).ThenBy(t => t.Asset.ToString(), StringComparer.Ordinal)
                .Select(t =>
                {
                    var balance = t.Received - t.Sent - (t.Asset.IsNative ? fees : BigInteger.Zero);
                    var exact = t.Received <= Max && t.Sent <= Max;
                    return new AssetTotals(t.Asset, Saturate(t.Received), Saturate(t.Sent),
                        exact && balance.Sign >= 0 ? UInt256.FromBigInteger(balance) : null, 0);
                })
                .ToList();
            return new AddressSummary(address, await SeenAtAsync(connection, first, cancellationToken), await SeenAtAsync(connection, last, cancellationToken), txs.Count, list);
        }
    }

    public async Task<NeighbourPage> GetNeighboursAsync(EthAddress address, FlowDirection direction, int limit, NeighbourCursor? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (limit <= 0)
        {
            return new NeighbourPage([], null);
        }

        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        {
            // The cursor is a transfer id: a page reads the address's transfers in id order, at most the scan limit.
            var sql = direction == FlowDirection.Out
                ? "SELECT id, to_addr, token, value, tx_hash, height, position FROM eth_transfers WHERE from_addr = $a AND id >= $from ORDER BY id LIMIT $limit"
                : "SELECT id, from_addr, token, value, tx_hash, height, position FROM eth_transfers WHERE to_addr = $a AND id >= $from ORDER BY id LIMIT $limit";
            var groups = new Dictionary<(string, string), (EthAddress Address, Asset Asset, BigInteger Value, HashSet<string> Txs, long First, long Last)>();
            NeighbourCursor? next = null;
            var scanned = 0;
            await using var command = ReadCommand(connection, sql);
            command.Parameters.AddWithValue("$a", address.KeyToArray());
            command.Parameters.AddWithValue("$from", after?.Item ?? 0);
            command.Parameters.AddWithValue("$limit", NeighbourScanLimit + 1);
            await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = r.GetInt64(0);
                var neighbour = Addr(r, 1)!;
                var asset = AssetOf(r, 2);
                var key = (neighbour.ToString(), asset.ToString());
                if (!groups.TryGetValue(key, out var g))
                {
                    if (++scanned > NeighbourScanLimit || groups.Count == limit)
                    {
                        next = new NeighbourCursor(id, 0);
                        break;
                    }

                    g = (neighbour, asset, BigInteger.Zero, [], long.MaxValue, long.MinValue);
                }
                else if (++scanned > NeighbourScanLimit)
                {
                    next = new NeighbourCursor(id, 0);
                    break;
                }

                g.Txs.Add(r.IsDBNull(4) ? $"{r.GetInt64(5)}/{r.GetString(6)}" : Convert.ToHexString((byte[])r.GetValue(4)));
                var height = r.GetInt64(5);
                groups[key] = g with { Value = g.Value + Value(r, 3).ToBigInteger(), First = Math.Min(g.First, height), Last = Math.Max(g.Last, height) };
            }

            await r.DisposeAsync().ConfigureAwait(false);
            var times = await SeenAtAsync(connection, groups.Values.SelectMany(g => new[] { g.First, g.Last }).Distinct().ToList(), cancellationToken).ConfigureAwait(false);

            var neighbours = groups.Values
                .OrderByDescending(g => g.Txs.Count).ThenByDescending(g => g.Value).ThenBy(g => g.Address.ToString(), StringComparer.Ordinal)
                .Select(g => new AddressNeighbour(g.Address, g.Asset, Saturate(g.Value), g.Txs.Count, times[g.First], times[g.Last]))
                .ToList();
            return new NeighbourPage(neighbours, next, await CountNeighboursAsync(connection, address, direction, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Distinct (counterparty, asset) entries over all of the address's transfers: the neighbours API's total.</summary>
    private static async Task<int> CountNeighboursAsync(SqliteConnection connection, EthAddress address, FlowDirection direction, CancellationToken cancellationToken)
    {
        var sql = direction == FlowDirection.Out
            ? "SELECT COUNT(*) FROM (SELECT DISTINCT to_addr, token FROM eth_transfers WHERE from_addr = $a)"
            : "SELECT COUNT(*) FROM (SELECT DISTINCT from_addr, token FROM eth_transfers WHERE to_addr = $a)";
        await using var command = ReadCommand(connection, sql);
        command.Parameters.AddWithValue("$a", address.KeyToArray());
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The block times of <paramref name="heights"/>, in one query (a height the store lacks gets time 0, as <see cref="SeenAtAsync(SqliteConnection, long, CancellationToken)"/> gives).</summary>
    private static async Task<Dictionary<long, SeenAt>> SeenAtAsync(SqliteConnection connection, List<long> heights, CancellationToken cancellationToken)
    {
        var times = heights.ToDictionary(h => h, h => new SeenAt(h, DateTimeOffset.FromUnixTimeSeconds(0)));
        if (heights.Count == 0)
        {
            return times;
        }

        await using var command = ReadCommand(connection, "SELECT height, time FROM blocks WHERE chain = 2 AND height IN (SELECT value FROM json_each($hs))");
        command.Parameters.AddWithValue("$hs", "[" + string.Join(',', heights.Select(h => h.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]");
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            times[r.GetInt64(0)] = new SeenAt(r.GetInt64(0), DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(1)));
        }

        return times;
    }

    private static async Task<SeenAt> SeenAtAsync(SqliteConnection connection, long height, CancellationToken cancellationToken)
    {
        await using var command = ReadCommand(connection, "SELECT time FROM blocks WHERE chain = 2 AND height = $h");
        command.Parameters.AddWithValue("$h", height);
        var time = await command.ExecuteScalarAsync(cancellationToken) is long t ? t : 0;
        return new SeenAt(height, DateTimeOffset.FromUnixTimeSeconds(time));
    }

    private static readonly BigInteger Max = UInt256.MaxValue.ToBigInteger();

    /// <summary>
    /// Fake tokens emit Transfer events of any size, so a sum can pass 2^256 − 1; it is reported as the maximum
    /// (and the balance as unknown) rather than failing the whole summary.
    /// </summary>
    private static UInt256 Saturate(BigInteger value) => value > Max ? UInt256.MaxValue : UInt256.FromBigInteger(value);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Every caller passes constant SQL; values are always bound parameters.")]
    private static SqliteCommand ReadCommand(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static Hash32 ReadHash(SqliteDataReader reader, int ordinal) => new((byte[])reader.GetValue(ordinal));

    private static EthAddress? Addr(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : EthAddress.FromBytes((byte[])reader.GetValue(ordinal));

    private static UInt256 Value(SqliteDataReader reader, int ordinal) => UInt256.FromBigEndianBytes((byte[])reader.GetValue(ordinal));

    private static Asset AssetOf(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? Asset.Eth : Asset.Erc20(EthAddress.FromBytes((byte[])reader.GetValue(ordinal)));
}
