namespace ChainTrace.Api.Contracts;

public sealed record BtcTransactionDto(
    string Chain,
    string TxId,
    BlockDto Block,
    int Position,
    bool Coinbase,
    int Size,
    int VSize,
    string? Fee,
    IReadOnlyList<BtcInputDto> Inputs,
    IReadOnlyList<BtcOutputDto> Outputs)
{
    /// <summary>The CoinJoin detector that matched (null when none, or when the clusters have not reached this block).</summary>
    public CoinJoinDto? CoinJoin { get; init; }

    /// <summary>The most confident change guess, null when none.</summary>
    public ChangeDto? Change { get; init; }
}

public sealed record BlockDto(long Height, string Hash, DateTimeOffset Time);

public sealed record OutPointDto(string TxId, uint Vout);

/// <param name="ValueSource">Where the spent output's address/value came from: source, store, script, coinbase or none.</param>
public sealed record BtcInputDto(int Index, OutPointDto? PrevOut, string? Address, string? Value, string ValueSource);

public sealed record BtcOutputDto(int Index, string Value, string Type, string? Address, OutPointDto? SpentBy);
