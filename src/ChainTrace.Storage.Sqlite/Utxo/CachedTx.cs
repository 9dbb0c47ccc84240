using ChainTrace.Core.Utxo;

namespace ChainTrace.Storage.Sqlite.Utxo;

/// <summary>A stored transaction's outputs, indexed by output index, as input resolution needs them.</summary>
internal sealed record CachedTx(long RowId, CachedOutput[] Outputs);

internal readonly record struct CachedOutput(long Value, OutputKind Kind, byte[]? AddressKey);
