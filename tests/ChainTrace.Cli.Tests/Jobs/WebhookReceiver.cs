using System.Net;
using System.Net.Sockets;

namespace ChainTrace.Cli.Tests.Jobs;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (free port): records every webhook request (headers, body) and answers 500 to the
/// first <c>failFirst</c> requests, then 200.
/// </summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<Received> _received = [];
    private readonly int _failFirst;
    private readonly Task _loop;

    public WebhookReceiver(int failFirst)
    {
        _failFirst = failFirst;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public IReadOnlyList<Received> Requests
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            int status;
            lock (_received)
            {
                status = _received.Count < _failFirst ? 500 : 200;
                _received.Add(new Received(context.Request.HttpMethod, context.Request.Headers["ChainTrace-Delivery"], context.Request.Headers["ChainTrace-Signature"], body, status));
            }

            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }

    public sealed record Received(string Method, string? Delivery, string? Signature, string Body, int AnsweredStatus);
}
