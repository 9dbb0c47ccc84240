using System.Globalization;
using ChainTrace.Core.Account;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;
using ChainTrace.Ethereum.Model;

namespace ChainTrace.Ethereum.Normalization;

/// <summary>
/// Turns one block's raw data into transfer edges. Value moves only in successful transactions and, inside
/// them, only in frames with no failed ancestor (a revert undoes the whole subtree). The top-level frame of a
/// trace is the transaction itself and is represented once, by the transaction's native transfer.
/// </summary>
public static class EthBlockNormalizer
{
    private const long WeiPerGwei = 1_000_000_000;

    public static AccountBlock Normalize(BlockData data, Network network)
    {
        var block = data.Block;
        var location = $"block {block.Number}";
        var receipts = IndexReceipts(data, location);
        var framesByTx = data.Traces?.Where(f => f.Type != TraceFrameType.Reward && f.TxIndex is not null)
            .GroupBy(f => f.TxIndex!.Value)
            .ToDictionary(g => g.Key, g => g.ToList());
        var transfers = new List<Transfer>();
        var infos = new List<EthTransactionInfo>(block.Transactions.Count);
        int badTokenEvents = 0, incompleteFrames = 0;

        foreach (var tx in block.Transactions)
        {
            receipts.TryGetValue(tx.Hash, out var receipt);
            List<TraceFrame>? frames = null;
            framesByTx?.TryGetValue(tx.Index, out frames);
            var top = frames?.FirstOrDefault(f => f.TraceAddress.Count == 0);
            bool? succeeded = receipt?.Status switch
            {
                false => false,
                _ when top is not null => top.Error is null,
                var s => s,
            };
            var created = tx.To is null ? receipt?.ContractAddress ?? (top?.Type == TraceFrameType.Create ? top.To : null) : null;
            UInt256? fee = receipt is null ? null : UInt256.FromBigInteger(receipt.GasUsed * (receipt.EffectiveGasPrice ?? tx.GasPrice ?? UInt256.Zero).ToBigInteger());
            infos.Add(new EthTransactionInfo(tx.Hash, tx.Index, tx.From, tx.To, created, tx.Value, succeeded, tx.Gas, receipt?.GasUsed, fee));
            if (succeeded == false)
            {
                continue;
            }

            if (tx.To is not null && !tx.Value.IsZero)
            {
                transfers.Add(new Transfer(TransferKind.Native, Asset.Eth, tx.From, tx.To, tx.Value, tx.Hash, Transfer.TransactionPosition));
            }
            else if (created is not null)
            {
                transfers.Add(new Transfer(TransferKind.Creation, Asset.Eth, tx.From, created, tx.Value, tx.Hash, Transfer.TransactionPosition));
            }

            foreach (var log in receipt?.Logs ?? [])
            {
                if (!Erc20TransferDecoder.IsTransferEvent(log))
                {
                    continue;
                }

                if (Erc20TransferDecoder.TryDecode(log) is { } token)
                {
                    transfers.Add(token);
                }
                else
                {
                    badTokenEvents++;
                }
            }

            if (frames is not null)
            {
                incompleteFrames += AddInternal(tx, frames, transfers);
            }
        }

        var rewardIndex = 0;
        foreach (var reward in data.Traces?.Where(f => f.Type == TraceFrameType.Reward) ?? [])
        {
            var position = (rewardIndex++).ToString(CultureInfo.InvariantCulture);
            transfers.Add(new Transfer(TransferKind.Reward, Asset.Eth, EthChainAddress.Issuance, reward.To!, reward.Value ?? UInt256.Zero, null, position));
        }

        foreach (var w in block.Withdrawals)
        {
            transfers.Add(new Transfer(
                TransferKind.Withdrawal, Asset.Eth, EthChainAddress.Issuance, w.Address,
                UInt256.FromBigInteger(w.AmountGwei.ToBigInteger() * WeiPerGwei),
                null, w.Index.ToString(CultureInfo.InvariantCulture)));
        }

        var header = new BlockHeader(Chain.Eth, block.Number, block.Hash, block.ParentHash, DateTimeOffset.FromUnixTimeSeconds(block.Timestamp));
        return new AccountBlock(header, network, infos, transfers, data.Traces is not null, new NormalizationWarnings(badTokenEvents, incompleteFrames));
    }

    private static Dictionary<Hash32, RawReceipt> IndexReceipts(BlockData data, string location)
    {
        var map = new Dictionary<Hash32, RawReceipt>();
        foreach (var receipt in data.Receipts ?? [])
        {
            if (!map.TryAdd(receipt.TxHash, receipt))
            {
                throw new MalformedDataException(location, $"two receipts for transaction {receipt.TxHash}");
            }
        }

        if (data.Receipts is not null && data.Block.Transactions.FirstOrDefault(t => !map.ContainsKey(t.Hash)) is { } missing)
        {
            throw new MalformedDataException(location, $"no receipt for transaction 0x{missing.Hash}");
        }

        return map;
    }

    /// <returns>The number of frames skipped because they lack the fields a transfer needs.</returns>
    private static int AddInternal(RawTransaction tx, List<TraceFrame> frames, List<Transfer> transfers)
    {
        var failed = new List<IReadOnlyList<int>>();
        var incomplete = 0;
        foreach (var frame in frames)
        {
            if (frame.Error is not null)
            {
                failed.Add(frame.TraceAddress);
                continue;
            }

            if (frame.TraceAddress.Count == 0 || failed.Any(f => IsPrefix(f, frame.TraceAddress)))
            {
                continue;
            }

            var position = frame.Position;
            switch (frame.Type)
            {
                case TraceFrameType.Call when frame.CallType is "call" or "callcode" && frame.Value is { IsZero: false } value:
                    transfers.Add(new Transfer(TransferKind.Internal, Asset.Eth, frame.From!, frame.To!, value, tx.Hash, position));
                    break;
                case TraceFrameType.Create when frame.To is not null && frame.From is not null:
                    transfers.Add(new Transfer(TransferKind.Creation, Asset.Eth, frame.From, frame.To, frame.Value ?? UInt256.Zero, tx.Hash, position));
                    break;
                case TraceFrameType.SelfDestruct when frame.From is null || frame.To is null || frame.Value is null:
                    incomplete++;
                    break;
                case TraceFrameType.SelfDestruct when !frame.Value.Value.IsZero:
                    transfers.Add(new Transfer(TransferKind.Internal, Asset.Eth, frame.From, frame.To, frame.Value.Value, tx.Hash, position));
                    break;
            }
        }

        return incomplete;
    }

    private static bool IsPrefix(IReadOnlyList<int> prefix, IReadOnlyList<int> address)
    {
        if (prefix.Count > address.Count)
        {
            return false;
        }

        for (var i = 0; i < prefix.Count; i++)
        {
            if (prefix[i] != address[i])
            {
                return false;
            }
        }

        return true;
    }
}
