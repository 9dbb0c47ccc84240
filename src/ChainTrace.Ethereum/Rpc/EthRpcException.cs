namespace ChainTrace.Ethereum.Rpc;

/// <summary>The node could not be reached, answered with an error, or answered with something that is not JSON-RPC.</summary>
public sealed class EthRpcException(string message, int? code = null, Exception? inner = null) : Core.Ports.SourceFailureException(message, inner)
{
    /// <summary>The JSON-RPC error code when the node answered with an error object.</summary>
    public int? Code { get; } = code;

    public const int MethodNotFound = -32601;
}
