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
        var (address, error) = Parse(text, network);
        return (address, network, error);
    }

    /// <summary>Parses against the store's network when it has one (<paramref name="network"/>), else mainnet.</summary>
    public static (BtcAddress? Address, LookupError? Error) Parse(string text, Network? network)
    {
        try
        {
            // An empty store has no network yet: validate against mainnet so typos are still caught.
            return (BtcAddress.Parse(text, network ?? Network.Main), null);
        }
        catch (AddressFormatException error)
        {
            return (null, LookupErrors.InvalidAddress(error));
        }
    }
}
