namespace ChainTrace.Bitcoin.Http;

/// <summary>A failure worth retrying: the server answered 5xx without a usable body.</summary>
internal sealed class TransientHttpException(string message) : Exception(message);
