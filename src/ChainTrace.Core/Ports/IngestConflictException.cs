namespace ChainTrace.Core.Ports;

/// <summary>
/// The source and the store do not fit together (a gap, another network, a branch that shares no stored block,
/// a block the store already holds with another hash): the run stops before changing anything.
/// </summary>
public sealed class IngestConflictException(string message) : Exception(message);
