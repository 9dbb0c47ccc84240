using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;

namespace ChainTrace.Api.Lookups;

/// <summary>
/// The Bitcoin network the store holds, read once it is known: a store's network is fixed by its first block, so
/// a screening does not pay a database read for it (it was a tenth of a screening's time). While the store is
/// empty it is asked again each time; without a store (a host that serves labels alone) it is unknown. Screening
/// parses addresses against it, and a label upload without a network takes it.
/// </summary>
public sealed class StoreNetwork(IUtxoGraphStore? store)
{
    // The network + 1, 0 while unknown: one int, so a reader on another thread never sees half a write.
    private volatile int _known;

    public async ValueTask<Network?> GetAsync(CancellationToken cancellationToken)
    {
        if (_known is > 0 and var known)
        {
            return (Network)(known - 1);
        }

        if (store is null)
        {
            return null;
        }

        var network = await store.GetNetworkAsync(Chain.Btc, cancellationToken).ConfigureAwait(false);
        if (network is { } found)
        {
            _known = (int)found + 1;
        }

        return network;
    }
}
