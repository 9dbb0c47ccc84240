namespace ChainTrace.Bitcoin.Http;

/// <param name="MaxRetries">Retries after the first attempt.</param>
/// <param name="BaseDelay">First backoff delay; each later one doubles.</param>
/// <param name="RequestTimeout">Per request; a timed-out request counts as transient.</param>
public sealed record RetryOptions(int MaxRetries, TimeSpan BaseDelay, TimeSpan RequestTimeout)
{
    public static RetryOptions Default { get; } = new(5, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(100));
}
