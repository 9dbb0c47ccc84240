using ChainTrace.Api.Lookups;
using ChainTrace.Api.Problems;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Core.Ports;

namespace ChainTrace.Api.Labels;

/// <summary>
/// Label queries behind <c>GET /v1/addresses/{chain}/{address}/labels</c> and <c>GET /v1/labels</c>. An address
/// with no label is an empty list, not a 404: "no label" is an answer.
/// </summary>
/// <remarks>The graph store, when there is one, only tells the network Bitcoin addresses are parsed against (else mainnet).</remarks>
public sealed class LabelLookup(ILabelStore store, AddressLabelResolver resolver, IUtxoGraphStore? utxoStore)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public async Task<LookupResult<AddressLabelsDto>> GetForAddressAsync(string chainCode, string text, CancellationToken cancellationToken)
    {
        if (!ChainCodes.TryParse(chainCode, out var chain))
        {
            return LookupErrors.UnknownChain(new UnknownChainException(chainCode));
        }

        Address address;
        if (chain == Chain.Btc)
        {
            if (utxoStore is null)
            {
                if (!BtcAddress.TryParse(text, Network.Main, out var main, out var mainError))
                {
                    return LookupErrors.InvalidAddress(mainError!);
                }

                address = main!;
            }
            else
            {
                var (btc, _, error) = await BtcAddressInput.ParseAsync(utxoStore, text, cancellationToken);
                if (error is not null)
                {
                    return error;
                }

                address = btc!;
            }
        }
        else if (EthAddress.TryParse(text, out var eth, out var error))
        {
            address = eth!;
        }
        else
        {
            return LookupErrors.InvalidAddress(error!);
        }

        var labels = await resolver.GetAsync(address, cancellationToken);
        var categories = labels.Labels.Select(l => l.Stored.Label.Category).Distinct()
            .OrderByDescending(c => c.DefaultSeverity).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        return LookupResult<AddressLabelsDto>.Ok(new AddressLabelsDto(
            chain.ToCode(),
            address.ToString()!,
            labels.ClusterId,
            categories.Select(c => c.Id).ToList(),
            categories.Count(c => c != LabelTaxonomy.Unknown) > 1,
            labels.Labels.Select(l => l.Stored.ToDto(l.Via, l.ClusterId)).ToList()));
    }

    public async Task<LookupResult<LabelListDto>> ListAsync(string? chainCode, string? categoryName, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        Chain? chain = null;
        if (!string.IsNullOrEmpty(chainCode))
        {
            if (!ChainCodes.TryParse(chainCode, out var parsed))
            {
                return LookupErrors.UnknownChain(new UnknownChainException(chainCode));
            }

            chain = parsed;
        }

        LabelCategory? category = null;
        if (!string.IsNullOrEmpty(categoryName))
        {
            if (!LabelTaxonomy.TryFind(categoryName, out var found))
            {
                return new LookupError(400, ProblemCodes.UnknownCategory, "Unknown category",
                    $"'{categoryName}' is not a category: expected one of {string.Join(", ", LabelTaxonomy.All.Select(c => c.Id))}");
            }

            category = found;
        }

        var after = 0L;
        if (!string.IsNullOrEmpty(cursor) && !LabelCursor.TryDecode(cursor, out after))
        {
            return new LookupError(400, ProblemCodes.InvalidCursor, "Invalid cursor", "the cursor is not one this API returned; start without a cursor");
        }

        if (limit is < 1 or > MaxLimit)
        {
            return LookupErrors.BadParameter("limit", $"limit must be 1 to {MaxLimit}, got {limit}");
        }

        var page = await store.ListAsync(new LabelQuery(chain, category, after, limit ?? DefaultLimit), cancellationToken);
        return LookupResult<LabelListDto>.Ok(new LabelListDto(
            page.Items.Select(l => l.ToDto(l.Label.Subject.IsCluster ? LabelVia.Cluster : LabelVia.Address, null)).ToList(),
            page.NextAfter is { } next ? LabelCursor.Encode(next) : null));
    }
}
