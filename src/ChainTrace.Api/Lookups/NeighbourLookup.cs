using ChainTrace.Api.Contracts;
using ChainTrace.Api.Problems;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Queries;

namespace ChainTrace.Api.Lookups;

/// <summary>One hop of the graph around an address: who paid it (in) or whom it paid (out).</summary>
public sealed class NeighbourLookup(IUtxoGraphStore utxoStore, IAccountGraphStore accountStore)
{
    public const int MaxLimit = 1_000;

    public async Task<LookupResult<NeighboursDto>> GetAsync(string chainCode, string text, string? direction, int? limit, CancellationToken cancellationToken)
    {
        if (!ChainCodes.TryParse(chainCode, out var chain))
        {
            return LookupErrors.UnknownChain(new UnknownChainException(chainCode));
        }

        FlowDirection flow;
        switch (direction?.ToLowerInvariant())
        {
            case null or "out": flow = FlowDirection.Out; break;
            case "in": flow = FlowDirection.In; break;
            default: return LookupErrors.BadParameter("direction", $"'{direction}' is not a direction: use in or out");
        }

        var take = limit ?? 100;
        if (take is < 1 or > MaxLimit)
        {
            return LookupErrors.BadParameter("limit", $"limit must be between 1 and {MaxLimit}, got {take}");
        }

        if (chain == Chain.Eth)
        {
            if (!EthAddress.TryParse(text, out var ethAddress, out var ethError))
            {
                return LookupErrors.InvalidAddress(ethError!);
            }

            return ToDto(chain, ethAddress!, flow, await accountStore.GetNeighboursAsync(ethAddress!, flow, take, cancellationToken));
        }

        var (address, _, error) = await BtcAddressInput.ParseAsync(utxoStore, text, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        return ToDto(chain, address!, flow, await utxoStore.GetNeighboursAsync(address!, flow, take, cancellationToken));
    }

    private static LookupResult<NeighboursDto> ToDto(Chain chain, Address address, FlowDirection flow, IReadOnlyList<AddressNeighbour> neighbours) =>
        LookupResult<NeighboursDto>.Ok(new NeighboursDto(
            chain.ToCode(),
            address.ToString()!,
            flow.ToString().ToLowerInvariant(),
            neighbours.Select(n => new NeighbourDto(n.Address.ToString()!, n.Asset.ToString(), n.Value.ToString(), n.TxCount)).ToList()));
}
