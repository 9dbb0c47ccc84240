namespace ChainTrace.Core.Ports;

/// <summary>
/// What the caller asked for cannot be done as given: a missing file or directory, a path that is not a regular
/// file (a FIFO or a device would never end), an option outside its range. Raised before anything is read or written.
/// </summary>
public sealed class BadArgumentException(string message, Exception? inner = null) : Exception(message, inner);
