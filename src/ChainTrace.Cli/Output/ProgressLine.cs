using System.Diagnostics;

namespace ChainTrace.Cli.Output;

/// <summary>
/// Where progress goes: one updating line on a terminal, else a line every couple of seconds so logs stay short.
/// Each chain's printer only formats its own figures.
/// </summary>
public sealed class ProgressLine(TextWriter writer)
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(2);
    private readonly bool _interactive = !Console.IsErrorRedirected && ReferenceEquals(writer, Console.Error);
    private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
    private bool _printedInteractive;

    public void Write(string line)
    {
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
