namespace ChainTrace.Core.Labels;

/// <summary>
/// A category of the taxonomy (GraphSense/INTERPOL concept names where one exists), with the severity risk
/// scoring starts from. Only <see cref="LabelTaxonomy"/> makes them, so an id is always a known one.
/// </summary>
public sealed class LabelCategory : IEquatable<LabelCategory>
{
    internal LabelCategory(string id, Severity defaultSeverity, string title)
    {
        Id = id;
        DefaultSeverity = defaultSeverity;
        Title = title;
        LowerTitle = title.ToLowerInvariant();
    }

    /// <summary>The stable id (<c>exchange</c>, <c>mixing_service</c>, <c>sanction</c>, …) used in files, URLs and the store.</summary>
    public string Id { get; }

    public Severity DefaultSeverity { get; }

    public string Title { get; }

    /// <summary>The title in lower case, for use inside a sentence (a reason).</summary>
    public string LowerTitle { get; }

    public bool Equals(LabelCategory? other) => other is not null && string.Equals(Id, other.Id, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as LabelCategory);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Id);

    public override string ToString() => Id;
}
