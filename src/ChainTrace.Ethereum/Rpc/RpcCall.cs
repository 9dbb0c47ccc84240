namespace ChainTrace.Ethereum.Rpc;

/// <param name="Params">Serialized with System.Text.Json: strings, numbers, booleans, dictionaries.</param>
public sealed record RpcCall(string Method, params object[] Params)
{
    public override string ToString() => $"{Method}({string.Join(", ", Params)})";
}
