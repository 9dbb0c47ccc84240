namespace ChainTrace.Core.Tracing;

public enum TraceDirection
{
    /// <summary>Where did the funds go.</summary>
    Forward,

    /// <summary>Where did they come from.</summary>
    Backward,
}
