namespace ChainTrace.Bitcoin.Http;

/// <summary>The server refused the credentials (401/403); retrying cannot help.</summary>
public sealed class SourceAuthenticationException(string message) : Core.Ports.SourceFailureException(message);
