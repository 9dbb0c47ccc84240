using System.Runtime.CompilerServices;
using ChainTrace.Bitcoin.Mapping;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;
using Microsoft.Win32.SafeHandles;

namespace ChainTrace.Bitcoin.Blocks;

/// <summary>
/// Reads a Bitcoin Core blocks directory. The files are indexed once (frame headers only), the best chain is
/// ordered by prev-hash links, then blocks are read one at a time in height order, so memory stays flat.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The only disposable field is a SemaphoreSlim whose wait handle is never asked for: it holds no handle to release.")]
public sealed class BlocksDirectorySource(BlocksDirectorySourceOptions options) : IUtxoBlockSource
{
    private readonly SemaphoreSlim _indexLock = new(1, 1);
    private ChainIndex? _index;

    public string Description => $"blocks dir {options.Directory}";

    public bool IsChain => true;

    public async Task<long?> GetTipHeightAsync(CancellationToken cancellationToken)
    {
        var index = await GetIndexAsync(cancellationToken).ConfigureAwait(false);
        return index.Chain.Length == 0 ? null : index.StartHeight + index.Chain.Length - 1;
    }

    public async Task<Hash32?> GetBlockHashAsync(long height, CancellationToken cancellationToken)
    {
        var index = await GetIndexAsync(cancellationToken).ConfigureAwait(false);
        var at = height - index.StartHeight;
        return at >= 0 && at < index.Chain.Length ? index.Chain[at].Hash : null;
    }

    /// <summary>Forgets the index so the next call re-scans the files (the node may have written more blocks).</summary>
    public void Refresh() => _index = null;

    public async IAsyncEnumerable<UtxoBlock> ReadBlocksAsync(long fromHeight, long? toHeight, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var index = await GetIndexAsync(cancellationToken).ConfigureAwait(false);
        var first = Math.Max(fromHeight, index.StartHeight);
        var last = Math.Min(toHeight ?? long.MaxValue, index.StartHeight + index.Chain.Length - 1);
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

    private UtxoBlock MapChecked(byte[] bytes, IndexedBlock entry, long height, ChainIndex index)
    {
        try
        {
            return BitcoinBlockMapper.MapBlock(bytes, height, options.Network);
        }
        catch (FormatException ex)
        {
            throw new MalformedDataException(BlockFileIndexer.Where(index.PathOf(entry.FileNumber), entry.DataOffset - 8), $"block {entry.Hash} does not parse: {ex.Message}", ex);
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
        var xor = await XorKey.LoadAsync(options.Directory, cancellationToken).ConfigureAwait(false);
        var blocks = await BlockFileIndexer.IndexAsync(files, xor, options.Network, cancellationToken).ConfigureAwait(false);
        var chain = BestChainSelector.Select(blocks);
        var paths = files.ToDictionary(f => f.Number, f => f.Path);
        var index = new ChainIndex(chain, 0, xor, paths);
        if (chain.Length > 0 && !chain[0].PreviousHash.IsZero)
        {
            index = index with { StartHeight = await StartHeightAsync(index, cancellationToken).ConfigureAwait(false) };
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

        return height ?? throw new InvalidOperationException(
            $"{Description}: the first block {root.Hash} is not a genesis block and carries no BIP-34 height; set a start height");
    }

    private sealed record ChainIndex(IndexedBlock[] Chain, long StartHeight, XorKey? Xor, Dictionary<int, string> Paths)
    {
        public string PathOf(int fileNumber) => Paths[fileNumber];
    }
}
