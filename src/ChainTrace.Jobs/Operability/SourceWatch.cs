using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;

namespace ChainTrace.Jobs.Operability;

/// <summary>
/// Wraps a sync run: counts the blocks it wrote, and records the source's status (tip and lag after the run, or
/// unreachable with the reason when the source failed) for <c>/health</c> and <c>/metrics</c>.
/// </summary>
public sealed class SourceWatch(OperationalState statuses, JobMetrics metrics, IChainProgressStore progress, TimeProvider time)
{
    public async Task<T> ObserveAsync<T>(Chain chain, Func<Task<T>> sync, Func<CancellationToken, Task<long?>> sourceTip, Func<T, (long Blocks, long? Tip)> written, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sync);
        ArgumentNullException.ThrowIfNull(sourceTip);
        ArgumentNullException.ThrowIfNull(written);
        var code = chain.ToCode();
        T summary;
        long? tip;
        try
        {
            summary = await sync().ConfigureAwait(false);
            tip = await sourceTip(cancellationToken).ConfigureAwait(false);
        }
        catch (SourceFailureException ex)
        {
            var stored = await progress.GetTipAsync(chain, cancellationToken).ConfigureAwait(false);
            statuses.Write(new SourceStatus(code, false, null, stored?.Height, time.GetUtcNow(), ex.Message));
            throw;
        }

        var (blocks, storedTip) = written(summary);
        metrics.BlocksIngested(code, blocks);
        storedTip ??= (await progress.GetTipAsync(chain, cancellationToken).ConfigureAwait(false))?.Height;
        statuses.Write(new SourceStatus(code, true, tip, storedTip, time.GetUtcNow(), null));
        return summary;
    }
}
