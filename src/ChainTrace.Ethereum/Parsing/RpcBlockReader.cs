using System.Text.Json;
using ChainTrace.Core.Ports;
using ChainTrace.Ethereum.Model;
using static ChainTrace.Ethereum.Parsing.JsonFields;

namespace ChainTrace.Ethereum.Parsing;

/// <summary>Reads <c>eth_getBlockByNumber(n, true)</c> results and receipts into the raw model.</summary>
public static class RpcBlockReader
{
    public static RawBlock ReadBlock(JsonElement block, string location)
    {
        if (block.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedDataException(location, $"expected a block object, got {block.ValueKind}");
        }

        var number = Int64(Optional(block, "number"), location, "number");
        location = $"{location} block {number}";
        var txs = new List<RawTransaction>();
        if (Optional(block, "transactions") is { } list)
        {
            var i = 0;
            foreach (var tx in list.EnumerateArray())
            {
                if (tx.ValueKind == JsonValueKind.String)
                {
                    throw new MalformedDataException(location, "transactions are hashes only: the block must be requested with full transaction objects");
                }

                txs.Add(ReadTransaction(tx, i++, $"{location} tx {i - 1}"));
            }
        }

        var withdrawals = new List<RawWithdrawal>();
        if (Optional(block, "withdrawals") is { } ws)
        {
            var i = 0;
            foreach (var w in ws.EnumerateArray())
            {
                var at = $"{location} withdrawal {i++}";
                withdrawals.Add(new RawWithdrawal(
                    Int64(Optional(w, "index"), at, "index"),
                    Address(Optional(w, "address"), at, "address"),
                    Quantity(Optional(w, "amount"), at, "amount")));
            }
        }

        return new RawBlock(
            number,
            Hash(Optional(block, "hash"), location, "hash"),
            Hash(Optional(block, "parentHash"), location, "parentHash"),
            Int64(Optional(block, "timestamp"), location, "timestamp"),
            OptionalAddress(Optional(block, "miner"), location, "miner"),
            txs,
            withdrawals);
    }

    public static RawTransaction ReadTransaction(JsonElement tx, int position, string location)
    {
        var index = OptionalInt64(Optional(tx, "transactionIndex"), location, "transactionIndex") ?? position;
        return new RawTransaction(
            Hash(Optional(tx, "hash"), location, "hash"),
            checked((int)index),
            Address(Optional(tx, "from"), location, "from"),
            OptionalAddress(Optional(tx, "to"), location, "to"),
            Quantity(Optional(tx, "value"), location, "value"),
            Int64(Optional(tx, "gas"), location, "gas"),
            OptionalQuantity(Optional(tx, "gasPrice"), location, "gasPrice"));
    }

    public static IReadOnlyList<RawReceipt> ReadReceipts(JsonElement receipts, string location)
    {
        if (receipts.ValueKind != JsonValueKind.Array)
        {
            throw new MalformedDataException(location, $"expected an array of receipts, got {receipts.ValueKind}");
        }

        var list = new List<RawReceipt>(receipts.GetArrayLength());
        var i = 0;
        foreach (var r in receipts.EnumerateArray())
        {
            list.Add(ReadReceipt(r, $"{location} receipt {i++}"));
        }

        return list;
    }

    public static RawReceipt ReadReceipt(JsonElement receipt, string location)
    {
        if (receipt.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedDataException(location, $"expected a receipt object, got {receipt.ValueKind}");
        }

        var txHash = Hash(Optional(receipt, "transactionHash"), location, "transactionHash");
        var logs = new List<RawLog>();
        if (Optional(receipt, "logs") is { } ls)
        {
            var i = 0;
            foreach (var log in ls.EnumerateArray())
            {
                logs.Add(ReadLog(log, $"{location} log {i++}"));
            }
        }

        bool? status = OptionalInt64(Optional(receipt, "status"), location, "status") switch
        {
            null => null,
            0 => false,
            1 => true,
            var other => throw new MalformedDataException(location, $"field 'status' is {other}, expected 0 or 1"),
        };

        return new RawReceipt(
            txHash,
            status,
            Int64(Optional(receipt, "gasUsed"), location, "gasUsed"),
            OptionalQuantity(Optional(receipt, "effectiveGasPrice"), location, "effectiveGasPrice"),
            OptionalAddress(Optional(receipt, "contractAddress"), location, "contractAddress"),
            logs);
    }

    public static RawLog ReadLog(JsonElement log, string location)
    {
        var topics = new List<Core.Primitives.Hash32>();
        if (Optional(log, "topics") is { } ts)
        {
            var i = 0;
            foreach (var t in ts.EnumerateArray())
            {
                topics.Add(Hash(t, location, $"topics[{i++}]"));
            }
        }

        return new RawLog(
            checked((int)Int64(Optional(log, "logIndex"), location, "logIndex")),
            Hash(Optional(log, "transactionHash"), location, "transactionHash"),
            Address(Optional(log, "address"), location, "address"),
            topics,
            EthHex.Data(Text(Optional(log, "data"), location, "data") ?? "0x", location, "data"));
    }
}
