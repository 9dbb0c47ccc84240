using System.Runtime.CompilerServices;
using ChainTrace.Core.Account;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Ethereum.Model;
using ChainTrace.Ethereum.Normalization;
using ChainTrace.Ethereum.Parsing;

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
/// <para>
/// A day of mainnet is gigabytes, so the blocks table (one row per block) is read first and the other tables are
/// then read in step with it, <paramref name="blocksPerRange"/> blocks at a time: memory holds one range's rows.
/// That needs every table sorted by block, as blockchain-etl writes them; a pass over the tables checks this
/// first, and an export that is not sorted is read whole into memory instead (<see cref="ReadingNote"/> says why).
/// </para>
/// </summary>
public sealed class EthEtlBlockSource(string directory, Network network = Network.Main, int blocksPerRange = 100) : IAccountBlockSource
{
    private EtlIndex? _index;
    private EtlExport? _whole;

    public string Description => $"etl {directory}";

    /// <summary>Null while the tables are read a block range at a time; else why the export was read whole.</summary>
    public string? ReadingNote => _index?.Disorder is { } disorder ? $"{Description}: {disorder}; read the whole export into memory instead of a block range at a time" : null;

    /// <summary>The most table rows (other than blocks) held in memory at once so far.</summary>
    public int MostRowsHeld { get; private set; }

    public async Task<long> GetFirstHeightAsync(CancellationToken cancellationToken)
    {
        var blocks = (await GetIndexAsync(cancellationToken)).Blocks;
        return blocks.Count == 0 ? 0 : blocks.Keys.First();
    }

    public async Task<long?> GetTipHeightAsync(CancellationToken cancellationToken)
    {
        var blocks = (await GetIndexAsync(cancellationToken)).Blocks;
        return blocks.Count == 0 ? null : blocks.Keys.Last();
    }

    public async Task<Hash32?> GetBlockHashAsync(long height, CancellationToken cancellationToken)
    {
        var blocks = (await GetIndexAsync(cancellationToken)).Blocks;
        return blocks.TryGetValue(height, out var block) ? EthHex.Hash(block.Row.Require("hash"), block.Row.Location, "hash") : null;
    }

    public async IAsyncEnumerable<AccountBlock> ReadBlocksAsync(long fromHeight, long toHeight, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var index = await GetIndexAsync(cancellationToken);
        if (index.Disorder is not null)
        {
            _whole ??= await EtlExportLoader.BuildAsync(index.Tables, index.Blocks, path => EtlFileReader.ReadAsync(path, cancellationToken), cancellationToken);
            MostRowsHeld = Math.Max(MostRowsHeld, _whole.RowCount);
            for (var height = fromHeight; height <= toHeight; height++)
            {
                yield return Normalize(_whole, height);
            }

            yield break;
        }

        var cursors = index.Tables.RowTables.Select(path => new EtlTableCursor(path, cancellationToken)).ToList();
        try
        {
            for (var start = fromHeight; start <= toHeight; start = checked(start + blocksPerRange))
            {
                var end = Math.Min(toHeight, start + blocksPerRange - 1);
                var rows = new Dictionary<string, List<EtlRow>>();
                foreach (var cursor in cursors)
                {
                    rows[cursor.Path] = await cursor.TakeAsync(start, end);
                }

                MostRowsHeld = Math.Max(MostRowsHeld, rows.Values.Sum(r => r.Count));
                var range = new SortedDictionary<long, (EtlRow Row, long? TxCount)>();
                foreach (var (number, block) in index.Blocks)
                {
                    if (number >= start && number <= end)
                    {
                        range.Add(number, block);
                    }
                }

                var export = await EtlExportLoader.BuildAsync(index.Tables, range, path => rows[path].ToAsyncEnumerable(), cancellationToken);
                for (var height = start; height <= end; height++)
                {
                    yield return Normalize(export, height);
                }
            }
        }
        finally
        {
            foreach (var cursor in cursors)
            {
                await cursor.DisposeAsync();
            }
        }
    }

    private AccountBlock Normalize(EtlExport export, long height)
    {
        if (!export.Blocks.TryGetValue(height, out var block))
        {
            throw new MalformedDataException(Path.GetFileName(_index!.Tables.Blocks), $"the blocks table has no block {height}");
        }

        return EthBlockNormalizer.Normalize(ToBlockData(export, block), network);
    }

    private static BlockData ToBlockData(EtlExport export, RawBlock block)
    {
        List<RawReceipt>? receipts = null;
        if (export.Receipts is { } all)
        {
            // Every transaction's receipt was checked to be there when the export was read.
            receipts = block.Transactions.Select(tx => all[tx.Hash]).ToList();
        }

        IReadOnlyList<TraceFrame>? traces = export.Traces is null ? null : export.Traces.GetValueOrDefault(block.Number) ?? [];
        return new BlockData(block, receipts, traces);
    }

    private async Task<EtlIndex> GetIndexAsync(CancellationToken cancellationToken)
    {
        if (_index is { } ready)
        {
            return ready;
        }

        var tables = EtlTables.Find(directory);
        var blocks = await EtlExportLoader.ReadBlocksTableAsync(tables, cancellationToken);
        var disorder = await EtlSortCheck.FindDisorderAsync(tables, blocks, cancellationToken);
        return _index = new EtlIndex(tables, blocks, disorder);
    }

    private sealed record EtlIndex(EtlTables Tables, SortedDictionary<long, (EtlRow Row, long? TxCount)> Blocks, string? Disorder);
}
