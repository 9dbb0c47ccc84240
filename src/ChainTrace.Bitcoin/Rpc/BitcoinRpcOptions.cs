using ChainTrace.Bitcoin.Http;
using CoreNetwork = ChainTrace.Core.Chains.Network;

namespace ChainTrace.Bitcoin.Rpc;

/// <param name="Url">The node's RPC endpoint, e.g. http://127.0.0.1:8332/.</param>
/// <param name="Network">Must match the node's <c>getblockchaininfo</c> chain; null = take the node's.</param>
/// <param name="CookieFile">Bitcoin Core's <c>.cookie</c> (<c>__cookie__:password</c>); read on every request since the node rewrites it on restart.</param>
/// <param name="User">rpcuser, when no cookie file is used.</param>
/// <param name="Password">rpcpassword, when no cookie file is used.</param>
/// <param name="LookupPrevouts">
/// On nodes without verbosity 3, fetch each spent transaction with <c>getrawtransaction</c> (needs
/// <c>-txindex</c>). Off by default: one call per distinct spent transaction is slow for a full sync.
/// </param>
/// <param name="Retry">Backoff for transient failures; null = <see cref="RetryOptions.Default"/>.</param>
public sealed record BitcoinRpcOptions(
    Uri Url,
    CoreNetwork? Network,
    string? CookieFile = null,
    string? User = null,
    string? Password = null,
    RetryOptions? Retry = null,
    bool LookupPrevouts = false);
