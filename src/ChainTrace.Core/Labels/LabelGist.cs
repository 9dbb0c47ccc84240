namespace ChainTrace.Core.Labels;

/// <summary>
/// What a label says about its subject, without where it came from line by line: its category, confidence level,
/// text and cited source. Labels that say the same (an exchange's one propagated label on each of its thousands of
/// deposit addresses) have one gist.
/// </summary>
public sealed record LabelGist(LabelCategory Category, int ConfidenceLevel, string Text, string Source)
{
    public static LabelGist Of(Label label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return new LabelGist(label.Category, label.Confidence.Level, label.Text, label.Source);
    }
}
