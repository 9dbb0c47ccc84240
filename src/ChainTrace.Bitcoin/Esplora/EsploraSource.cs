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
                block = BitcoinBlockMapper.MapBlock(raw, height, _options.Network);
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
                await ApplyPrevoutsAsync(block, cancellationToken).ConfigureAwait(false);
            }

            yield return block;
        }
    }

    public void Dispose() => _ownedHttp?.Dispose();

    private async Task ApplyPrevoutsAsync(UtxoBlock block, CancellationToken cancellationToken)
    {
        for (var start = 0; start < block.Transactions.Count; start += PageSize)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"block/{block.Header.Hash}/txs/{start}");
            var text = await GetTextAsync(path, cancellationToken).ConfigureAwait(false)
                ?? throw new MalformedDataException($"{Description} {path}", "page not found");
            using var page = JsonDocument.Parse(text);
            EsploraPrevouts.Apply(block, start, page.RootElement, $"{Description} {path}");
        }
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
