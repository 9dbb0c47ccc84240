using ChainTrace.Ethereum.Ingest;

namespace ChainTrace.Cli.Output;

/// <summary>Ethereum progress on stderr: height against the target, blocks, transfers and their rates.</summary>
public sealed class EthProgressPrinter(TextWriter writer) : IProgress<EthIngestProgress>
{
    private readonly ProgressLine _line = new(writer);

    public void Report(EthIngestProgress value)
    {
        var seconds = Math.Max(value.Elapsed.TotalSeconds, 1e-9);
        _line.Write($"eth height {value.Height,9}/{value.Target}  {value.BlocksWritten,8} blocks  {value.Transfers,10} transfers  {value.BlocksWritten / seconds,8:F1} blocks/s  {value.Transfers / seconds,9:F0} transfers/s");
    }

    public void Finish() => _line.Finish();
}
