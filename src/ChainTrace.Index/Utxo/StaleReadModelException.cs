namespace ChainTrace.Index.Utxo;

/// <summary>
/// The Bitcoin read model no longer matches the graph store it reads address keys from (the store was rolled back or
/// reorganised and <c>chaintrace cluster update</c> has not cut the read model back yet): a key read now could belong
/// to another transaction, so none is given.
/// </summary>
public sealed class StaleReadModelException(string message) : Exception(message);
