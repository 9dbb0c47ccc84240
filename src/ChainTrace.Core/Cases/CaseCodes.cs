namespace ChainTrace.Core.Cases;

/// <summary>
/// How every case-store adapter writes a case's status and a pin's kind (stable lowercase words) and the detail text of
/// its history lines, so the SQLite and PostgreSQL stores keep the same rows and the same history.
/// </summary>
public static class CaseCodes
{
    public static string Status(CaseStatus status) => status == CaseStatus.Closed ? "closed" : "open";

    public static CaseStatus ParseStatus(string code) => code == "closed" ? CaseStatus.Closed : CaseStatus.Open;

    public static string Kind(CasePinKind kind) => kind.ToString().ToLowerInvariant();

    public static CasePinKind ParseKind(string code) => Enum.Parse<CasePinKind>(code, ignoreCase: true);

    /// <summary>Pins without a chain (traces) are stored with an empty chain, so the (case, kind, chain, subject) key applies to them too.</summary>
    public static string ChainColumn(string? chain) => chain ?? "";

    public static string? ReadChain(string column) => column is { Length: > 0 } ? column : null;

    /// <summary>The history detail of a pin or unpin: <c>address btc:bc1q…</c>, <c>trace 0123…</c>.</summary>
    public static string PinText(CasePinKind kind, string? chain, string subject) =>
        chain is null ? $"{Kind(kind)} {subject}" : $"{Kind(kind)} {chain}:{subject}";

    /// <summary>The history detail of an update: the fields it changed.</summary>
    public static string Describe(CaseChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return string.Join(", ", new[]
        {
            change.Title is null ? null : $"title '{change.Title}'",
            change.Description is null ? null : "description",
            change.Status is { } s ? $"status {Status(s)}" : null,
        }.Where(p => p is not null));
    }
}
