using System.Text.Json;
using ChainTrace.Core.Ports;
using ChainTrace.Ethereum.Model;
using static ChainTrace.Ethereum.Parsing.JsonFields;

namespace ChainTrace.Ethereum.Parsing;

/// <summary>
/// Reads Parity/OpenEthereum/Erigon/Anvil <c>trace_block</c> results. Also accepts the snake_case re-keying
/// mev-inspect-py stores (<c>trace_address</c>, <c>transaction_position</c>, …).
/// </summary>
public static class ParityTraceReader
{
    public static IReadOnlyList<TraceFrame> Read(JsonElement traces, string location)
    {
        if (traces.ValueKind != JsonValueKind.Array)
        {
            throw new MalformedDataException(location, $"expected an array of traces, got {traces.ValueKind}");
        }

        var frames = new List<TraceFrame>(traces.GetArrayLength());
        var i = 0;
        foreach (var trace in traces.EnumerateArray())
        {
            frames.Add(ReadOne(trace, $"{location} trace {i++}"));
        }

        return frames;
    }

    private static TraceFrame ReadOne(JsonElement trace, string location)
    {
        var type = Text(Optional(trace, "type"), location, "type");
        var action = Required(trace, "action", location);
        var result = Optional(trace, "result");
        var error = Text(Optional(trace, "error"), location, "error");
        var txIndex = OptionalInt64(Optional(trace, "transactionPosition", "transaction_position"), location, "transactionPosition");
        var txHashText = Text(Optional(trace, "transactionHash", "transaction_hash"), location, "transactionHash");
        var txHash = txHashText is null ? (Core.Primitives.Hash32?)null : EthHex.Hash(txHashText, location, "transactionHash");
        var address = new List<int>();
        if (Optional(trace, "traceAddress", "trace_address") is { } ta)
        {
            foreach (var n in ta.EnumerateArray())
            {
                address.Add(n.GetInt32());
            }
        }

        var tx = txIndex is null ? (int?)null : checked((int)txIndex.Value);
        return type switch
        {
            "call" => new TraceFrame(
                tx, txHash, address, TraceFrameType.Call,
                Text(Optional(action, "callType"), location, "action.callType"),
                Address(Optional(action, "from"), location, "action.from"),
                Address(Optional(action, "to"), location, "action.to"),
                Quantity(Optional(action, "value"), location, "action.value"),
                error),
            "create" => new TraceFrame(
                tx, txHash, address, TraceFrameType.Create,
                Text(Optional(action, "creationMethod"), location, "action.creationMethod") ?? "create",
                Address(Optional(action, "from"), location, "action.from"),
                result is { } r ? OptionalAddress(Optional(r, "address"), location, "result.address") : null,
                Quantity(Optional(action, "value"), location, "action.value"),
                error),
            "suicide" or "selfdestruct" => new TraceFrame(
                tx, txHash, address, TraceFrameType.SelfDestruct, null,
                Address(Optional(action, "address"), location, "action.address"),
                Address(Optional(action, "refundAddress"), location, "action.refundAddress"),
                Quantity(Optional(action, "balance"), location, "action.balance"),
                error),
            "reward" => new TraceFrame(
                null, null, address, TraceFrameType.Reward,
                Text(Optional(action, "rewardType"), location, "action.rewardType"),
                null,
                Address(Optional(action, "author"), location, "action.author"),
                Quantity(Optional(action, "value"), location, "action.value"),
                null),
            _ => throw new MalformedDataException(location, $"unknown trace type '{type}'"),
        };
    }
}
