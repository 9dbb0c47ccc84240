namespace ChainTrace.Core.Utxo;

/// <summary>
/// One input. <see cref="Value"/> and <see cref="AddressKey"/> describe the output it spends; they come from the
/// source (prevouts), from the script (address only), or from the prevout resolution stage
/// (<see cref="Ingest.PrevoutResolver"/>). Immutable: a stage that learns more makes a new input
/// (<see cref="Resolved"/>), so no adapter writes back into what it was handed.
/// </summary>
public sealed record UtxoInput
{
    public required int Index { get; init; }

    public required OutPoint PrevOut { get; init; }

    public byte[]? AddressKey { get; init; }

    /// <summary>Satoshis of the spent output, null while unknown.</summary>
    public long? Value { get; init; }

    public OutputKind? PrevKind { get; init; }

    public PrevoutSource Source { get; init; }

    /// <summary>This input with the spent output's value, kind and address, as told by <paramref name="source"/>.</summary>
    public UtxoInput Resolved(SpentOutput spent, PrevoutSource source) =>
        this with { Value = spent.Value, PrevKind = spent.Kind, AddressKey = spent.AddressKey, Source = source };
}
