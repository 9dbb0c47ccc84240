namespace ChainTrace.Core.Queries;

public enum FlowDirection
{
    /// <summary>Where funds went.</summary>
    Out,

    /// <summary>Where funds came from.</summary>
    In,
}
