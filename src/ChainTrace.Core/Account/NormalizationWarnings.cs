namespace ChainTrace.Core.Account;

/// <summary>
/// Data that was skipped on purpose while normalizing a block, counted rather than fatal: tokens whose
/// Transfer events do not follow ERC-20 (topics or data missing), trace frames that lack the fields a transfer
/// needs (old geth SELFDESTRUCT frames carry no beneficiary or value).
/// </summary>
public sealed record NormalizationWarnings(int NonStandardTokenEvents, int IncompleteTraceFrames)
{
    public static NormalizationWarnings None { get; } = new(0, 0);

    public int Total => NonStandardTokenEvents + IncompleteTraceFrames;

    public NormalizationWarnings Add(NormalizationWarnings other) =>
        new(NonStandardTokenEvents + other.NonStandardTokenEvents, IncompleteTraceFrames + other.IncompleteTraceFrames);
}
