namespace ChainTrace.Core.Cases;

/// <summary>A note an investigator wrote into a case; notes are never edited, only added.</summary>
public sealed record CaseNote(long Id, string CaseId, string Text, string Author, DateTimeOffset CreatedAt);
