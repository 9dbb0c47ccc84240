namespace ChainTrace.Api.Cases;

/// <summary><c>GET /v1/cases/{id}</c>: the case with its notes, pins and history.</summary>
public sealed record CaseDetailDto(CaseDto Case, IReadOnlyList<CaseNoteDto> Notes, IReadOnlyList<CasePinDto> Pins, IReadOnlyList<CaseEventDto> History);
