namespace ChainTrace.Core.Tracing;

/// <summary>The traced part of one output: its amount, FIFO's ordered segments (true = traced) and its hop.</summary>
internal sealed class OutputTaint(long amount, List<(bool Tainted, long Amount)>? segments, int hop)
{
    public long Amount { get; } = amount;

    public List<(bool Tainted, long Amount)>? Segments { get; } = segments;

    public int Hop { get; } = hop;

    public static OutputTaint Full(long value, int hop) => new(value, [(true, value)], hop);
}
