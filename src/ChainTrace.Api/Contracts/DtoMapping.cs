using System.Globalization;
using ChainTrace.Core.Account;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Queries;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Api.Contracts;

public static class DtoMapping
{
    public static AddressDto ToDto(this AddressSummary summary) => new(
        summary.Address.Chain.ToCode(),
        summary.Address.ToString()!,
        new SeenDto(summary.FirstSeen.Height, summary.FirstSeen.Time.ToUniversalTime()),
        new SeenDto(summary.LastSeen.Height, summary.LastSeen.Time.ToUniversalTime()),
        summary.TxCount,
        summary.Totals.Select(t => new AssetTotalsDto(t.Asset.ToString(), t.Received.ToString(), t.Sent.ToString(), t.Balance?.ToString(), t.UnknownSpends)).ToList());

    public static BtcTransactionDto ToDto(this UtxoTransactionView tx) => new(
        Chain.Btc.ToCode(),
        tx.TxId.ToString(),
        new BlockDto(tx.BlockHeight, tx.BlockHash.ToString(), tx.BlockTime.ToUniversalTime()),
        tx.Position,
        tx.IsCoinbase,
        tx.Size,
        tx.VSize,
        Sats(tx.Fee),
        tx.Inputs.Select(i => new BtcInputDto(
            i.Index,
            i.Source == PrevoutSource.Coinbase ? null : new OutPointDto(i.PrevOut.TxId.ToString(), i.PrevOut.Index),
            i.Address?.ToString(),
            Sats(i.Value),
            i.Source.ToString().ToLowerInvariant())).ToList(),
        tx.Outputs.Select(o => new BtcOutputDto(
            o.Index,
            Sats(o.Value)!,
            o.Kind.ToString().ToLowerInvariant(),
            o.Address?.ToString(),
            o.SpentBy is { } spent ? new OutPointDto(spent.TxId.ToString(), spent.Index) : null)).ToList());

    public static EthTransactionDto ToDto(this AccountTransactionView view)
    {
        var tx = view.Transaction;
        return new EthTransactionDto(
            Chain.Eth.ToCode(),
            "0x" + tx.Hash,
            new BlockDto(view.BlockHeight, "0x" + view.BlockHash, view.BlockTime.ToUniversalTime()),
            tx.Index,
            tx.From.ToString(),
            tx.To?.ToString(),
            tx.CreatedContract?.ToString(),
            tx.Value.ToString(),
            tx.Succeeded switch { true => "success", false => "failed", null => "unknown" },
            tx.Gas,
            tx.GasUsed,
            tx.Fee?.ToString(),
            view.Transfers.Select(ToDto).ToList(),
            view.TracesAvailable);
    }

    public static TransferDto ToDto(this Transfer transfer) => new(
        transfer.Kind.ToString().ToLowerInvariant(),
        transfer.Asset.ToString(),
        transfer.From.ToString(),
        transfer.To.ToString(),
        transfer.Value.ToString(),
        transfer.Position);

    private static string? Sats(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
