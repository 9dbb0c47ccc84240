using System.Runtime.CompilerServices;
using ChainTrace.Bitcoin.Mapping;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;
using Microsoft.Win32.SafeHandles;
using CoreNetwork = ChainTrace.Core.Chains.Network;

namespace ChainTrace.Bitcoin.Blocks;

/// <summary>
/// Reads a Bitcoin Core blocks directory. The files are indexed (frame headers only), the best chain is ordered
/// by prev-hash links and work, then blocks are read one at a time in height order, so memory stays flat. A read
/// to the tip looks again when it gets there: a node's directory grows while it is read.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The only disposable field is a SemaphoreSlim whose wait handle is never asked for: it holds no handle to release.")]
public sealed class BlocksDirectorySource(BlocksDirectorySourceOptions options) : IUtxoBlockSource
{
    private readonly SemaphoreSlim _indexLock = new(1, 1);
    private ChainIndex? _index;

    public string Description => $"blocks dir {options.Directory}";

    public bool IsChain => true;

    /// <summary>The network of the files (from their magic, or the option); null before they are indexed.</summary>
    public CoreNetwork? Network => _index?.Network ?? options.Network;

    public async Task<long> GetFirstHeightAsync(CancellationToken cancellationToken) =>
        (await GetIndexAsync(cancellationToken).ConfigureAwait(false)).StartHeight;

    public async Task<long?> GetTipHeightAsync(CancellationToken cancellationToken)
    {
        var index = await GetIndexAsync(cancellationToken).ConfigureAwait(false);
        return index.Chain.Length == 0 ? null : index.TipHeight;
    }

    public async Task<Hash32?> GetBlockHashAsync(long height, CancellationToken cancellationToken) =>
        (await GetIndexAsync(cancellationToken).ConfigureAwait(false)).At(height)?.Hash;

    public async Task<BlockHeader?> GetHeaderAsync(long height, CancellationToken cancellationToken) =>
        (await GetIndexAsync(cancellationToken).ConfigureAwait(false)).At(height) is { } entry
            ? new BlockHeader(Chain.Btc, height, entry.Hash, entry.PreviousHash, DateTimeOffset.FromUnixTimeSeconds(entry.Time), entry.Bits)
            : null;

    /// <summary>Forgets the index so the next call re-scans the files (the node may have written more blocks).</summary>
    public void Refresh() => _index = null;

    public async IAsyncEnumerable<UtxoBlock> ReadBlocksAsync(long fromHeight, long? toHeight, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = fromHeight;
        while (true)
        {
            var index = await GetIndexAsync(cancellationToken).ConfigureAwait(false);
            var last = Math.Min(toHeight ?? long.MaxValue, index.TipHeight);
            await foreach (var block in ReadRangeAsync(index, Math.Max(next, index.StartHeight), last, cancellationToken).ConfigureAwait(false))
            {
                next = block.Header.Height + 1;
                yield return block;
            }

            // Reached the tip the index knew: if the node wrote more meanwhile, index again and go on.
            if (next <= last || (toHeight is { } to && next > to) || !HasGrown(index))
            {
                yield break;
            }

            Refresh();
        }
    }

    private static async IAsyncEnumerable<UtxoBlock> ReadRangeAsync(ChainIndex index, long first, long last, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        SafeFileHandle? handle = null;
        var openFile = -1;
        try
        {
            for (var height = first; height <= last; height++)
            {
                var entry = index.Chain[height - index.StartHeight];
                if (entry.FileNumber != openFile)
                {
                    handle?.Dispose();
                    handle = File.OpenHandle(index.PathOf(entry.FileNumber), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                    openFile = entry.FileNumber;
                }

                var bytes = await ReadBlockAsync(handle!, entry, index, cancellationToken).ConfigureAwait(false);
                yield return MapChecked(bytes, entry, height, index);
            }
        }
        finally
        {
            handle?.Dispose();
        }
    }

    private static bool HasGrown(ChainIndex index)
    {
        try
        {
            return BlockFileSet.Snapshot(BlockFileSet.List(index.Directory)) != index.Snapshot;
        }
        catch (BadArgumentException)
        {
            return false;
        }
    }

    private static async Task<byte[]> ReadBlockAsync(SafeFileHandle handle, IndexedBlock entry, ChainIndex index, CancellationToken cancellationToken)
    {
        var bytes = new byte[entry.Length];
        var read = await RandomAccess.ReadAsync(handle, bytes, entry.DataOffset, cancellationToken).ConfigureAwait(false);
        if (read != bytes.Length)
        {
            throw new MalformedDataException(BlockFileIndexer.Where(index.PathOf(entry.FileNumber), entry.DataOffset - 8), "file shrank since it was indexed");
        }

        index.Xor?.Apply(bytes, entry.DataOffset);
        return bytes;
    }

    private static UtxoBlock MapChecked(byte[] bytes, IndexedBlock entry, long height, ChainIndex index)
    {
        try
        {
            return BitcoinBlockMapper.MapBlock(bytes, height, index.Network);
        }
        catch (FormatException ex)
        {
            throw new MalformedDataException(BlockFileIndexer.Where(index.PathOf(entry.FileNumber), entry.DataOffset - 8), $"block {entry.Hash} at height {height} is not valid: {ex.Message}", ex);
        }
    }

    private async Task<ChainIndex> GetIndexAsync(CancellationToken cancellationToken)
    {
        if (_index is { } ready)
        {
            return ready;
        }

        await _indexLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _index ??= await BuildIndexAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _indexLock.Release();
        }
    }

    private async Task<ChainIndex> BuildIndexAsync(CancellationToken cancellationToken)
    {
        var files = BlockFileSet.List(options.Directory);
        var snapshot = BlockFileSet.Snapshot(files);
        var xor = await XorKey.LoadAsync(options.Directory, cancellationToken).ConfigureAwait(false);
        var (blocks, network) = await BlockFileIndexer.IndexAsync(files, xor, options.Network, cancellationToken).ConfigureAwait(false);
        var (chain, unconnected) = BestChainSelector.Select(blocks);
        var paths = files.ToDictionary(f => f.Number, f => f.Path);
        var index = new ChainIndex(options.Directory, snapshot, chain, 0, xor, paths, network ?? CoreNetwork.Main);
        if (chain.Length > 0 && !chain[0].PreviousHash.IsZero)
        {
            index = index with { StartHeight = await StartHeightAsync(index, cancellationToken).ConfigureAwait(false) };
        }

        if (unconnected.Count > 0)
        {
            var broken = unconnected.MinBy(b => b.Sequence);
            throw new MalformedDataException(
                BlockFileIndexer.Where(index.PathOf(broken.FileNumber), broken.DataOffset - 8),
                $"the chain breaks here: block {broken.Hash} names parent {broken.PreviousHash}, which is in no blk file (a damaged header or prev-hash). " +
                $"{chain.Length} blocks form the chain from height {index.StartHeight} to {index.TipHeight}; {blocks.Count - chain.Length} blocks do not connect to it. Nothing was read");
        }

        return index;
    }

    private async Task<long> StartHeightAsync(ChainIndex index, CancellationToken cancellationToken)
    {
        if (options.StartHeight is { } given)
        {
            return given;
        }

        var root = index.Chain[0];
        using var handle = File.OpenHandle(index.PathOf(root.FileNumber), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = await ReadBlockAsync(handle, root, index, cancellationToken).ConfigureAwait(false);
        long? height;
        try
        {
            height = Bip34Height.FromBlock(bytes);
        }
        catch (FormatException ex)
        {
            throw new MalformedDataException(BlockFileIndexer.Where(index.PathOf(root.FileNumber), root.DataOffset - 8), $"block {root.Hash} does not parse: {ex.Message}", ex);
        }

        return height ?? throw new BadArgumentException(
            $"{Description}: the first block {root.Hash} is not a genesis block and carries no BIP-34 height; give its height with --start-height");
    }

    private sealed record ChainIndex(
        string Directory, string Snapshot, IndexedBlock[] Chain, long StartHeight, XorKey? Xor, Dictionary<int, string> Paths, CoreNetwork Network)
    {
        public long TipHeight => StartHeight + Chain.Length - 1;

        public string PathOf(int fileNumber) => Paths[fileNumber];

        public IndexedBlock? At(long height) =>
            height >= StartHeight && height <= TipHeight ? Chain[height - StartHeight] : null;
    }
}
