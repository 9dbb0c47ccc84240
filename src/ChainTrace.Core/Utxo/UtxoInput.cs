namespace ChainTrace.Core.Utxo;

/// <summary>
/// One input. <see cref="Value"/> and <see cref="AddressKey"/> describe the output it spends; they are filled
/// in by the source (prevouts), by the store from its own outputs, or (address only) from the script.
/// Mutable because resolution happens in stages along the ingest pipeline.
/// </summary>
public sealed class UtxoInput
{
    public required int Index { get; init; }

    public required OutPoint PrevOut { get; init; }

    public byte[]? AddressKey { get; set; }

    /// <summary>Satoshis of the spent output, null while unknown.</summary>
    public long? Value { get; set; }

    public OutputKind? PrevKind { get; set; }

    public PrevoutSource Source { get; set; }
}
