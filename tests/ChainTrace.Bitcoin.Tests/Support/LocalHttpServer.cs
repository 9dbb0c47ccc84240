using System.Net;
using System.Net.Sockets;

namespace ChainTrace.Bitcoin.Tests.Support;

/// <summary>A real HTTP listener on 127.0.0.1 with a free port; each request goes to the handler.</summary>
internal sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<HttpListenerContext, Task> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LocalHttpServer(Func<HttpListenerContext, Task> handler)
    {
        _handler = handler;
        (_listener, Url) = Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    public int Requests;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        // Close alone: Stop first unregisters the port, and Close then registers it again to remove it, binding it
        // anew, which fails with "Address already in use" once another test has taken the port meanwhile.
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private static (HttpListener, Uri) Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var url = new Uri($"http://127.0.0.1:{port}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(url.ToString());
            try
            {
                listener.Start();
                return (listener, url);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            Interlocked.Increment(ref Requests);
            _ = Task.Run(async () =>
            {
                try
                {
                    await _handler(context);
                }
                catch (Exception ex)
                {
                    context.Response.StatusCode = 599;
                    await WriteAsync(context.Response, "handler failed: " + ex.Message);
                }
                finally
                {
                    context.Response.Close();
                }
            });
        }
    }

    public static async Task WriteAsync(HttpListenerResponse response, string text, string contentType = "text/plain")
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        await WriteAsync(response, bytes, contentType);
    }

    public static async Task WriteAsync(HttpListenerResponse response, byte[] bytes, string contentType = "application/octet-stream")
    {
        response.ContentType = contentType;
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }
}
