using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChainTrace.Ethereum.Rpc;

/// <summary>
/// JSON-RPC 2.0 over HTTP with batching. Hand-rolled rather than Nethereum's client because ingestion sends
/// mixed batches (blocks, receipts, raw <c>trace_block</c>/<c>debug_*</c> calls) and needs each item's error
/// separately, and because the answers are read with the same System.Text.Json readers that read recorded
/// responses and ETL exports — one parsing path instead of Newtonsoft DTOs translated a second time.
/// Transient failures (connection errors, timeouts, HTTP 5xx and 429) are retried with exponential backoff;
/// an answer that is not JSON-RPC is a clear <see cref="EthRpcException"/>, not retried.
/// </summary>
public sealed class JsonRpcClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly EthRpcOptions _options;
    private readonly ILogger _logger;
    private long _nextId;

    public JsonRpcClient(EthRpcOptions options, HttpClient? http = null, ILogger? logger = null)
    {
        _options = options;
        _ownsHttp = http is null;
        _http = http ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _logger = logger ?? NullLogger.Instance;
        Endpoint = options.Endpoint ?? throw new ArgumentException("an RPC endpoint is required", nameof(options));
    }

    public Uri Endpoint { get; }

    /// <summary>Requests sent, counting retries; for benchmarks and diagnostics.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    private long _requests;

    public async Task<JsonElement> CallAsync(RpcCall call, CancellationToken cancellationToken)
    {
        using var response = await BatchAsync([call], cancellationToken);
        return response.Result(0).Clone();
    }

    public async Task<RpcBatchResponse> BatchAsync(IReadOnlyList<RpcCall> calls, CancellationToken cancellationToken)
    {
        var firstId = Interlocked.Add(ref _nextId, calls.Count) - calls.Count + 1;
        var body = Serialize(calls, firstId);
        for (var attempt = 0; ; attempt++)
        {
            string? transient;
            try
            {
                return await SendOnceAsync(body, calls, firstId, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                transient = e.StatusCode is { } status ? $"HTTP {(int)status}" : $"connection failed: {e.Message}";
                if (e.StatusCode is { } s && !IsTransient(s))
                {
                    throw new EthRpcException($"{Endpoint} answered {transient} to {Describe(calls)}", null, e);
                }

                if (attempt >= _options.MaxRetries)
                {
                    throw new EthRpcException($"{Endpoint}: {transient} ({Describe(calls)}), gave up after {attempt + 1} attempts", null, e);
                }
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                transient = $"timed out after {_options.RequestTimeout}";
                if (attempt >= _options.MaxRetries)
                {
                    throw new EthRpcException($"{Endpoint}: {transient} ({Describe(calls)}), gave up after {attempt + 1} attempts", null, e);
                }
            }

            var delay = TimeSpan.FromTicks(Math.Min(_options.MaxBackoff.Ticks, _options.InitialBackoff.Ticks << Math.Min(attempt, 20)));
            EthRpcLog.Retrying(_logger, Endpoint, transient, attempt + 1, _options.MaxRetries, delay);
            await Task.Delay(delay, cancellationToken);
        }
    }

    private async Task<RpcBatchResponse> SendOnceAsync(byte[] body, IReadOnlyList<RpcCall> calls, long firstId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonType;
        using var response = await _http.PostAsync(Endpoint, content, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode}", null, response.StatusCode);
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new EthRpcException($"{Endpoint} answered {Describe(calls)} with something that is not JSON: '{Preview(bytes)}'", null, e);
        }

        try
        {
            return new RpcBatchResponse(document, calls, Match(document.RootElement, calls, firstId, bytes));
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    private JsonElement[] Match(JsonElement root, IReadOnlyList<RpcCall> calls, long firstId, byte[] bytes)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error))
        {
            throw new EthRpcException($"{Endpoint} rejected the batch {Describe(calls)}: {error.GetRawText()}");
        }

        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new EthRpcException($"{Endpoint} answered {Describe(calls)} with JSON that is not a JSON-RPC batch: '{Preview(bytes)}'");
        }

        var items = new JsonElement[calls.Count];
        var found = new bool[calls.Count];
        foreach (var item in root.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("id", out var idElement) || !idElement.TryGetInt64(out var id)
                || id < firstId || id >= firstId + calls.Count)
            {
                throw new EthRpcException($"{Endpoint} answered {Describe(calls)} with an item that matches no request: '{Preview(Encoding.UTF8.GetBytes(item.GetRawText()))}'");
            }

            items[id - firstId] = item;
            found[id - firstId] = true;
        }

        var missing = Array.IndexOf(found, false);
        return missing >= 0
            ? throw new EthRpcException($"{Endpoint} gave no answer to {calls[missing]}")
            : items;
    }

    private static byte[] Serialize(IReadOnlyList<RpcCall> calls, long firstId)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            for (var i = 0; i < calls.Count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("jsonrpc", "2.0");
                writer.WriteNumber("id", firstId + i);
                writer.WriteString("method", calls[i].Method);
                writer.WritePropertyName("params");
                JsonSerializer.Serialize(writer, calls[i].Params);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return stream.ToArray();
    }

    private static bool IsTransient(HttpStatusCode status) => (int)status >= 500 || status == HttpStatusCode.TooManyRequests || status == HttpStatusCode.RequestTimeout;

    private static string Describe(IReadOnlyList<RpcCall> calls) =>
        calls.Count == 1 ? calls[0].ToString() : $"a batch of {calls.Count} calls starting with {calls[0]}";

    private static string Preview(byte[] bytes) =>
        Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 120)).ReplaceLineEndings(" ");

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }
}
