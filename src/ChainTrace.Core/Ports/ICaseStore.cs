using ChainTrace.Core.Cases;

namespace ChainTrace.Core.Ports;

/// <summary>
/// App state: investigation cases with their notes, pins and history. Every change is written together with its
/// history event (<paramref name="actor"/>, <paramref name="at"/>), so the history cannot miss a change that was kept.
/// Methods on a case that does not exist change nothing and answer null or false.
/// </summary>
public interface ICaseStore
{
    Task CreateCaseAsync(InvestigationCase created, CancellationToken cancellationToken);

    Task<InvestigationCase?> GetCaseAsync(string id, CancellationToken cancellationToken);

    /// <summary>All cases, most recently changed first.</summary>
    Task<IReadOnlyList<InvestigationCase>> ListCasesAsync(CancellationToken cancellationToken);

    Task<InvestigationCase?> UpdateCaseAsync(string id, CaseChange change, string actor, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Removes the case with its notes, pins and history.</summary>
    Task<bool> DeleteCaseAsync(string id, CancellationToken cancellationToken);

    Task<CaseNote?> AddNoteAsync(string caseId, string text, string actor, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<CaseNote>> ListNotesAsync(string caseId, CancellationToken cancellationToken);

    /// <summary>Pins a subject (its <see cref="CasePin.Id"/> is ignored); pinning the same kind, chain and subject again answers the existing pin.</summary>
    Task<CasePin?> AddPinAsync(CasePin pin, CancellationToken cancellationToken);

    Task<bool> RemovePinAsync(string caseId, long pinId, string actor, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<CasePin>> ListPinsAsync(string caseId, CancellationToken cancellationToken);

    /// <summary>Records an event that changed nothing else (an export).</summary>
    Task<bool> RecordEventAsync(string caseId, string action, string detail, string actor, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The case's history, oldest first.</summary>
    Task<IReadOnlyList<CaseEvent>> ListHistoryAsync(string caseId, CancellationToken cancellationToken);
}
