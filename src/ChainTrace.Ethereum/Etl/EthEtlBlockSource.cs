using System.Runtime.CompilerServices;
using ChainTrace.Core.Account;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Ethereum.Model;
using ChainTrace.Ethereum.Normalization;

namespace ChainTrace.Ethereum.Etl;

/// <summary>
/// Reads a blockchain-etl export directory (<c>ethereumetl export_all</c> / <c>stream</c> output, the schema of
/// BigQuery <c>crypto_ethereum</c>). Each table is <c>NAME.json</c> (JSON Lines) or <c>NAME.csv</c>:
/// <list type="bullet">
/// <item><c>blocks</c> (required): number, hash, parent_hash, timestamp, miner, withdrawals (list of
/// {index, address, amount in gwei}).</item>
/// <item><c>transactions</c> (required): hash, block_number, transaction_index, from_address, to_address, value
/// (decimal wei), gas, gas_price; receipt_status, receipt_gas_used, receipt_contract_address,
/// receipt_effective_gas_price when enriched.</item>
/// <item><c>receipts</c>: transaction_hash, status, gas_used, effective_gas_price, contract_address.</item>
/// <item><c>logs</c>: block_number, transaction_hash, log_index, address, data, topics (list; CSV comma-joined).</item>
/// <item><c>token_transfers</c>: token_address, from_address, to_address, value, transaction_hash, log_index,
/// block_number — read only when there is no <c>logs</c> table (both hold the same ERC-20 transfers).</item>
/// <item><c>traces</c>: block_number, transaction_hash, transaction_index, from_address, to_address, value,
/// trace_type (call, create, suicide, reward), call_type, trace_address (list; CSV comma-joined), error.</item>
/// </list>
/// Values are decimal strings or numbers, hashes and addresses 0x-hex. Without a traces table, blocks carry no
/// internal transfers.
/// </summary>
public sealed class EthEtlBlockSource(string directory, Network network = Network.Main) : IAccountBlockSource
{
    private EtlExport? _export;

    public string Description => $"etl {directory}";

    public async Task<long> GetFirstHeightAsync(CancellationToken cancellationToken)
    {
        var export = await LoadAsync(cancellationToken);
        return export.Blocks.Count == 0 ? 0 : export.Blocks.Keys.First();
    }

    public async Task<long?> GetTipHeightAsync(CancellationToken cancellationToken)
    {
        var export = await LoadAsync(cancellationToken);
        return export.Blocks.Count == 0 ? null : export.Blocks.Keys.Last();
    }

    public async Task<Hash32?> GetBlockHashAsync(long height, CancellationToken cancellationToken)
    {
        var export = await LoadAsync(cancellationToken);
        return export.Blocks.TryGetValue(height, out var block) ? block.Hash : null;
    }

    public async IAsyncEnumerable<AccountBlock> ReadBlocksAsync(long fromHeight, long toHeight, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var export = await LoadAsync(cancellationToken);
        for (var height = fromHeight; height <= toHeight; height++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!export.Blocks.TryGetValue(height, out var block))
            {
                throw new MalformedDataException(Description, $"the blocks table has no block {height}");
            }

            yield return EthBlockNormalizer.Normalize(ToBlockData(export, block), network);
        }
    }

    private static BlockData ToBlockData(EtlExport export, RawBlock block)
    {
        List<RawReceipt>? receipts = null;
        if (export.Receipts is { } all)
        {
            receipts = new List<RawReceipt>(block.Transactions.Count);
            foreach (var tx in block.Transactions)
            {
                receipts.Add(all.TryGetValue(tx.Hash, out var receipt)
                    ? receipt
                    : throw new MalformedDataException($"block {block.Number}", $"the export has no receipt for transaction 0x{tx.Hash}"));
            }
        }

        IReadOnlyList<TraceFrame>? traces = export.Traces is null ? null : export.Traces.GetValueOrDefault(block.Number) ?? [];
        return new BlockData(block, receipts, traces);
    }

    private async Task<EtlExport> LoadAsync(CancellationToken cancellationToken) =>
        _export ??= await EtlExportLoader.LoadAsync(directory, cancellationToken);
}
