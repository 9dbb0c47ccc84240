namespace ChainTrace.Core.Labels;

/// <summary>
/// One imported file. <see cref="Name"/> (<c>format:file-name</c>) is its identity: importing a file of the same
/// name again replaces the labels it brought, so a re-import never doubles them.
/// </summary>
public sealed record LabelPack(string Name, string Format, string? Title, string Sha256, int Lines);
