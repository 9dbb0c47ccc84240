using System.Diagnostics;
using ChainTrace.Core.Ingest;

namespace ChainTrace.Cli.Output;

/// <summary>
/// Progress on stderr: one updating line on a terminal, else a line every couple of seconds (logs stay short).
/// </summary>
public sealed class IngestProgressPrinter(TextWriter writer, string chain) : IProgress<IngestProgress>
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(2);
    private readonly bool _interactive = !Console.IsErrorRedirected && ReferenceEquals(writer, Console.Error);
    private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
    private bool _printedInteractive;

    public void Report(IngestProgress value)
    {
        var line = $"{chain} height {value.Height,9}  {value.Blocks,8} blocks  {value.Transactions,10} tx  {value.BlocksPerSecond,8:F1} blocks/s  {value.TransactionsPerSecond,9:F0} tx/s";
        if (_interactive)
        {
            writer.Write("\r" + line);
            _printedInteractive = true;
        }
        else if (_sinceLast.Elapsed >= LogInterval)
        {
            writer.WriteLine(line);
            _sinceLast.Restart();
        }
    }

    public void Finish()
    {
        if (_printedInteractive)
        {
            writer.WriteLine();
        }
    }
}
