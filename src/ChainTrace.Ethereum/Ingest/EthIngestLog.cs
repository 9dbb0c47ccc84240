using Microsoft.Extensions.Logging;

namespace ChainTrace.Ethereum.Ingest;

internal static partial class EthIngestLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Warning, Message = "{Source}: reorg, the stored chain up to {StoreTip} forks after {ForkHeight}; rolling back")]
    public static partial void Reorg(ILogger logger, string source, long storeTip, long forkHeight);
}
