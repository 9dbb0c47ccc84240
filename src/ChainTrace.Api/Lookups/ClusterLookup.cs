using System.Globalization;
using ChainTrace.Api.Clusters;
using ChainTrace.Api.Contracts;
using ChainTrace.Api.Problems;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Clustering;
using ChainTrace.Core.Ports;

namespace ChainTrace.Api.Lookups;

/// <summary>Cluster lookups shared by the <c>/v1/clusters</c> endpoints and <c>chaintrace cluster show</c>.</summary>
public sealed class ClusterLookup(IClusterQueries clusters, IUtxoGraphStore utxoStore)
{
    public const int MaxLimit = 1000;

    public async Task<LookupResult<ClusterDto>> GetByAddressAsync(string chainCode, string text, CancellationToken cancellationToken)
    {
        if (!ChainCodes.TryParse(chainCode, out var chain))
        {
            return LookupErrors.UnknownChain(new UnknownChainException(chainCode));
        }

        Address? address;
        if (chain == Chain.Btc)
        {
            var (btc, network, error) = await BtcAddressInput.ParseAsync(utxoStore, text, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            if (network is null)
            {
                return LookupErrors.ChainNotIngested(Chain.Btc);
            }

            address = btc;
        }
        else if (!EthAddress.TryParse(text, out var eth, out var ethError))
        {
            return LookupErrors.InvalidAddress(ethError!);
        }
        else
        {
            address = eth;
        }

        if (await clusters.GetClusterIdAsync(address!, cancellationToken) is not { } id)
        {
            return LookupErrors.NotFound($"address {address} is in no cluster: it is not in the clustered {chain.ToCode()} blocks (run `chaintrace cluster update`)");
        }

        return await GetAsync(chain, id, cancellationToken);
    }

    public async Task<LookupResult<ClusterDto>> GetAsync(string chainCode, string idText, CancellationToken cancellationToken)
    {
        var parsed = Parse(chainCode, idText);
        return parsed.Error ?? await GetAsync(parsed.Chain, parsed.Id, cancellationToken);
    }

    public async Task<LookupResult<PageDto<string>>> GetAddressesAsync(string chainCode, string idText, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var parsed = Parse(chainCode, idText, cursor, limit);
        if (parsed.Error is { } error)
        {
            return error;
        }

        var page = await clusters.GetAddressesAsync(parsed.Chain, parsed.Id, parsed.After, parsed.Limit, cancellationToken);
        return page is null
            ? NotFound(parsed.Chain, parsed.Id)
            : LookupResult<PageDto<string>>.Ok(new PageDto<string>(page.Items.Select(a => a.ToString()!).ToList(), page.Next is { } n ? PageCursor.Encode(n) : null));
    }

    public async Task<LookupResult<PageDto<ClusterLinkDto>>> GetLinksAsync(string chainCode, string idText, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var parsed = Parse(chainCode, idText, cursor, limit);
        if (parsed.Error is { } error)
        {
            return error;
        }

        var page = await clusters.GetLinksAsync(parsed.Chain, parsed.Id, parsed.After, parsed.Limit, cancellationToken);
        return page is null
            ? NotFound(parsed.Chain, parsed.Id)
            : LookupResult<PageDto<ClusterLinkDto>>.Ok(new PageDto<ClusterLinkDto>(page.Items.Select(l => l.ToDto()).ToList(), page.Next is { } n ? PageCursor.Encode(n) : null));
    }

    private async Task<LookupResult<ClusterDto>> GetAsync(Chain chain, long id, CancellationToken cancellationToken)
    {
        var summary = await clusters.GetClusterAsync(chain, id, cancellationToken);
        return summary is null ? NotFound(chain, id) : LookupResult<ClusterDto>.Ok(summary.ToDto());
    }

    private static LookupError NotFound(Chain chain, long id) => LookupErrors.NotFound($"no {chain.ToCode()} cluster {id} in the clustered blocks");

    private static ParsedRequest Parse(string chainCode, string idText, string? cursor = null, int? limit = null)
    {
        if (!ChainCodes.TryParse(chainCode, out var chain))
        {
            return new ParsedRequest(default, 0, 0, 0, LookupErrors.UnknownChain(new UnknownChainException(chainCode)));
        }

        if (!long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id > int.MaxValue)
        {
            return new ParsedRequest(chain, 0, 0, 0, LookupErrors.BadParameter("id", $"'{idText}' is not a cluster id: expected a non-negative integer"));
        }

        if (PageCursor.Decode(cursor) is not { } after)
        {
            return new ParsedRequest(chain, id, 0, 0, LookupErrors.BadParameter("cursor", "not a cursor given by this API (pass next_cursor of the previous page)"));
        }

        if (limit is < 1 or > MaxLimit)
        {
            return new ParsedRequest(chain, id, after, 0, LookupErrors.BadParameter("limit", $"limit must be between 1 and {MaxLimit}"));
        }

        return new ParsedRequest(chain, id, after, limit ?? 100, null);
    }

    private sealed record ParsedRequest(Chain Chain, long Id, long After, int Limit, LookupError? Error);
}
