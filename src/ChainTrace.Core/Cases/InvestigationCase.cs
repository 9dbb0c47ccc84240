namespace ChainTrace.Core.Cases;

/// <summary>An investigation: a title, what it is about, and whether it is still worked on. Notes, pins and history hang off its id.</summary>
public sealed record InvestigationCase(string Id, string Title, string Description, CaseStatus Status, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
