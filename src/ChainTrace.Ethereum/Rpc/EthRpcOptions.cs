using System.ComponentModel.DataAnnotations;
using ChainTrace.Core.Chains;

namespace ChainTrace.Ethereum.Rpc;

public sealed class EthRpcOptions
{
    [Required]
    public Uri? Endpoint { get; set; }

    public TraceMode Traces { get; set; } = TraceMode.Auto;

    /// <summary>Blocks fetched per JSON-RPC batch (each block costs three calls: block, receipts, trace).</summary>
    [Range(1, 500)]
    public int BlocksPerRequest { get; set; } = 10;

    /// <summary>Batches in flight at once.</summary>
    [Range(1, 64)]
    public int MaxConcurrentRequests { get; set; } = 4;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of a request that timed out or got HTTP 5xx/429 or a connection error.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 5;

    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The network the node serves (mainnet, a testnet, or a local dev chain as regtest); null = the one its
    /// <c>eth_chainId</c> names. A given network must agree with the chain id.
    /// </summary>
    public Network? Network { get; set; }
}
