using Microsoft.Extensions.Logging;

namespace ChainTrace.Ethereum.Rpc;

internal static partial class EthRpcLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "{Source} has no eth_getBlockReceipts; fetching receipts per transaction")]
    public static partial void NoBlockReceipts(ILogger logger, string source);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "{Source}: internal transfers from {Tracer} traces")]
    public static partial void TracerChosen(ILogger logger, string source, TraceMode tracer);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "{Source} offers neither trace_block nor debug_traceBlockByNumber: no internal transfers")]
    public static partial void NoTracer(ILogger logger, string source);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "RPC {Endpoint} {Problem}; retry {Attempt} of {Max} in {Delay}")]
    public static partial void Retrying(ILogger logger, Uri endpoint, string problem, int attempt, int max, TimeSpan delay);
}
