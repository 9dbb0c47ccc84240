using ChainTrace.Core.Ports;

namespace ChainTrace.Core.Ingest;

/// <summary>Totals of one UTXO ingest run, shared by the planner and the passes.</summary>
internal sealed class IngestRunState
{
    public WriteResult Totals { get; set; } = WriteResult.Empty;

    public int Reorgs { get; set; }

    public long RolledBack { get; set; }

    public List<string> Notes { get; } = [];
}
