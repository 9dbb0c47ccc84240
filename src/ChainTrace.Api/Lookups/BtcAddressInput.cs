using ChainTrace.Api.Problems;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;

namespace ChainTrace.Api.Lookups;

/// <summary>Parses a Bitcoin address against the network the store holds, the way every lookup needs it.</summary>
internal static class BtcAddressInput
{
    /// <returns>The address and the store's network (null when no btc block is stored), or the problem to answer.</returns>
    public static async Task<(BtcAddress? Address, Network? StoreNetwork, LookupError? Error)> ParseAsync(
        IUtxoGraphStore store, string text, CancellationToken cancellationToken)
    {
        var network = await store.GetNetworkAsync(Chain.Btc, cancellationToken);
        try
        {
            // An empty store has no network yet: validate against mainnet so typos are still caught.
            return (BtcAddress.Parse(text, network ?? Network.Main), network, null);
        }
        catch (AddressFormatException error)
        {
            return (null, network, LookupErrors.InvalidAddress(error));
        }
    }
}
