using System.Net;
using ChainTrace.TestSupport;

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
        (_listener, Url) = LoopbackHttpListener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    public int Requests;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        // Close alone (see LoopbackHttpListener.Start).
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
