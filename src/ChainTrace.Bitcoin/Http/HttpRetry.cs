using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace ChainTrace.Bitcoin.Http;

/// <summary>
/// Retries what a restarting or overloaded node produces (refused connections, timeouts, 5xx), with
/// exponential backoff, then gives up with <see cref="SourceUnavailableException"/> naming the endpoint.
/// RPC errors and 4xx answers are not retried: asking again gives the same answer. Each retry is logged
/// (Warning), so a node that keeps failing is visible before the source gives up.
/// </summary>
internal sealed partial class HttpRetry
{
    private readonly ResiliencePipeline _pipeline;
    private readonly RetryOptions _options;

    public HttpRetry(RetryOptions options, string endpoint, ILogger? logger = null)
    {
        _options = options;
        var log = logger ?? NullLogger.Instance;
        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                Delay = options.BaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                OnRetry = args =>
                {
                    Retrying(log, endpoint, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message ?? "no answer");
                    return default;
                },
            })
            .Build();
    }

    public async Task<T> ExecuteAsync<T>(string endpoint, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        if (_options.MaxRetries <= 0)
        {
            return await Wrap(endpoint, call, cancellationToken).ConfigureAwait(false);
        }

        return await Wrap(endpoint, ct => _pipeline.ExecuteAsync(async inner => await call(inner).ConfigureAwait(false), ct).AsTask(), cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> Wrap<T>(string endpoint, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw new SourceUnavailableException($"{endpoint} unavailable after {_options.MaxRetries + 1} attempts: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// An HttpRequestException without a status is a connection failure. HttpClient reports its own timeout as
    /// a cancellation; a caller's cancellation is not transient.
    /// </summary>
    private static bool IsTransient(Exception ex) =>
        ex is HttpRequestException { StatusCode: null } or TransientHttpException or IOException
        || (ex is TaskCanceledException { InnerException: TimeoutException });

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "{Endpoint} failed ({Error}); retry {Attempt} in {Delay}")]
    private static partial void Retrying(ILogger logger, string endpoint, int attempt, TimeSpan delay, string error);
}
