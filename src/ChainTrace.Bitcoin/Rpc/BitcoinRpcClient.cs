using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChainTrace.Bitcoin.Http;
using Microsoft.Extensions.Logging;

namespace ChainTrace.Bitcoin.Rpc;

/// <summary>Bitcoin Core JSON-RPC 1.0 over HTTP with Basic auth (cookie or user/password) and transient retries.</summary>
internal sealed class BitcoinRpcClient(HttpClient http, BitcoinRpcOptions options, ILogger? logger = null)
{
    private readonly HttpRetry _retry = new(options.Retry ?? RetryOptions.Default, $"bitcoin RPC {options.Url}", logger);
    private long _nextId;

    /// <summary>Calls <paramref name="method"/> and returns its <c>result</c>, detached from the response document.</summary>
    public Task<JsonElement> CallAsync(string method, object[] parameters, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync($"bitcoin RPC {options.Url}", ct => SendAsync(method, parameters, ct), cancellationToken);

    private async Task<JsonElement> SendAsync(string method, object[] parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var body = JsonSerializer.Serialize(new { jsonrpc = "1.0", id, method, @params = parameters });
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = await AuthorizationAsync(cancellationToken).ConfigureAwait(false);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new SourceAuthenticationException(
                $"bitcoin RPC {options.Url} refused the credentials ({(int)response.StatusCode}); check the cookie file or rpcuser/rpcpassword");
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (TryParseEnvelope(text, out var envelope))
        {
            using (envelope)
            {
                var root = envelope.RootElement;
                if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : 0;
                    var message = error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
                    throw new BitcoinRpcException(method, code, message);
                }

                if (response.IsSuccessStatusCode && root.TryGetProperty("result", out var result))
                {
                    return result.Clone();
                }
            }
        }

        if ((int)response.StatusCode >= 500)
        {
            throw new TransientHttpException($"HTTP {(int)response.StatusCode} for {method}");
        }

        throw new BitcoinRpcException(method, (int)response.StatusCode, $"unexpected HTTP {(int)response.StatusCode} answer: {Truncate(text)}");
    }

    private async Task<AuthenticationHeaderValue?> AuthorizationAsync(CancellationToken cancellationToken)
    {
        string? credentials = null;
        if (options.CookieFile is { } cookie)
        {
            credentials = (await File.ReadAllTextAsync(cookie, cancellationToken).ConfigureAwait(false)).Trim();
        }
        else if (options.User is { } user)
        {
            credentials = $"{user}:{options.Password}";
        }

        return credentials is null ? null : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
    }

    private static bool TryParseEnvelope(string text, out JsonDocument document)
    {
        document = null!;
        if (string.IsNullOrWhiteSpace(text) || text.TrimStart()[0] != '{')
        {
            return false;
        }

        try
        {
            document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
