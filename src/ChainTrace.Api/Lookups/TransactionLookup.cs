using ChainTrace.Api.Contracts;
using ChainTrace.Api.Problems;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Clustering;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Api.Lookups;

/// <summary>Transaction lookup shared by <c>GET /v1/transactions/{chain}/{id}</c> and <c>chaintrace tx</c>.</summary>
public sealed class TransactionLookup(IUtxoGraphStore utxoStore, IAccountGraphStore accountStore, IClusterQueries? clusters = null)
{
    public async Task<LookupResult<object>> GetAsync(string chainCode, string text, CancellationToken cancellationToken)
    {
        if (!ChainCodes.TryParse(chainCode, out var chain))
        {
            return LookupErrors.UnknownChain(new UnknownChainException(chainCode));
        }

        if (chain == Chain.Eth)
        {
            return await GetEthAsync(text, cancellationToken);
        }

        if (!Hash32.TryParse(text, out var txId) || text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return LookupErrors.InvalidHash(text, "transaction id");
        }

        var tx = await utxoStore.GetTransactionAsync(txId, cancellationToken);
        if (tx is null)
        {
            return LookupErrors.NotFound($"transaction {txId} is not in the ingested btc blocks");
        }

        var dto = tx.ToDto();
        if (clusters is not null && await clusters.GetTxHeuristicsAsync(tx.BlockHeight, tx.Position, cancellationToken) is { } heuristics)
        {
            dto = dto with { CoinJoin = heuristics.CoinJoin?.ToDto(), Change = heuristics.Change?.ToDto() };
        }

        return LookupResult<object>.Ok(dto);
    }

    private async Task<LookupResult<object>> GetEthAsync(string text, CancellationToken cancellationToken)
    {
        // Ethereum hashes are written with 0x; accept them without it too, as explorers do.
        if (!Hash32.TryParse(text, out var hash))
        {
            return LookupErrors.InvalidHash(text, "transaction hash");
        }

        var view = await accountStore.GetTransactionAsync(hash, cancellationToken);
        return view is null
            ? LookupErrors.NotFound($"transaction 0x{hash} is not in the ingested eth blocks")
            : LookupResult<object>.Ok(view.ToDto());
    }
}
