using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ChainTrace.Bitcoin.Http;
using ChainTrace.Bitcoin.Mapping;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;
using Microsoft.Extensions.Logging;

namespace ChainTrace.Bitcoin.Esplora;

/// <summary>
/// Blocks from an Esplora REST API (Blockstream/mempool.space electrs): heights to hashes, then each block's
/// raw bytes, mapped like every other source. Prevouts optionally from the paged transaction listing.
/// </summary>
public sealed class EsploraSource : IUtxoBlockSource, IDisposable
{
    private const int PageSize = 25;

    private readonly EsploraOptions _options;
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2213", Justification = "A caller's HttpClient stays the caller's; the one this source creates is _ownedHttp, disposed in Dispose.")]
    private readonly HttpClient _http;
    private readonly HttpClient? _ownedHttp;
    private readonly HttpRetry _retry;
    private readonly Uri _base;
    private Core.Chains.Network? _network;

    public EsploraSource(EsploraOptions options, HttpClient? httpClient = null, ILogger<EsploraSource>? logger = null)
    {
        _options = options;
        var retry = options.Retry ?? RetryOptions.Default;
        _retry = new HttpRetry(retry, $"esplora {options.BaseUrl}", logger);
        if (httpClient is null)
        {
            _ownedHttp = httpClient = new HttpClient { Timeout = retry.RequestTimeout };
        }

        _http = httpClient;
        var text = options.BaseUrl.ToString();
        _base = new Uri(text.EndsWith('/') ? text : text + "/");
    }

    public string Description => $"esplora {_options.BaseUrl}";

    public bool IsChain => true;

    public Task<long> GetFirstHeightAsync(CancellationToken cancellationToken) => Task.FromResult(0L);

    public async Task<BlockHeader?> GetHeaderAsync(long height, CancellationToken cancellationToken)
    {
        if (await GetBlockHashAsync(height, cancellationToken).ConfigureAwait(false) is not { } hash)
        {
            return null;
        }

        var path = $"block/{hash}";
        var text = await GetTextAsync(path, cancellationToken).ConfigureAwait(false)
            ?? throw new MalformedDataException($"{Description} {path}", "not found (404) although block-height named it");
        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            return new BlockHeader(
                Core.Chains.Chain.Btc, height, hash,
                root.TryGetProperty("previousblockhash", out var prev) && prev.ValueKind == JsonValueKind.String ? Hash32.Parse(prev.GetString()!) : Hash32.Zero,
                DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("timestamp").GetInt64()),
                root.GetProperty("bits").GetUInt32());
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new MalformedDataException($"{Description} {path}", ex.Message, ex);
        }
    }

    public async Task<long?> GetTipHeightAsync(CancellationToken cancellationToken)
    {
        var text = await GetTextAsync("blocks/tip/height", cancellationToken).ConfigureAwait(false);
        return text is null ? null : long.Parse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    public async Task<Hash32?> GetBlockHashAsync(long height, CancellationToken cancellationToken)
    {
        var text = await GetTextAsync(string.Create(CultureInfo.InvariantCulture, $"block-height/{height}"), cancellationToken).ConfigureAwait(false);
        return text is null ? null : Hash32.Parse(text.Trim());
    }

    public async IAsyncEnumerable<UtxoBlock> ReadBlocksAsync(long fromHeight, long? toHeight, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var network = await GetNetworkAsync(cancellationToken).ConfigureAwait(false);
        var last = toHeight ?? await GetTipHeightAsync(cancellationToken).ConfigureAwait(false) ?? -1;
        for (var height = fromHeight; height <= last; height++)
        {
            if (await GetBlockHashAsync(height, cancellationToken).ConfigureAwait(false) is not { } hash)
            {
                yield break;
            }

            var raw = await GetBytesAsync($"block/{hash}/raw", cancellationToken).ConfigureAwait(false);
            UtxoBlock block;
            try
            {
                block = BitcoinBlockMapper.MapBlock(raw, height, network);
            }
            catch (FormatException ex)
            {
                throw new MalformedDataException($"{Description} block/{hash}/raw", ex.Message, ex);
            }

            if (block.Header.Hash != hash)
            {
                throw new MalformedDataException($"{Description} block/{hash}/raw", $"the bytes hash to {block.Header.Hash}");
            }

            if (_options.FetchPrevouts)
            {
                block = await WithPrevoutsAsync(block, cancellationToken).ConfigureAwait(false);
            }

            yield return block;
        }
    }

    public void Dispose() => _ownedHttp?.Dispose();

    /// <summary>The network whose genesis block the server has at height 0; an explicit one must agree.</summary>
    private async Task<Core.Chains.Network> GetNetworkAsync(CancellationToken cancellationToken)
    {
        if (_network is { } known)
        {
            return known;
        }

        var genesis = await GetBlockHashAsync(0, cancellationToken).ConfigureAwait(false);
        Core.Chains.Network? served = genesis?.ToString() switch
        {
            "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f" => Core.Chains.Network.Main,
            "000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943" or "00000000da84f2bafbbc53dee25a72ae507ff4914b867c565be350b0da8bf043" => Core.Chains.Network.Test,
            "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206" => Core.Chains.Network.Regtest,
            _ => null,
        };
        if (_options.Network is { } wanted && served is { } actual && actual != wanted)
        {
            throw new IngestConflictException($"{Description} serves the {Core.Chains.NetworkCodes.ToCode(actual)} chain (genesis {genesis}), but --network {Core.Chains.NetworkCodes.ToCode(wanted)} was given; nothing was read");
        }

        return (_network = _options.Network ?? served) ?? throw new IngestConflictException(
            $"{Description}: genesis block {genesis?.ToString() ?? "(none)"} is of no known network; give --network");
    }

    private async Task<UtxoBlock> WithPrevoutsAsync(UtxoBlock block, CancellationToken cancellationToken)
    {
        var transactions = block.Transactions.ToArray();
        for (var start = 0; start < block.Transactions.Count; start += PageSize)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"block/{block.Header.Hash}/txs/{start}");
            var text = await GetTextAsync(path, cancellationToken).ConfigureAwait(false)
                ?? throw new MalformedDataException($"{Description} {path}", "page not found");
            using var page = JsonDocument.Parse(text);
            EsploraPrevouts.Apply(transactions, start, page.RootElement, $"{Description} {path}");
        }

        return block with { Transactions = transactions };
    }

    private Task<string?> GetTextAsync(string path, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(Description, async ct =>
        {
            using var response = await SendAsync(path, ct).ConfigureAwait(false);
            return response is null ? null : await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    private Task<byte[]> GetBytesAsync(string path, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(Description, async ct =>
        {
            using var response = await SendAsync(path, ct).ConfigureAwait(false)
                ?? throw new MalformedDataException($"{Description} {path}", "not found (404)");
            return await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>The response when it succeeded, null on 404 (no block there), transient on 5xx, an error otherwise.</summary>
    private async Task<HttpResponseMessage?> SendAsync(string path, CancellationToken cancellationToken)
    {
        var response = await _http.GetAsync(new Uri(_base, path), HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throw new TransientHttpException($"HTTP {status} for {path}");
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException($"{Description} {path}: HTTP {status} {body}", null, response.StatusCode);
        }
    }
}
