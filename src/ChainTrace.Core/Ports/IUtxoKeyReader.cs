using ChainTrace.Core.Primitives;

namespace ChainTrace.Core.Ports;

/// <summary>
/// Bitcoin address keys read back from the graph store by where they occur. The compact read model keeps no keys of
/// its own (DESIGN.md "Analytics over a compact read model"): an address there is a dense id and the place it first
/// occurs, and its key is read from the stored transaction at that place; a key is found by where the store first
/// saw it. Elements of a transaction are numbered as the read model numbers them: inputs (none for a coinbase), then
/// outputs. One reader holds one store connection and is not safe for concurrent use.
/// </summary>
public interface IUtxoKeyReader : IDisposable
{
    /// <summary>The lowest stored height where <paramref name="key"/> occurs (in an output, or an input that carries it), null when none.</summary>
    long? FirstHeight(ReadOnlySpan<byte> key);

    /// <summary>The first transaction at <paramref name="height"/> holding <paramref name="key"/> and its first element holding it, null when none.</summary>
    StoredKeyPlace? FirstPlaceAt(ReadOnlySpan<byte> key, long height);

    /// <summary>The keys of the stored transaction at <paramref name="position"/> of the block at <paramref name="height"/>, null when none is stored there.</summary>
    StoredTxKeys? TxAt(long height, int position);

    /// <summary>The keys of every stored transaction from <paramref name="fromHeight"/> up, in block order.</summary>
    IEnumerable<StoredTxKeys> Scan(long fromHeight);
}

/// <summary>Where a key first occurs in a stored block: the transaction's position and txid, and which element holds it.</summary>
public readonly record struct StoredKeyPlace(int Position, Hash32 TxId, bool IsInput, int Index);

/// <summary>A stored transaction's address keys (null where an element has none); no input keys for a coinbase.</summary>
public sealed record StoredTxKeys(long Height, int Position, Hash32 TxId, IReadOnlyList<byte[]?> InputKeys, IReadOnlyList<byte[]?> OutputKeys);
