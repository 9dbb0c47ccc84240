namespace ChainTrace.Core.Cases;

/// <summary>A partial update of a case: null fields stay as they are.</summary>
public sealed record CaseChange(string? Title, string? Description, CaseStatus? Status);
