namespace ChainTrace.Bitcoin.Http;

/// <summary>A node or API kept failing transiently (timeouts, 5xx, refused connections) after every retry.</summary>
public sealed class SourceUnavailableException(string message, Exception? inner = null) : Core.Ports.SourceFailureException(message, inner);
