namespace ChainTrace.Api.Cases;

/// <summary><c>POST /v1/cases/{id}/pins</c>: <c>kind</c> address|cluster|trace; <c>chain</c> for addresses and clusters; <c>subject</c> the address, cluster id or trace id.</summary>
public sealed record PinRequest(string? Kind, string? Chain, string? Subject, string? Comment);
