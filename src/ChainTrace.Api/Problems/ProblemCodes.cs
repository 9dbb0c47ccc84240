namespace ChainTrace.Api.Problems;

/// <summary>Stable machine-readable error codes: clients switch on these, so they never change meaning.</summary>
public static class ProblemCodes
{
    public const string UnknownChain = "unknown-chain";
    public const string InvalidAddress = "invalid-address";
    public const string InvalidHash = "invalid-hash";
    public const string NotFound = "not-found";
    public const string InvalidParameter = "invalid-parameter";
    public const string ChainNotIngested = "chain-not-ingested";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string NoStore = "no-store";
    public const string Internal = "internal-error";
    public const string ReadModelStale = "read-model-stale";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string RateLimited = "rate-limited";
    public const string KeyExists = "key-exists";
    public const string UnknownCategory = "unknown-category";
    public const string InvalidCursor = "invalid-cursor";
    public const string LabelFileRejected = "label-file-rejected";
    public const string TooManyItems = "too-many-items";
    public const string BodyTooLarge = "body-too-large";
}
