using ChainTrace.Api.Contracts;
using ChainTrace.Api.Neighbours;
using ChainTrace.Api.Problems;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Queries;

namespace ChainTrace.Api.Lookups;

/// <summary>
/// One hop of the graph around an address, a page at a time: who paid it (in) or whom it paid (out). An address
/// the store has never seen answers as its summary does (not found), not with an empty list.
/// </summary>
public sealed class NeighbourLookup(IUtxoGraphStore utxoStore, IAccountGraphStore accountStore, AddressLookup addresses, NeighbourActivity activity)
{
    public const int MaxLimit = 1_000;

    public async Task<LookupResult<NeighboursDto>> GetAsync(string chainCode, string text, string? direction, int? limit, string? cursor, CancellationToken cancellationToken)
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

        NeighbourCursor? after = null;
        if (cursor is not null)
        {
            if (!NeighbourCursor.TryParse(cursor, out after))
            {
                return LookupErrors.BadParameter("cursor", $"'{cursor}' is not a cursor: pass the 'next' value of the previous page unchanged");
            }
        }

        // The summary's answer for an address without activity (not found, chain not ingested, invalid address).
        var (summary, error) = await addresses.FindAsync(chainCode, text, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var page = summary!.Address switch
        {
            EthAddress eth => await accountStore.GetNeighboursAsync(eth, flow, take, after, cancellationToken),
            BtcAddress btc => await utxoStore.GetNeighboursAsync(btc, flow, take, after, cancellationToken),
            var other => throw new InvalidOperationException($"no neighbour query for address type {other.GetType().Name}"),
        };
        var times = summary.Address is BtcAddress address ? await activity.OfAsync(address, flow, cancellationToken) : null;
        return LookupResult<NeighboursDto>.Ok(new NeighboursDto(
            chain.ToCode(),
            summary.Address.ToString()!,
            flow.ToString().ToLowerInvariant(),
            page.Neighbours.Select(n => Dto(n, times?.Find(n.Address))).ToList(),
            page.Next?.ToString(),
            times?.Total ?? page.Total));
    }

    /// <summary>Bitcoin's span comes from the read model over all transactions; an account chain's from the store, within the page.</summary>
    private static NeighbourDto Dto(AddressNeighbour n, NeighbourSpan? span) => span is not null
        ? new(n.Address.ToString()!, n.Asset.ToString(), n.Value.ToString(), n.TxCount, span.First.Height, span.First.Time, span.Last.Height, span.Last.Time)
        : new(n.Address.ToString()!, n.Asset.ToString(), n.Value.ToString(), n.TxCount, n.First?.Height, n.First?.Time, n.Last?.Height, n.Last?.Time);
}
