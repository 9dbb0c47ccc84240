using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Risk;
using ChainTrace.Risk.Storage;

namespace ChainTrace.Risk;

/// <summary>
/// The screening hot path: a lookup of the precomputed facts of the address's chain (<see cref="RiskRefresh"/>,
/// <see cref="EthRiskRefresh"/>) plus the address's current labels, scored and decided under the policy. A stored
/// refresh is reopened when a newer one is written.
/// </summary>
public sealed class RiskService(string dataDirectory, ScreeningPolicy policy, RiskLabelSource labels) : IDisposable
{
    private readonly StoredRefresh _btc = new(RiskRefresh.StorePath(dataDirectory));
    private readonly StoredRefresh _eth = new(EthRiskRefresh.StorePath(dataDirectory));

    public ScreeningPolicy Policy => policy;

    public async Task<RiskAnswer> ScreenAsync(Address address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        RiskFacts? facts = null;
        RiskSnapshot? snapshot = null;
        var stored = address.Chain == Chain.Btc ? _btc : address.Chain == Chain.Eth ? _eth : null;
        if (stored?.Current() is { } store)
        {
            snapshot = store.Snapshot;
            try
            {
                facts = store.Find(address.Key);
            }
            catch (ObjectDisposedException)
            {
                // A newer refresh replaced this one between the two lines: answer from the new one.
                store = stored.Current()!;
                snapshot = store.Snapshot;
                facts = store.Find(address.Key);
            }
        }

        var riskLabels = await labels.GetAsync(address, facts?.ClusterId, cancellationToken).ConfigureAwait(false);
        var score = RiskScorer.Score(facts ?? RiskFacts.None, riskLabels);
        var (decision, why) = policy.Decide(score, facts ?? RiskFacts.None);
        return new RiskAnswer(address, facts, riskLabels, score, decision, why, snapshot);
    }

    public void Dispose()
    {
        _btc.Dispose();
        _eth.Dispose();
    }
}
