using ChainTrace.Api.Contracts;
using ChainTrace.Api.Problems;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;

namespace ChainTrace.Api.Lookups;

/// <summary>Address summary lookup shared by <c>GET /v1/addresses/{chain}/{address}</c> and <c>chaintrace address</c>.</summary>
public sealed class AddressLookup(IUtxoGraphStore utxoStore, IAccountGraphStore accountStore)
{
    public async Task<LookupResult<AddressDto>> GetAsync(string chainCode, string text, CancellationToken cancellationToken)
    {
        if (!ChainCodes.TryParse(chainCode, out var chain))
        {
            return LookupErrors.UnknownChain(new UnknownChainException(chainCode));
        }

        return chain switch
        {
            Chain.Btc => await GetBtcAsync(text, cancellationToken),
            _ => await GetEthAsync(text, cancellationToken),
        };
    }

    private async Task<LookupResult<AddressDto>> GetBtcAsync(string text, CancellationToken cancellationToken)
    {
        var (address, network, error) = await BtcAddressInput.ParseAsync(utxoStore, text, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (network is null)
        {
            return LookupErrors.ChainNotIngested(Chain.Btc);
        }

        var summary = await utxoStore.GetAddressSummaryAsync(address!, cancellationToken);
        if (summary is null)
        {
            var tip = await utxoStore.GetTipAsync(Chain.Btc, cancellationToken);
            return LookupErrors.NotFound($"address {address} appears in no ingested btc transaction (store tip: height {tip?.Height})");
        }

        return LookupResult<AddressDto>.Ok(summary.ToDto());
    }

    private async Task<LookupResult<AddressDto>> GetEthAsync(string text, CancellationToken cancellationToken)
    {
        if (!EthAddress.TryParse(text, out var address, out var error))
        {
            return LookupErrors.InvalidAddress(error!);
        }

        if (await accountStore.GetTipAsync(Chain.Eth, cancellationToken) is not { } tip)
        {
            return LookupErrors.ChainNotIngested(Chain.Eth);
        }

        var summary = await accountStore.GetAddressSummaryAsync(address!, cancellationToken);
        return summary is null
            ? LookupErrors.NotFound($"address {address} moved no value in the ingested eth blocks (store tip: height {tip.Height})")
            : LookupResult<AddressDto>.Ok(summary.ToDto());
    }
}
