using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Risk;
using ChainTrace.Risk.Storage;

namespace ChainTrace.Risk;

/// <summary>
/// The screening hot path: a lookup of the precomputed facts (<see cref="RiskRefresh"/>) plus the address's
/// current labels, scored and decided under the policy. The stored refresh is reopened when a newer one is
/// written. Ethereum exposure is not computed yet: Ethereum addresses are answered from labels alone.
/// </summary>
public sealed class RiskService(string dataDirectory, ScreeningPolicy policy, RiskLabelSource labels) : IDisposable
{
    private readonly Lock _lock = new();
    private volatile RiskStore? _store;
    private DateTime _storeWritten;

    public ScreeningPolicy Policy => policy;

    public async Task<RiskAnswer> ScreenAsync(Address address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        RiskFacts? facts = null;
        RiskSnapshot? snapshot = null;
        if (address.Chain == Chain.Btc)
        {
            if (Current() is { } store)
            {
                snapshot = store.Snapshot;
                try
                {
                    facts = store.Find(address.Key);
                }
                catch (ObjectDisposedException)
                {
                    // A newer refresh replaced this one between the two lines: answer from the new one.
                    store = Current()!;
                    snapshot = store.Snapshot;
                    facts = store.Find(address.Key);
                }
            }
        }

        var riskLabels = await labels.GetAsync(address, facts?.ClusterId, cancellationToken).ConfigureAwait(false);
        var score = RiskScorer.Score(facts ?? RiskFacts.None, riskLabels);
        var (decision, why) = policy.Decide(score, facts ?? RiskFacts.None);
        return new RiskAnswer(address, facts, riskLabels, score, decision, why, snapshot);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _store?.Dispose();
            _store = null;
        }
    }

    /// <summary>The stored refresh, reopened when a newer file was moved into place (one stat per call, no lock unless it changed).</summary>
    private RiskStore? Current()
    {
        var path = RiskRefresh.StorePath(dataDirectory);
        var written = File.GetLastWriteTimeUtc(path);
        if (_store is { } current && written == _storeWritten)
        {
            return current;
        }

        lock (_lock)
        {
            if (!File.Exists(path))
            {
                return _store;
            }

            written = File.GetLastWriteTimeUtc(path);
            if (_store is null || written != _storeWritten)
            {
                var old = _store;
                _store = RiskStore.TryOpen(path);
                _storeWritten = written;
                old?.Dispose();
            }

            return _store;
        }
    }
}
