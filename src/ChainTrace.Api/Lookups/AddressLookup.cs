using ChainTrace.Api.Contracts;
using ChainTrace.Api.Problems;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Queries;

namespace ChainTrace.Api.Lookups;

/// <summary>Address summary lookup shared by <c>GET /v1/addresses/{chain}/{address}</c> and <c>chaintrace address</c>.</summary>
public sealed class AddressLookup(IUtxoGraphStore utxoStore, IAccountGraphStore accountStore)
{
    public async Task<LookupResult<AddressDto>> GetAsync(string chainCode, string text, CancellationToken cancellationToken)
    {
        var (summary, error) = await FindAsync(chainCode, text, cancellationToken);
        return error is not null ? error : LookupResult<AddressDto>.Ok(summary!.ToDto());
    }

    /// <summary>The summary of an address with activity in the store, or the problem every address lookup answers.</summary>
    public async Task<(AddressSummary? Summary, LookupError? Error)> FindAsync(string chainCode, string text, CancellationToken cancellationToken)
    {
        if (!ChainCodes.TryParse(chainCode, out var chain))
        {
            return (null, LookupErrors.UnknownChain(new UnknownChainException(chainCode)));
        }

        return chain switch
        {
            Chain.Btc => await FindBtcAsync(text, cancellationToken),
            _ => await FindEthAsync(text, cancellationToken),
        };
    }

    private async Task<(AddressSummary?, LookupError?)> FindBtcAsync(string text, CancellationToken cancellationToken)
    {
        var (address, network, error) = await BtcAddressInput.ParseAsync(utxoStore, text, cancellationToken);
        if (error is not null)
        {
            return (null, error);
        }

        if (network is null)
        {
            return (null, LookupErrors.ChainNotIngested(Chain.Btc));
        }

        var summary = await utxoStore.GetAddressSummaryAsync(address!, cancellationToken);
        if (summary is null)
        {
            var tip = await utxoStore.GetTipAsync(Chain.Btc, cancellationToken);
            return (null, LookupErrors.NotFound($"address {address} appears in no ingested btc transaction (store tip: height {tip?.Height})"));
        }

        return (summary, null);
    }

    private async Task<(AddressSummary?, LookupError?)> FindEthAsync(string text, CancellationToken cancellationToken)
    {
        if (!EthAddress.TryParse(text, out var address, out var error))
        {
            return (null, LookupErrors.InvalidAddress(error!));
        }

        if (await accountStore.GetTipAsync(Chain.Eth, cancellationToken) is not { } tip)
        {
            return (null, LookupErrors.ChainNotIngested(Chain.Eth));
        }

        var summary = await accountStore.GetAddressSummaryAsync(address!, cancellationToken);
        return summary is null
            ? (null, LookupErrors.NotFound($"address {address} moved no value in the ingested eth blocks (store tip: height {tip.Height})"))
            : (summary, null);
    }
}
