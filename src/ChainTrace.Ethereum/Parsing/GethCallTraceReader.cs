using System.Text.Json;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Ethereum.Model;
using static ChainTrace.Ethereum.Parsing.JsonFields;

namespace ChainTrace.Ethereum.Parsing;

/// <summary>
/// Reads geth <c>debug_traceBlockByNumber</c> with <c>callTracer</c>: one call tree per transaction, in block
/// order, flattened with Parity-style trace addresses so both tracers give the same frames. CALLCODE runs the
/// callee's code in the caller's account, so its value stays with the caller: the frame's recipient is the
/// caller (as Parity reports it), not the code address geth puts in <c>to</c>.
/// </summary>
public static class GethCallTraceReader
{
    public static IReadOnlyList<TraceFrame> Read(JsonElement traces, string location)
    {
        if (traces.ValueKind != JsonValueKind.Array)
        {
            throw new MalformedDataException(location, $"expected an array of transaction traces, got {traces.ValueKind}");
        }

        var frames = new List<TraceFrame>();
        var i = 0;
        foreach (var item in traces.EnumerateArray())
        {
            var at = $"{location} tx {i}";
            if (Optional(item, "error") is { } err && Optional(item, "result") is null)
            {
                throw new MalformedDataException(at, $"the node could not trace the transaction: {err.GetRawText()}");
            }

            var root = Optional(item, "result") ?? item;
            var txHashText = Text(Optional(item, "txHash"), at, "txHash");
            Hash32? txHash = txHashText is null ? null : EthHex.Hash(txHashText, at, "txHash");
            Flatten(root, i, txHash, [], parentTo: null, frames, at);
            i++;
        }

        return frames;
    }

    private static void Flatten(JsonElement frame, int txIndex, Hash32? txHash, List<int> address, Core.Addresses.EthAddress? parentTo, List<TraceFrame> output, string location)
    {
        var at = address.Count == 0 ? location : $"{location} frame {string.Join('_', address)}";
        var type = Text(Optional(frame, "type"), at, "type")?.ToUpperInvariant();
        var error = Text(Optional(frame, "error"), at, "error");
        var from = OptionalAddress(Optional(frame, "from"), at, "from");
        var to = OptionalAddress(Optional(frame, "to"), at, "to");
        var value = OptionalQuantity(Optional(frame, "value"), at, "value");
        var snapshot = address.ToArray();
        var converted = type switch
        {
            "CALL" or "STATICCALL" or "DELEGATECALL" => new TraceFrame(txIndex, txHash, snapshot, TraceFrameType.Call, type.ToLowerInvariant(), from, to, value, error),
            "CALLCODE" => new TraceFrame(txIndex, txHash, snapshot, TraceFrameType.Call, "callcode", from, from, value, error),
            "CREATE" or "CREATE2" => new TraceFrame(txIndex, txHash, snapshot, TraceFrameType.Create, type.ToLowerInvariant(), from, error is null ? to : null, value, error),
            "SELFDESTRUCT" or "SUICIDE" => new TraceFrame(txIndex, txHash, snapshot, TraceFrameType.SelfDestruct, null, from ?? parentTo, to, value, error),
            _ => throw new MalformedDataException(at, $"unknown call frame type '{type}'"),
        };
        output.Add(converted);

        if (Optional(frame, "calls") is { } calls)
        {
            var child = 0;
            foreach (var call in calls.EnumerateArray())
            {
                address.Add(child++);
                Flatten(call, txIndex, txHash, address, to, output, location);
                address.RemoveAt(address.Count - 1);
            }
        }
    }
}
