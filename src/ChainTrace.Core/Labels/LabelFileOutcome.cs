namespace ChainTrace.Core.Labels;

/// <summary>What became of one file: the labels written (none when rejected), tags skipped per currency, bad lines.</summary>
/// <param name="Rejected">The file had bad lines and the policy was <see cref="OnErrorPolicy.Reject"/>: nothing of it was written.</param>
public sealed record LabelFileOutcome(
    string File,
    string Format,
    IReadOnlyList<Label> Imported,
    int Actors,
    IReadOnlyDictionary<string, int> SkippedByCurrency,
    IReadOnlyList<LabelLineError> Errors,
    bool Rejected)
{
    /// <summary>Lines skipped with a reason (file and line named), not counted as errors.</summary>
    public IReadOnlyList<LabelLineError> Warnings { get; init; } = [];
}
