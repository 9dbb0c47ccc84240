namespace ChainTrace.Core.Labels;

/// <summary>
/// One attribution: subject → category (and actor), with where it came from: the source it cites, the pack
/// (file) it was imported from and the line it was on. Labels are never merged: two sources that disagree
/// about a subject give two labels.
/// </summary>
/// <param name="Text">The label as the source wrote it (<c>Huobi.com</c>, an Etherscan label name, …).</param>
/// <param name="SourceCategory">The category/abuse names as the source wrote them, before mapping.</param>
/// <param name="Source">What the source cites (a URL, a list's name).</param>
/// <param name="Pack">The pack it was imported from (<c>tagpack:hacks.yaml</c>); re-importing a pack replaces its labels.</param>
/// <param name="Line">1-based line of the file the label was read from.</param>
/// <param name="IsClusterDefiner">The source says this label holds for the address's whole cluster.</param>
/// <param name="Context">Free text the source adds (an Etherscan name tag, a TagPack context).</param>
public sealed record Label(
    LabelSubject Subject,
    string Text,
    LabelCategory Category,
    string? SourceCategory,
    LabelActor? Actor,
    string Source,
    string Pack,
    int Line,
    Confidence Confidence,
    bool IsClusterDefiner,
    string? Context = null)
{
    public Severity Severity => Category.DefaultSeverity;
}
