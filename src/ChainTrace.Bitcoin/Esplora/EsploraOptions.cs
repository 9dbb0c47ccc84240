using ChainTrace.Bitcoin.Http;
using CoreNetwork = ChainTrace.Core.Chains.Network;

namespace ChainTrace.Bitcoin.Esplora;

/// <param name="BaseUrl">API root, e.g. https://blockstream.info/api/ or a local electrs (http://127.0.0.1:3002/).</param>
/// <param name="Network">The network the server indexes; null = the one its genesis block (height 0) belongs to.</param>
/// <param name="FetchPrevouts">
/// Also read <c>/block/:hash/txs/:start</c> for input values and addresses. Off by default: the pages hold
/// 25 transactions each, so a full block costs ~100 extra requests, which public instances rate-limit;
/// without it the store resolves prevouts from its own outputs.
/// </param>
/// <param name="Retry">Backoff for transient failures; null = <see cref="RetryOptions.Default"/>.</param>
public sealed record EsploraOptions(Uri BaseUrl, CoreNetwork? Network = null, bool FetchPrevouts = false, RetryOptions? Retry = null);
