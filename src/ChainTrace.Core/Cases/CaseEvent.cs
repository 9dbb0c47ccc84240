namespace ChainTrace.Core.Cases;

/// <summary>One line of a case's history: who did what, when (<c>created</c>, <c>updated</c>, <c>note-added</c>, <c>pinned</c>, <c>unpinned</c>, <c>exported</c>).</summary>
public sealed record CaseEvent(long Id, string CaseId, string Actor, string Action, string Detail, DateTimeOffset At);
