using ChainTrace.Api.Contracts;
using ChainTrace.Api.Problems;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Api.Lookups;

/// <summary>Transaction lookup shared by <c>GET /v1/transactions/{chain}/{id}</c> and <c>chaintrace tx</c>.</summary>
public sealed class TransactionLookup(IUtxoGraphStore utxoStore)
{
    public async Task<LookupResult<object>> GetAsync(string chainCode, string text, CancellationToken cancellationToken)
    {
        if (!ChainCodes.TryParse(chainCode, out var chain))
        {
            return LookupErrors.UnknownChain(new UnknownChainException(chainCode));
        }

        if (chain != Chain.Btc)
        {
            return LookupErrors.ChainNotIngested(chain);
        }

        if (!Hash32.TryParse(text, out var txId) || text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return LookupErrors.InvalidHash(text, "transaction id");
        }

        var tx = await utxoStore.GetTransactionAsync(txId, cancellationToken);
        return tx is null
            ? LookupErrors.NotFound($"transaction {txId} is not in the ingested btc blocks")
            : LookupResult<object>.Ok(tx.ToDto());
    }
}
