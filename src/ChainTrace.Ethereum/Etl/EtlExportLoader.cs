using System.Globalization;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Ethereum.Model;
using ChainTrace.Ethereum.Normalization;
using ChainTrace.Ethereum.Parsing;

namespace ChainTrace.Ethereum.Etl;

/// <summary>
/// Reads the tables of an export into <see cref="EtlExport"/>: the whole export, or (streaming) the blocks of one
/// range from the rows of that range; see <see cref="EthEtlBlockSource"/>.
/// </summary>
internal static class EtlExportLoader
{
    public static async Task<EtlExport> LoadAsync(EtlTables tables, CancellationToken cancellationToken)
    {
        var blocks = await ReadBlocksTableAsync(tables, cancellationToken);
        return await BuildAsync(tables, blocks, path => EtlFileReader.ReadAsync(path, cancellationToken), cancellationToken);
    }

    /// <summary>The blocks table: one row per block (every row of the other tables must belong to one of them), with its transaction_count when given.</summary>
    public static async Task<SortedDictionary<long, (EtlRow Row, long? TxCount)>> ReadBlocksTableAsync(EtlTables tables, CancellationToken cancellationToken)
    {
        var blockRows = new SortedDictionary<long, (EtlRow Row, long? TxCount)>();
        await foreach (var row in EtlFileReader.ReadAsync(tables.Blocks, cancellationToken))
        {
            var number = Int(row, "number");
            if (!blockRows.TryAdd(number, (row, row.Get("transaction_count") is { } count ? EthHex.DecimalInt64(count, row.Location, "transaction_count") : null)))
            {
                throw new MalformedDataException(row.Location, $"block {number} appears twice (first at {blockRows[number].Row.Location})");
            }
        }

        return blockRows;
    }

    /// <summary>
    /// The blocks of <paramref name="blockRows"/> with their transactions, receipts, logs and traces, taken from
    /// <paramref name="rowsOf"/> (the rows of a table file: all of them, or those of the blocks' range).
    /// </summary>
    public static async Task<EtlExport> BuildAsync(
        EtlTables tables, SortedDictionary<long, (EtlRow Row, long? TxCount)> blockRows, Func<string, IAsyncEnumerable<EtlRow>> rowsOf, CancellationToken cancellationToken)
    {
        var txsByBlock = new Dictionary<long, List<RawTransaction>>();
        var txBlock = new Dictionary<Hash32, (long Block, string Location)>();
        var receipts = new Dictionary<Hash32, RawReceipt>();
        var receiptsFromTransactions = false;
        await foreach (var row in rowsOf(tables.Transactions).WithCancellation(cancellationToken))
        {
            var tx = new RawTransaction(
                Hash(row, "hash"),
                checked((int)Int(row, "transaction_index")),
                Address(row, "from_address"),
                OptionalAddress(row, "to_address"),
                EthHex.Decimal(row.Require("value"), row.Location, "value"),
                Int(row, "gas"),
                row.Get("gas_price") is { } price ? EthHex.Decimal(price, row.Location, "gas_price") : null);
            var block = Int(row, "block_number");
            BelongsToExport(tables, blockRows, block, row, $"transaction 0x{tx.Hash}");
            if (!txBlock.TryAdd(tx.Hash, (block, row.Location)))
            {
                throw new MalformedDataException(row.Location, $"transaction 0x{tx.Hash} appears twice (first at {txBlock[tx.Hash].Location})");
            }

            Add(txsByBlock, block, tx);
            if (row.Get("receipt_gas_used") is not null)
            {
                receiptsFromTransactions = true;
                receipts[tx.Hash] = ReadReceipt(row, tx.Hash, "receipt_");
            }
        }

        var hasReceipts = receiptsFromTransactions;
        if (tables.Receipts is { } receiptsFile)
        {
            hasReceipts = true;
            var seen = new Dictionary<Hash32, string>();
            await foreach (var row in rowsOf(receiptsFile).WithCancellation(cancellationToken))
            {
                var hash = Hash(row, "transaction_hash");
                OfKnownTransaction(tables, txBlock, hash, row, "receipt");
                if (!seen.TryAdd(hash, row.Location))
                {
                    throw new MalformedDataException(row.Location, $"the receipt of transaction 0x{hash} appears twice (first at {seen[hash]})");
                }

                receipts[hash] = ReadReceipt(row, hash, string.Empty);
            }
        }

        if (hasReceipts && txBlock.FirstOrDefault(t => !receipts.ContainsKey(t.Key)) is { Value.Location: not null } unreceipted)
        {
            throw new MalformedDataException(
                unreceipted.Value.Location, $"transaction 0x{unreceipted.Key} has no receipt in {Path.GetFileName(tables.Receipts ?? tables.Transactions)}: the export is incomplete");
        }

        var logs = await ReadLogsAsync(tables, rowsOf, txBlock, cancellationToken);
        if (logs.Count > 0 && !hasReceipts)
        {
            throw new MalformedDataException(tables.Directory, "the export has logs or token transfers but no receipts (receipts table or receipt_* columns on transactions): transaction status is unknown");
        }

        foreach (var (hash, list) in logs)
        {
            receipts[hash] = receipts[hash] with { Logs = list.OrderBy(l => l.LogIndex).ToList() };
        }

        var export = new EtlExport { Receipts = hasReceipts ? receipts : null, Traces = await ReadTracesAsync(tables, rowsOf, blockRows, cancellationToken) };
        foreach (var (number, (row, txCount)) in blockRows)
        {
            var withdrawals = new List<RawWithdrawal>();
            if (row.GetJson("withdrawals") is { ValueKind: System.Text.Json.JsonValueKind.Array } ws)
            {
                foreach (var w in ws.EnumerateArray())
                {
                    var wr = new EtlRow($"{row.Location} withdrawal", w);
                    withdrawals.Add(new RawWithdrawal(Int(wr, "index"), Address(wr, "address"), Value(wr, "amount")));
                }
            }

            var transactions = txsByBlock.GetValueOrDefault(number)?.OrderBy(t => t.Index).ToList() ?? [];
            if (txCount is { } announced && announced != transactions.Count)
            {
                throw new MalformedDataException(row.Location, $"block {number} has transaction_count {announced}, but the transactions table holds {transactions.Count} of its transactions");
            }

            for (var i = 1; i < transactions.Count; i++)
            {
                if (transactions[i].Index == transactions[i - 1].Index)
                {
                    throw new MalformedDataException(row.Location, $"block {number} has two transactions at index {transactions[i].Index}: 0x{transactions[i - 1].Hash} and 0x{transactions[i].Hash}");
                }
            }

            export.Blocks.Add(number, new RawBlock(
                number, Hash(row, "hash"), Hash(row, "parent_hash"), Int(row, "timestamp"), OptionalAddress(row, "miner"), transactions, withdrawals));
        }

        return export;
    }

    private static void BelongsToExport<T>(EtlTables tables, SortedDictionary<long, T> blocks, long block, EtlRow row, string what)
    {
        if (!blocks.ContainsKey(block))
        {
            throw new MalformedDataException(row.Location, $"{what} is of block {block}, which is not in the export's blocks table ({Path.GetFileName(tables.Blocks)})");
        }
    }

    private static void OfKnownTransaction(EtlTables tables, Dictionary<Hash32, (long Block, string Location)> transactions, Hash32 hash, EtlRow row, string what)
    {
        if (!transactions.TryGetValue(hash, out var tx))
        {
            throw new MalformedDataException(row.Location, $"{what} of transaction 0x{hash}, which is not in the export's transactions table ({Path.GetFileName(tables.Transactions)})");
        }

        if (row.Get("block_number") is { } text && EthHex.DecimalInt64(text, row.Location, "block_number") != tx.Block)
        {
            throw new MalformedDataException(row.Location, $"{what} says block {text}, but transaction 0x{hash} is of block {tx.Block}");
        }
    }

    private static RawReceipt ReadReceipt(EtlRow row, Hash32 txHash, string prefix)
    {
        bool? status = row.Get(prefix + "status") switch
        {
            null => null,
            "1" => true,
            "0" => false,
            var other => throw new MalformedDataException(row.Location, $"field '{prefix}status' is '{other}', expected 0, 1 or empty"),
        };
        return new RawReceipt(
            txHash, status, Int(row, prefix + "gas_used"),
            row.Get(prefix + "effective_gas_price") is { } price ? EthHex.Decimal(price, row.Location, prefix + "effective_gas_price") : null,
            OptionalAddress(row, prefix + "contract_address"),
            []);
    }

    private static async Task<Dictionary<Hash32, List<RawLog>>> ReadLogsAsync(
        EtlTables tables, Func<string, IAsyncEnumerable<EtlRow>> rowsOf, Dictionary<Hash32, (long Block, string Location)> transactions, CancellationToken cancellationToken)
    {
        var logs = new Dictionary<Hash32, List<RawLog>>();
        var seen = new Dictionary<(Hash32, int), string>();
        void Check(EtlRow row, Hash32 hash, int logIndex, string what)
        {
            OfKnownTransaction(tables, transactions, hash, row, what);
            if (!seen.TryAdd((hash, logIndex), row.Location))
            {
                throw new MalformedDataException(row.Location, $"{what} {logIndex} of transaction 0x{hash} appears twice (first at {seen[(hash, logIndex)]})");
            }
        }

        if (tables.Logs is { } logsFile)
        {
            await foreach (var row in rowsOf(logsFile).WithCancellation(cancellationToken))
            {
                var hash = Hash(row, "transaction_hash");
                var logIndex = checked((int)Int(row, "log_index"));
                Check(row, hash, logIndex, "log");
                var topics = row.GetList("topics").Select((t, i) => EthHex.Hash(t, row.Location, $"topics[{i}]")).ToList();
                Add(logs, hash, new RawLog(
                    logIndex, hash, Address(row, "address"), topics,
                    EthHex.Data(row.Get("data") ?? "0x", row.Location, "data")));
            }
        }
        else if (tables.TokenTransfers is { } transfersFile)
        {
            await foreach (var row in rowsOf(transfersFile).WithCancellation(cancellationToken))
            {
                var hash = Hash(row, "transaction_hash");
                var logIndex = checked((int)Int(row, "log_index"));
                Check(row, hash, logIndex, "token transfer");
                var topics = new List<Hash32> { Erc20TransferDecoder.TransferTopic, Word(Address(row, "from_address")), Word(Address(row, "to_address")) };
                Add(logs, hash, new RawLog(
                    logIndex, hash, Address(row, "token_address"), topics,
                    EthHex.Decimal(row.Require("value"), row.Location, "value").ToBigEndianBytes()));
            }
        }

        return logs;
    }

    private static async Task<Dictionary<long, List<TraceFrame>>?> ReadTracesAsync<T>(
        EtlTables tables, Func<string, IAsyncEnumerable<EtlRow>> rowsOf, SortedDictionary<long, T> blocks, CancellationToken cancellationToken)
    {
        if (tables.Traces is not { } tracesFile)
        {
            return null;
        }

        var traces = new Dictionary<long, List<TraceFrame>>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var row in rowsOf(tracesFile).WithCancellation(cancellationToken))
        {
            var type = row.Require("trace_type") switch
            {
                "call" => TraceFrameType.Call,
                "create" => TraceFrameType.Create,
                "suicide" or "selfdestruct" => TraceFrameType.SelfDestruct,
                "reward" => TraceFrameType.Reward,
                var other => throw new MalformedDataException(row.Location, $"unknown trace_type '{other}'"),
            };
            var address = row.GetList("trace_address")
                .Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new MalformedDataException(row.Location, $"trace_address element '{p}' is not a number"))
                .ToList();
            long? txIndex = row.Get("transaction_index") is { } ti ? EthHex.DecimalInt64(ti, row.Location, "transaction_index") : null;
            var txHash = row.Get("transaction_hash") is { } th ? EthHex.Hash(th, row.Location, "transaction_hash") : (Hash32?)null;
            var block = Int(row, "block_number");
            BelongsToExport(tables, blocks, block, row, "trace");
            var frame = new TraceFrame(
                type == TraceFrameType.Reward ? null : (int?)txIndex, txHash, address, type,
                row.Get("call_type") ?? row.Get("reward_type"),
                OptionalAddress(row, "from_address"),
                OptionalAddress(row, "to_address"),
                row.Get("value") is { } v ? EthHex.Decimal(v, row.Location, "value") : null,
                row.Get("error"));

            // Rewards have no transaction or position, so they are told apart by what they pay.
            var key = string.Create(CultureInfo.InvariantCulture, $"{block}/{txHash?.ToString() ?? txIndex?.ToString(CultureInfo.InvariantCulture)}/{frame.Position}/{type}/{frame.To}/{frame.Value}");
            if (!seen.TryAdd(key, row.Location))
            {
                throw new MalformedDataException(row.Location, $"trace {frame.Position} of block {block} appears twice (first at {seen[key]})");
            }

            Add(traces, block, frame);
        }

        return traces;
    }

    private static Hash32 Word(EthAddress address)
    {
        Span<byte> word = stackalloc byte[32];
        address.Key.CopyTo(word[12..]);
        return new Hash32(word);
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }

    private static long Int(EtlRow row, string field) => EthHex.DecimalInt64(row.Require(field), row.Location, field);

    private static UInt256 Value(EtlRow row, string field) => EthHex.Decimal(row.Require(field), row.Location, field);

    private static Hash32 Hash(EtlRow row, string field) => EthHex.Hash(row.Require(field), row.Location, field);

    private static EthAddress Address(EtlRow row, string field) => EthHex.Address(row.Require(field), row.Location, field);

    private static EthAddress? OptionalAddress(EtlRow row, string field) => EthHex.OptionalAddress(row.Get(field), row.Location, field);
}
