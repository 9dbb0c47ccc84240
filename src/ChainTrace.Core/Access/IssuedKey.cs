namespace ChainTrace.Core.Access;

/// <summary>A key just created: its text, to be shown once and never stored, and the stored record.</summary>
public sealed record IssuedKey(string Text, ApiKey Key);
