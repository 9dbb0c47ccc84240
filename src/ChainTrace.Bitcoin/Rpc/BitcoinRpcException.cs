namespace ChainTrace.Bitcoin.Rpc;

/// <summary>The node answered a call with a JSON-RPC error (e.g. -8 invalid parameter, -5 not found).</summary>
public sealed class BitcoinRpcException(string method, int code, string rpcMessage)
    : Core.Ports.SourceFailureException($"bitcoin RPC {method} failed with error {code}: {rpcMessage}")
{
    public string Method { get; } = method;

    public int Code { get; } = code;

    public string RpcMessage { get; } = rpcMessage;
}
