using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;

namespace ChainTrace.Api.Audit;

/// <summary>The data height of each chain for audit entries, read at most once a second rather than per request.</summary>
public sealed class DataHeights(IChainProgressStore store, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);
    private volatile Snapshot? _snapshot;

    public async ValueTask<long?> GetAsync(string? chainCode, CancellationToken cancellationToken)
    {
        if (!ChainCodes.TryParse(chainCode, out var chain))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var snapshot = _snapshot;
        if (snapshot is null || now - snapshot.ReadAt > MaxAge)
        {
            var heights = new Dictionary<Chain, long>();
            foreach (var each in Enum.GetValues<Chain>())
            {
                if (await store.GetTipAsync(each, cancellationToken).ConfigureAwait(false) is { } tip)
                {
                    heights[each] = tip.Height;
                }
            }

            snapshot = new Snapshot(heights, now);
            _snapshot = snapshot;
        }

        return snapshot.Heights.TryGetValue(chain, out var height) ? height : null;
    }

    private sealed record Snapshot(IReadOnlyDictionary<Chain, long> Heights, DateTimeOffset ReadAt);
}
