namespace ChainTrace.Api.Access;

/// <summary>
/// Whether keys, rate limits and the audit log are in force. Always on for the service; only code can turn it off
/// (the <c>auth</c> benchmark's baseline), never configuration, so no setting can open the API.
/// </summary>
public sealed record AccessControlSettings(bool Enabled);
