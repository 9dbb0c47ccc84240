namespace ChainTrace.Risk;

/// <summary>
/// One renewal at a time, in the background: <see cref="Start"/> runs the work on the thread pool unless a run is
/// under way, and the next <see cref="Start"/> after it ends (done or failed) may run it again. Callers keep answering
/// from what they hold meanwhile.
/// </summary>
internal sealed class BackgroundRenewal
{
    private int _running;

    public void Start(Func<Task> renew)
    {
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await renew().ConfigureAwait(false);
            }
            finally
            {
                Volatile.Write(ref _running, 0);
            }
        }, CancellationToken.None);
    }
}
