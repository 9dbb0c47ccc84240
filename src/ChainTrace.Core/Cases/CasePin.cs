namespace ChainTrace.Core.Cases;

/// <summary>A finding pinned into a case. <paramref name="Chain"/> is null for traces (the trace's own result names its chain).</summary>
public sealed record CasePin(long Id, string CaseId, CasePinKind Kind, string? Chain, string Subject, string? Comment, string PinnedBy, DateTimeOffset PinnedAt);
