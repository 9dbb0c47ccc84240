using System.Net;
using System.Text;
using System.Text.Json;
using ChainTrace.TestSupport;

namespace ChainTrace.Ethereum.Tests.Support;

/// <summary>
/// A real HTTP listener on loopback answering JSON-RPC requests through a handler: recorded mainnet responses,
/// node errors, garbage, HTTP failures.
/// </summary>
public sealed class ScriptedRpcServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<JsonElement, (int Status, string Body)> _handler;
    private readonly Task _loop;
    private int _requests;

    public ScriptedRpcServer(Func<JsonElement, (int Status, string Body)> handler)
    {
        _handler = handler;
        (_listener, Endpoint) = LoopbackHttpListener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Endpoint { get; }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Answers each call of a batch with <paramref name="result"/>(method, params): a JSON result, or null for method-not-found.</summary>
    public static Func<JsonElement, (int, string)> Batch(Func<string, JsonElement, string?> result) => request =>
    {
        var answers = request.EnumerateArray().Select(call =>
        {
            var id = call.GetProperty("id").GetRawText();
            var answer = result(call.GetProperty("method").GetString()!, call.GetProperty("params"));
            return answer is null
                ? $$$"""{"jsonrpc":"2.0","id":{{{id}}},"error":{"code":-32601,"message":"the method does not exist"}}"""
                : $$"""{"jsonrpc":"2.0","id":{{id}},"result":{{answer}}}""";
        });
        return (200, "[" + string.Join(',', answers) + "]");
    };

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            using var reader = new StreamReader(context.Request.InputStream);
            using var doc = JsonDocument.Parse(await reader.ReadToEndAsync());
            var (status, body) = _handler(doc.RootElement);
            context.Response.StatusCode = status;
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        // Close alone (see LoopbackHttpListener.Start).
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener; nothing to report.
        }
    }
}
