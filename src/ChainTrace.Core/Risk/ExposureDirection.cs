namespace ChainTrace.Core.Risk;

/// <summary>Incoming: received value that came from a category; outgoing: sent value that went to one.</summary>
public enum ExposureDirection
{
    Incoming = 0,
    Outgoing = 1,
}
