namespace ChainTrace.Core.Tracing;

public enum StopKind : byte
{
    /// <summary>Followed on.</summary>
    None,

    /// <summary>A labelled entity in a stop category: value arriving is counted as reached and not followed.</summary>
    Endpoint,

    /// <summary>A member of a cluster above the size threshold: terminal, counted as reached, never expanded through.</summary>
    Supercluster,
}
