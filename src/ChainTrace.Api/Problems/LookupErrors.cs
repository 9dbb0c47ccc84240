using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;

namespace ChainTrace.Api.Problems;

public static class LookupErrors
{
    public static LookupError UnknownChain(UnknownChainException error) =>
        new(400, ProblemCodes.UnknownChain, "Unknown chain", error.Message);

    public static LookupError InvalidAddress(AddressFormatException error) =>
        new(400, ProblemCodes.InvalidAddress, "Invalid address", error.Message, Kebab(error.Error.ToString()));

    public static LookupError InvalidHash(string text, string what) =>
        new(400, ProblemCodes.InvalidHash, $"Invalid {what}", $"'{text}' is not a {what}: expected 64 hex digits");

    public static LookupError BadParameter(string name, string detail) =>
        new(400, ProblemCodes.InvalidParameter, $"Invalid parameter '{name}'", detail, name);

    public static LookupError NotFound(string what) =>
        new(404, ProblemCodes.NotFound, "Not found", what);

    public static LookupError ChainNotIngested(Chain chain) =>
        new(404, ProblemCodes.ChainNotIngested, "Chain not ingested", $"no {chain.ToCode()} blocks have been ingested into this store yet");

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
