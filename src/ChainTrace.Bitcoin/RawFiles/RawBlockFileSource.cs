using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using ChainTrace.Core.Chains;
using ChainTrace.Bitcoin.Mapping;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Bitcoin.RawFiles;

/// <summary>
/// Loose block files, e.g. blocks saved from an explorer or a test suite. They need not be consecutive, so
/// the source is not a chain; each file's height comes from the options or from its BIP-34 coinbase.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The only disposable field is a SemaphoreSlim whose wait handle is never asked for: it holds no handle to release.")]
public sealed class RawBlockFileSource(RawBlockFileSourceOptions options) : IUtxoBlockSource
{
    private readonly SemaphoreSlim _indexLock = new(1, 1);
    private IReadOnlyList<Entry>? _index;

    public string Description => $"raw block files ({options.Files.Count})";

    public bool IsChain => false;

    public async Task<long> GetFirstHeightAsync(CancellationToken cancellationToken)
    {
        var index = await GetIndexAsync(cancellationToken).ConfigureAwait(false);
        return index.Count == 0 ? 0 : index[0].Height;
    }

    public async Task<BlockHeader?> GetHeaderAsync(long height, CancellationToken cancellationToken)
    {
        var index = await GetIndexAsync(cancellationToken).ConfigureAwait(false);
        return index.FirstOrDefault(e => e.Height == height)?.Header;
    }

    public async Task<long?> GetTipHeightAsync(CancellationToken cancellationToken)
    {
        var index = await GetIndexAsync(cancellationToken).ConfigureAwait(false);
        return index.Count == 0 ? null : index[^1].Height;
    }

    public async Task<Hash32?> GetBlockHashAsync(long height, CancellationToken cancellationToken)
    {
        var index = await GetIndexAsync(cancellationToken).ConfigureAwait(false);
        foreach (var entry in index)
        {
            if (entry.Height == height)
            {
                return entry.Hash;
            }
        }

        return null;
    }

    public async IAsyncEnumerable<UtxoBlock> ReadBlocksAsync(long fromHeight, long? toHeight, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var index = await GetIndexAsync(cancellationToken).ConfigureAwait(false);
        foreach (var entry in index)
        {
            if (entry.Height < fromHeight || entry.Height > (toHeight ?? long.MaxValue))
            {
                continue;
            }

            var (bytes, offset, framed) = await RawBlockFile.LoadAsync(entry.Path, options.Network, cancellationToken).ConfigureAwait(false);
            var network = options.Network ?? framed ?? Network.Main;
            yield return Parse(entry.Path, offset, () => BitcoinBlockMapper.MapBlock(bytes, entry.Height, network));
        }
    }

    private async Task<IReadOnlyList<Entry>> GetIndexAsync(CancellationToken cancellationToken)
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

    private async Task<IReadOnlyList<Entry>> BuildIndexAsync(CancellationToken cancellationToken)
    {
        var entries = new List<Entry>();
        for (var i = 0; i < options.Files.Count; i++)
        {
            var path = options.Files[i];
            var (bytes, offset, _) = await RawBlockFile.LoadAsync(path, options.Network, cancellationToken).ConfigureAwait(false);
            var hash = BlocksHeaderHash(bytes, path, offset);
            var height = ExplicitHeight(path, i) ?? Parse(path, offset, () => Bip34Height.FromBlock(bytes))
                ?? throw new MalformedDataException(
                    path,
                    $"no height for block {hash}: its coinbase has no BIP-34 height (version < 2 or below {Bip34Height.MainnetActivation}); give the height explicitly");
            entries.Add(new Entry(path, height, hash, new BlockHeader(
                Chain.Btc, height, hash, new Hash32([.. bytes.AsSpan(4, 32).ToArray().Reverse()]),
                DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(68))), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(72)))));
        }

        var duplicate = entries.GroupBy(e => e.Height).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new MalformedDataException(duplicate.Last().Path, $"height {duplicate.Key} is also given by {duplicate.First().Path}");
        }

        return [.. entries.OrderBy(e => e.Height)];
    }

    private long? ExplicitHeight(string path, int position)
    {
        if (options.Heights is { } heights
            && (heights.TryGetValue(path, out var height) || heights.TryGetValue(Path.GetFileName(path), out height)))
        {
            return height;
        }

        return options.StartHeight + position;
    }

    private static Hash32 BlocksHeaderHash(byte[] bytes, string path, int offset)
    {
        if (bytes.Length < 81)
        {
            throw new MalformedDataException($"{path} at byte {offset}", $"{bytes.Length} bytes is too short for a block");
        }

        return Blocks.BlockFileIndexer.HeaderHash(bytes.AsSpan(0, 80));
    }

    private static T Parse<T>(string path, int offset, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (FormatException ex)
        {
            throw new MalformedDataException($"{path} at byte {offset}", ex.Message, ex);
        }
    }

    private sealed record Entry(string Path, long Height, Hash32 Hash, BlockHeader Header);
}
