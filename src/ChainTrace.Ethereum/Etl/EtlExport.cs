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

    /// <summary>Transactions, receipts, logs and traces held.</summary>
    public int RowCount =>
        Blocks.Values.Sum(b => b.Transactions.Count) + (Receipts?.Values.Sum(r => 1 + r.Logs.Count) ?? 0) + (Traces?.Values.Sum(t => t.Count) ?? 0);
}
