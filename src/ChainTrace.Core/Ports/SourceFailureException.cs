namespace ChainTrace.Core.Ports;

/// <summary>
/// A source could not be read: unreachable, refused the credentials, or answered with an error. Nothing was
/// written for the block being fetched; running again when the source is back resumes where this run stopped.
/// </summary>
public class SourceFailureException(string message, Exception? inner = null) : Exception(message, inner);
