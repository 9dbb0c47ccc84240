namespace ChainTrace.Core.Tracing;

/// <summary>Where a trace stops: labelled entities in the stop categories (endpoints) and superclusters (terminal).</summary>
public interface ITraceStops
{
    /// <summary>What the address is to the trace.</summary>
    StopKind Classify(int address);
}
