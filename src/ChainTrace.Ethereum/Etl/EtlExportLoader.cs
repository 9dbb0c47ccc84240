using System.Globalization;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Ethereum.Model;
using ChainTrace.Ethereum.Normalization;
using ChainTrace.Ethereum.Parsing;

namespace ChainTrace.Ethereum.Etl;

/// <summary>Reads the tables of an export directory into <see cref="EtlExport"/>; see <see cref="EthEtlBlockSource"/>.</summary>
internal static class EtlExportLoader
{
    public static async Task<EtlExport> LoadAsync(string directory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"ETL export directory {directory} does not exist");
        }

        var blocksFile = EtlFileReader.Find(directory, "blocks")
            ?? throw new MalformedDataException(directory, "no blocks.json or blocks.csv in the export");
        var txFile = EtlFileReader.Find(directory, "transactions")
            ?? throw new MalformedDataException(directory, "no transactions.json or transactions.csv in the export");

        var txsByBlock = new Dictionary<long, List<RawTransaction>>();
        var receipts = new Dictionary<Hash32, RawReceipt>();
        var receiptsFromTransactions = false;
        await foreach (var row in EtlFileReader.ReadAsync(txFile, cancellationToken))
        {
            var tx = new RawTransaction(
                Hash(row, "hash"),
                checked((int)Int(row, "transaction_index")),
                Address(row, "from_address"),
                OptionalAddress(row, "to_address"),
                EthHex.Decimal(row.Require("value"), row.Location, "value"),
                Int(row, "gas"),
                row.Get("gas_price") is { } price ? EthHex.Decimal(price, row.Location, "gas_price") : null);
            Add(txsByBlock, Int(row, "block_number"), tx);
            if (row.Get("receipt_gas_used") is not null)
            {
                receiptsFromTransactions = true;
                receipts[tx.Hash] = ReadReceipt(row, tx.Hash, "receipt_");
            }
        }

        var hasReceipts = receiptsFromTransactions;
        if (EtlFileReader.Find(directory, "receipts") is { } receiptsFile)
        {
            hasReceipts = true;
            await foreach (var row in EtlFileReader.ReadAsync(receiptsFile, cancellationToken))
            {
                var hash = Hash(row, "transaction_hash");
                receipts[hash] = ReadReceipt(row, hash, string.Empty);
            }
        }

        var logs = await ReadLogsAsync(directory, cancellationToken);
        if (logs.Count > 0 && !hasReceipts)
        {
            throw new MalformedDataException(directory, "the export has logs or token transfers but no receipts (receipts table or receipt_* columns on transactions): transaction status is unknown");
        }

        foreach (var (hash, list) in logs)
        {
            if (!receipts.TryGetValue(hash, out var receipt))
            {
                throw new MalformedDataException(directory, $"logs of transaction 0x{hash} have no receipt");
            }

            receipts[hash] = receipt with { Logs = list.OrderBy(l => l.LogIndex).ToList() };
        }

        var export = new EtlExport { Receipts = hasReceipts ? receipts : null, Traces = await ReadTracesAsync(directory, cancellationToken) };
        await foreach (var row in EtlFileReader.ReadAsync(blocksFile, cancellationToken))
        {
            var number = Int(row, "number");
            var withdrawals = new List<RawWithdrawal>();
            if (row.GetJson("withdrawals") is { ValueKind: System.Text.Json.JsonValueKind.Array } ws)
            {
                foreach (var w in ws.EnumerateArray())
                {
                    var wr = new EtlRow($"{row.Location} withdrawal", w);
                    withdrawals.Add(new RawWithdrawal(Int(wr, "index"), Address(wr, "address"), Value(wr, "amount")));
                }
            }

            var block = new RawBlock(
                number, Hash(row, "hash"), Hash(row, "parent_hash"), Int(row, "timestamp"), OptionalAddress(row, "miner"),
                txsByBlock.GetValueOrDefault(number)?.OrderBy(t => t.Index).ToList() ?? [],
                withdrawals);
            if (!export.Blocks.TryAdd(number, block))
            {
                throw new MalformedDataException(row.Location, $"block {number} appears twice");
            }
        }

        return export;
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

    private static async Task<Dictionary<Hash32, List<RawLog>>> ReadLogsAsync(string directory, CancellationToken cancellationToken)
    {
        var logs = new Dictionary<Hash32, List<RawLog>>();
        if (EtlFileReader.Find(directory, "logs") is { } logsFile)
        {
            await foreach (var row in EtlFileReader.ReadAsync(logsFile, cancellationToken))
            {
                var hash = Hash(row, "transaction_hash");
                var topics = row.GetList("topics").Select((t, i) => EthHex.Hash(t, row.Location, $"topics[{i}]")).ToList();
                Add(logs, hash, new RawLog(
                    checked((int)Int(row, "log_index")), hash, Address(row, "address"), topics,
                    EthHex.Data(row.Get("data") ?? "0x", row.Location, "data")));
            }
        }
        else if (EtlFileReader.Find(directory, "token_transfers") is { } transfersFile)
        {
            await foreach (var row in EtlFileReader.ReadAsync(transfersFile, cancellationToken))
            {
                var hash = Hash(row, "transaction_hash");
                var topics = new List<Hash32> { Erc20TransferDecoder.TransferTopic, Word(Address(row, "from_address")), Word(Address(row, "to_address")) };
                Add(logs, hash, new RawLog(
                    checked((int)Int(row, "log_index")), hash, Address(row, "token_address"), topics,
                    EthHex.Decimal(row.Require("value"), row.Location, "value").ToBigEndianBytes()));
            }
        }

        return logs;
    }

    private static async Task<Dictionary<long, List<TraceFrame>>?> ReadTracesAsync(string directory, CancellationToken cancellationToken)
    {
        if (EtlFileReader.Find(directory, "traces") is not { } tracesFile)
        {
            return null;
        }

        var traces = new Dictionary<long, List<TraceFrame>>();
        await foreach (var row in EtlFileReader.ReadAsync(tracesFile, cancellationToken))
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
            Add(traces, Int(row, "block_number"), new TraceFrame(
                type == TraceFrameType.Reward ? null : (int?)txIndex, txHash, address, type,
                row.Get("call_type") ?? row.Get("reward_type"),
                OptionalAddress(row, "from_address"),
                OptionalAddress(row, "to_address"),
                row.Get("value") is { } v ? EthHex.Decimal(v, row.Location, "value") : null,
                row.Get("error")));
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
