using ChainTrace.Core.Primitives;
using ChainTrace.Ethereum.Model;

namespace ChainTrace.Ethereum.Etl;

/// <summary>An export directory read into memory, grouped by block number.</summary>
internal sealed class EtlExport
{
    public SortedDictionary<long, RawBlock> Blocks { get; } = [];

    /// <summary>Null when the export has neither a receipts table nor receipt columns on transactions.</summary>
    public Dictionary<Hash32, RawReceipt>? Receipts { get; set; }

    public Dictionary<long, List<TraceFrame>>? Traces { get; set; }
}
