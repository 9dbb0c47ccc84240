using System.Diagnostics;
using ChainTrace.Ethereum.Ingest;

namespace ChainTrace.Cli.Output;

/// <summary>Ethereum progress on stderr: an updating line on a terminal, else a line every couple of seconds.</summary>
public sealed class EthProgressPrinter(TextWriter writer) : IProgress<EthIngestProgress>
{
    private readonly bool _interactive = !Console.IsErrorRedirected && ReferenceEquals(writer, Console.Error);
    private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
    private bool _printedInteractive;

    public void Report(EthIngestProgress value)
    {
        var seconds = Math.Max(value.Elapsed.TotalSeconds, 1e-9);
        var line = $"eth height {value.Height,9}/{value.Target}  {value.BlocksWritten,8} blocks  {value.Transfers,10} transfers  {value.BlocksWritten / seconds,8:F1} blocks/s  {value.Transfers / seconds,9:F0} transfers/s";
        if (_interactive)
        {
            writer.Write("\r" + line);
            _printedInteractive = true;
        }
        else if (_sinceLast.Elapsed >= TimeSpan.FromSeconds(2))
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
