using System.Text.Json;

namespace ChainTrace.Ethereum.Rpc;

/// <summary>The answers to one batch, in call order. Elements live as long as this object.</summary>
public sealed class RpcBatchResponse(JsonDocument document, IReadOnlyList<RpcCall> calls, JsonElement[] items) : IDisposable
{
    public int Count => items.Length;

    public RpcCall Call(int index) => calls[index];

    /// <summary>The error object of a call, or null when it has a result.</summary>
    public EthRpcException? Error(int index)
    {
        if (!items[index].TryGetProperty("error", out var error) || error.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        int? code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : null;
        var message = error.TryGetProperty("message", out var m) ? m.ToString() : error.GetRawText();
        return new EthRpcException($"{calls[index]} failed: {message} (code {code})", code);
    }

    /// <summary>The result of a call; throws the node's error when it answered with one.</summary>
    public JsonElement Result(int index) =>
        Error(index) is { } error ? throw error
        : items[index].TryGetProperty("result", out var result) ? result
        : throw new EthRpcException($"{calls[index]}: the answer has neither result nor error");

    public void Dispose() => document.Dispose();
}
