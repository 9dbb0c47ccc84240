namespace ChainTrace.Api.Contracts;

/// <param name="Status">success, failed, or unknown (pre-Byzantium without traces).</param>
/// <param name="TracesAvailable">False when the block was ingested without traces: internal transfers are then unknown, not absent.</param>
public sealed record EthTransactionDto(
    string Chain,
    string Hash,
    BlockDto Block,
    int Index,
    string From,
    string? To,
    string? CreatedContract,
    string Value,
    string Status,
    long Gas,
    long? GasUsed,
    string? Fee,
    IReadOnlyList<TransferDto> Transfers,
    bool TracesAvailable);

/// <param name="Kind">native, token, internal, creation, reward or withdrawal.</param>
/// <param name="Position">"tx" for the transaction's own value, the log index for tokens, the trace address for internal frames.</param>
public sealed record TransferDto(string Kind, string Asset, string From, string To, string Value, string Position);
