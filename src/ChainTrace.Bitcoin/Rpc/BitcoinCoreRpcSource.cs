using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;
using CoreNetwork = ChainTrace.Core.Chains.Network;
using Microsoft.Extensions.Logging;

namespace ChainTrace.Bitcoin.Rpc;

/// <summary>
/// Blocks from a Bitcoin Core node over JSON-RPC. Asks <c>getblock</c> at verbosity 3 so inputs come with
/// the outputs they spend; nodes older than v23 reject 3, and the source then stays on verbosity 2.
/// </summary>
public sealed class BitcoinCoreRpcSource : IUtxoBlockSource, IDisposable
{
    private const int InvalidParameter = -8;
    private const int OutOfRange = -8;

    private readonly BitcoinRpcOptions _options;
    private readonly BitcoinRpcClient _client;
    private readonly HttpClient? _ownedHttp;
    private CoreNetwork? _network;
    private int _verbosity = 3;

    public BitcoinCoreRpcSource(BitcoinRpcOptions options, HttpClient? httpClient = null, ILogger<BitcoinCoreRpcSource>? logger = null)
    {
        _options = options;
        if (httpClient is null)
        {
            _ownedHttp = httpClient = new HttpClient { Timeout = (options.Retry ?? Http.RetryOptions.Default).RequestTimeout };
        }

        _client = new BitcoinRpcClient(httpClient, options, logger);
    }

    public string Description => $"bitcoin RPC {_options.Url}";

    public bool IsChain => true;

    /// <summary>The getblock verbosity in use: 3 until the node turns it down.</summary>
    public int Verbosity => _verbosity;

    public Task<long> GetFirstHeightAsync(CancellationToken cancellationToken) => Task.FromResult(0L);

    public async Task<BlockHeader?> GetHeaderAsync(long height, CancellationToken cancellationToken)
    {
        if (await GetBlockHashAsync(height, cancellationToken).ConfigureAwait(false) is not { } hash)
        {
            return null;
        }

        var header = await _client.CallAsync("getblockheader", [hash.ToString(), true], cancellationToken).ConfigureAwait(false);
        var location = $"{Description} getblockheader {hash}";
        try
        {
            return new BlockHeader(
                Chain.Btc, height, hash,
                header.TryGetProperty("previousblockhash", out var prev) ? Hash32.Parse(prev.GetString()!) : Hash32.Zero,
                DateTimeOffset.FromUnixTimeSeconds(header.GetProperty("time").GetInt64()),
                uint.Parse(header.GetProperty("bits").GetString()!, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            throw new MalformedDataException(location, ex.Message, ex);
        }
    }

    public async Task<long?> GetTipHeightAsync(CancellationToken cancellationToken)
    {
        var info = await _client.CallAsync("getblockchaininfo", [], cancellationToken).ConfigureAwait(false);
        CheckNetwork(info);
        var blocks = info.GetProperty("blocks").GetInt64();
        return blocks < 0 ? null : blocks;
    }

    public async Task<Hash32?> GetBlockHashAsync(long height, CancellationToken cancellationToken)
    {
        await EnsureNetworkAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var hash = await _client.CallAsync("getblockhash", [height], cancellationToken).ConfigureAwait(false);
            return Hash32.Parse(hash.GetString()!);
        }
        catch (BitcoinRpcException ex) when (ex.Code == OutOfRange)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<UtxoBlock> ReadBlocksAsync(long fromHeight, long? toHeight, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var last = toHeight ?? await GetTipHeightAsync(cancellationToken).ConfigureAwait(false) ?? -1;
        for (var height = fromHeight; height <= last; height++)
        {
            var hash = await GetBlockHashAsync(height, cancellationToken).ConfigureAwait(false);
            if (hash is null)
            {
                yield break;
            }

            var block = await GetBlockAsync(hash.Value, cancellationToken).ConfigureAwait(false);
            var mapped = RpcBlockMapper.Map(block, _network!.Value, $"{Description} getblock {hash}");
            if (_options.LookupPrevouts)
            {
                mapped = await PrevoutLookup.ApplyAsync(_client, mapped, Description, cancellationToken).ConfigureAwait(false);
            }

            yield return mapped;
        }
    }

    public void Dispose() => _ownedHttp?.Dispose();

    private async Task<JsonElement> GetBlockAsync(Hash32 hash, CancellationToken cancellationToken)
    {
        if (_verbosity == 3)
        {
            try
            {
                return await _client.CallAsync("getblock", [hash.ToString(), 3], cancellationToken).ConfigureAwait(false);
            }
            catch (BitcoinRpcException ex) when (ex.Code == InvalidParameter || ex.RpcMessage.Contains("verbosity", StringComparison.OrdinalIgnoreCase))
            {
                _verbosity = 2;
            }
        }

        return await _client.CallAsync("getblock", [hash.ToString(), 2], cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureNetworkAsync(CancellationToken cancellationToken)
    {
        if (_network is null)
        {
            CheckNetwork(await _client.CallAsync("getblockchaininfo", [], cancellationToken).ConfigureAwait(false));
        }
    }

    private void CheckNetwork(JsonElement info)
    {
        var chain = info.GetProperty("chain").GetString();
        CoreNetwork? network = chain switch
        {
            "main" => CoreNetwork.Main,
            "test" or "testnet4" => CoreNetwork.Test,
            "regtest" => CoreNetwork.Regtest,
            _ => null,
        };
        if (network is null)
        {
            throw new MalformedDataException($"{Description} getblockchaininfo", $"unknown chain '{chain}'");
        }

        if (_options.Network is { } wanted && network != wanted)
        {
            throw new IngestConflictException($"{Description} serves chain '{chain}', but --network {wanted.ToCode()} was given; nothing was read");
        }

        _network = network;
    }
}
