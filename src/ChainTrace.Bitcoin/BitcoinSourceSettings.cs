using ChainTrace.Bitcoin.Http;
using CoreNetwork = ChainTrace.Core.Chains.Network;

namespace ChainTrace.Bitcoin;

/// <summary>What a caller (CLI, job) knows about a Bitcoin source; the factory turns it into the right options.</summary>
/// <param name="Locations">Blocks dir path, block file paths, RPC URL or Esplora base URL (one, except for raw files).</param>
/// <param name="StartHeight">Blocks dir or raw files: height of the first block when it cannot be read from the data.</param>
/// <param name="Heights">Raw files: explicit heights by path or file name.</param>
/// <param name="CookieFile">RPC: Bitcoin Core's .cookie.</param>
/// <param name="User">RPC: rpcuser (with <paramref name="Password"/>) when no cookie is used.</param>
/// <param name="Password">RPC: rpcpassword.</param>
/// <param name="FetchPrevouts">
/// Esplora: also fetch input prevouts (one request per 25 transactions). RPC: on nodes without getblock
/// verbosity 3, look them up with getrawtransaction (needs -txindex).
/// </param>
public sealed record BitcoinSourceSettings(
    BitcoinSourceKind Kind,
    IReadOnlyList<string> Locations,
    CoreNetwork Network,
    long? StartHeight = null,
    IReadOnlyDictionary<string, long>? Heights = null,
    string? CookieFile = null,
    string? User = null,
    string? Password = null,
    bool FetchPrevouts = false,
    RetryOptions? Retry = null);
