using ChainTrace.Core.Ingest;

namespace ChainTrace.Cli.Output;

/// <summary>UTXO-chain progress on stderr: height, blocks, transactions and their rates.</summary>
public sealed class IngestProgressPrinter(TextWriter writer, string chain) : IProgress<IngestProgress>
{
    private readonly ProgressLine _line = new(writer);

    public void Report(IngestProgress value) => _line.Write(
        $"{chain} height {value.Height,9}  {value.Blocks,8} blocks  {value.Transactions,10} tx  {value.BlocksPerSecond,8:F1} blocks/s  {value.TransactionsPerSecond,9:F0} tx/s");

    public void Finish() => _line.Finish();
}
