using System.Numerics;
using ChainTrace.Core.Account;
using ChainTrace.Core.Clustering;
using ChainTrace.Core.Ports;
using ChainTrace.Index.Storage;

namespace ChainTrace.Index.Account;

/// <summary>
/// The account-chain read model: dense address ids (20-byte keys), the transfers in stored order and the blocks they
/// came in. <see cref="UpdateAsync"/> extends it from the store: it cuts back to the highest block the store still
/// holds with the same hash (a reorg or rollback), then appends the blocks above. The manifest is replaced only after
/// the arrays are written, so a crash leaves the last committed counts (anything past them is ignored, and the address
/// index treats ids past the count as tombstones).
/// </summary>
public sealed class EthIndex : IDisposable
{
    private readonly AddressTable _addresses;
    private readonly MappedArray<EthIndexTransfer> _transfers;
    private readonly MappedArray<EthIndexBlock> _blocks;
    private readonly MappedArray<long> _times;
    private readonly MappedArray<EthIndexHistory> _history;
    private readonly MappedArray<long> _last;

    private EthIndex(string directory, long addresses, long keyBytes, long transfers, long blocks, long times, bool history = true)
    {
        _addresses = new AddressTable(directory, addresses, keyBytes);
        _transfers = new MappedArray<EthIndexTransfer>(Path.Combine(directory, "transfers.bin"), transfers);
        _blocks = new MappedArray<EthIndexBlock>(Path.Combine(directory, "blocks.bin"), blocks);
        _times = new MappedArray<long>(Path.Combine(directory, "times.bin"), times);
        _history = new MappedArray<EthIndexHistory>(Path.Combine(directory, "history.bin"), history ? transfers : 0);
        _last = new MappedArray<long>(Path.Combine(directory, "last.bin"), history ? addresses : 0);
    }

    public int BlockCount => (int)_blocks.Count;

    public EthIndexBlock Block(int block) => _blocks[block];

    /// <summary>
    /// Whether every block's time is in the read model. A read model written before block times were kept has none
    /// until its next update, which rebuilds it (<see cref="UpdateAsync"/>).
    /// </summary>
    public bool HasBlockTimes => _times.Count == _blocks.Count;

    /// <summary>The block's time, Unix seconds (UTC), as stored.</summary>
    public long BlockTime(int block) => _times[block];

    /// <summary>The first transfer after block <paramref name="block"/>'s (its end, exclusive).</summary>
    public long EndOfBlock(int block) => block + 1 < BlockCount ? _blocks[block + 1].FirstTransfer : TransferCount;

    public int AddressCount => _addresses.Count;

    public long TransferCount => _transfers.Count;

    public long Height { get; private set; } = -1;

    public long ContentBytes => _addresses.ContentBytes + _transfers.ContentBytes;

    public static EthIndex Open(string directory)
    {
        Directory.CreateDirectory(directory);
        var manifest = IndexManifest.Load(Path.Combine(directory, "manifest.json"));
        return new EthIndex(directory, manifest.Count("addresses"), manifest.Count("address_keys"), manifest.Count("transfers"), manifest.Count("blocks"), Math.Min(manifest.Count("times"), manifest.Count("blocks")), manifest.Count("history") > 0 || manifest.Count("transfers") == 0)
        {
            Height = manifest.Counts.GetValueOrDefault("height", -1),
        };
    }

    /// <summary>Reads every stored Ethereum block into a fresh read model in <paramref name="directory"/>.</summary>
    public static async Task<EthIndex> RebuildAsync(string directory, IStoredBlockFeed feed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        var index = new EthIndex(directory, 0, 0, 0, 0, 0);
        await foreach (var block in feed.ReadAccountBlocksAsync(0, cancellationToken).ConfigureAwait(false))
        {
            index.AddBlock(block);
        }

        index.Save(directory);
        return index;
    }

    /// <summary>
    /// Brings the read model in <paramref name="directory"/> up to the store: cut back to the last block the store
    /// holds with the same hash, then the stored blocks above appended. A read model written before blocks were kept
    /// (transfers but no blocks) is rebuilt. Returns the blocks cut back with the index.
    /// </summary>
    public static async Task<(EthIndex Index, int CutBack)> UpdateAsync(string directory, IStoredBlockFeed feed, IChainProgressStore progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(progress);
        var manifest = IndexManifest.LoadOrDiscard(Path.Combine(directory, "manifest.json"));

        // Before per-address history or block times were kept, or an update interrupted while the in-place last-transfer array changed.
        if ((manifest.Count("transfers") > 0 && (manifest.Count("blocks") == 0 || manifest.Count("history") == 0)) ||
            manifest.Count("times") != manifest.Count("blocks") || manifest.Pending is not null)
        {
            return (await RebuildAsync(directory, feed, cancellationToken).ConfigureAwait(false), 0);
        }

        var index = Open(directory);
        try
        {
            var keep = await StoreAlignment.CommonBlocksAsync(
                index.BlockCount, b => (index._blocks[b].Height, index._blocks[b].Hash.ToHash()), Core.Chains.Chain.Eth, progress, cancellationToken).ConfigureAwait(false);
            var cut = index.BlockCount - keep;
            index.MarkPending(directory);
            index.CutBack(keep);
            var from = keep == 0 ? 0 : index._blocks[keep - 1].Height + 1;
            await foreach (var block in feed.ReadAccountBlocksAsync(from, cancellationToken).ConfigureAwait(false))
            {
                index.AddBlock(block);
            }

            index.Save(directory);
            return (index, cut);
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    public EthIndexTransfer Transfer(long id) => _transfers[id];

    public ReadOnlySpan<byte> AddressKey(int address) => _addresses.Key(address);

    public int FindAddress(ReadOnlySpan<byte> key) => _addresses.Find(key);

    /// <summary>The transfers <paramref name="address"/> sent or received, in stored order (cost: their number).</summary>
    public List<long> TransfersOf(int address)
    {
        var list = new List<long>();
        for (var t = _last[address]; t >= 0;)
        {
            list.Add(t);
            var transfer = _transfers[t];
            t = transfer.From == address ? _history[t].PrevFrom : _history[t].PrevTo;
        }

        list.Reverse();
        return list;
    }

    /// <summary>Whether transfer <paramref name="id"/> is the first its recipient appears in (no earlier transfer to or from it).</summary>
    public bool IsRecipientsFirst(long id) => _history[id].PrevTo < 0;

    /// <summary>Native ether transfers, the deposit heuristic's input.</summary>
    public List<EthTransferFacts> NativeTransfers()
    {
        var list = new List<EthTransferFacts>();
        for (var i = 0; i < _transfers.Count; i++)
        {
            var t = _transfers[i];
            if (t.Asset == 0)
            {
                list.Add(new EthTransferFacts((int)i, t.From, t.To, t.Value, t.Height));
            }
        }

        return list;
    }

    public void Dispose()
    {
        _addresses.Dispose();
        _transfers.Dispose();
        _blocks.Dispose();
        _times.Dispose();
        _history.Dispose();
        _last.Dispose();
    }

    private void AddBlock(StoredTransfers block)
    {
        _blocks.Add(new EthIndexBlock
        {
            Height = block.Header.Height,
            FirstTransfer = _transfers.Count,
            FirstAddress = _addresses.Count,
            FirstKeyByte = _addresses.KeyBytes,
            Hash = Utxo.HashBytes.From(block.Header.Hash),
        });
        _times.Add(block.Header.Time.ToUnixTimeSeconds());
        foreach (var transfer in block.Transfers)
        {
            Add(transfer, block.Header.Height);
        }

        Height = block.Header.Height;
    }

    private void CutBack(int blockCount)
    {
        if (blockCount >= BlockCount)
        {
            return;
        }

        var first = _blocks[blockCount];
        for (var t = _transfers.Count - 1; t >= first.FirstTransfer; t--)
        {
            var transfer = _transfers[t];
            _last[transfer.From] = _history[t].PrevFrom;
            _last[transfer.To] = _history[t].PrevTo;
        }

        _transfers.Truncate(first.FirstTransfer);
        _history.Truncate(first.FirstTransfer);
        _addresses.Truncate(first.FirstAddress);
        _last.Truncate(first.FirstAddress);
        _blocks.Truncate(blockCount);
        _times.Truncate(blockCount);
        Height = blockCount == 0 ? -1 : _blocks[blockCount - 1].Height;
    }

    private void Add(Transfer transfer, long height)
    {
        var from = _addresses.GetOrAdd(transfer.From.Key);
        var to = _addresses.GetOrAdd(transfer.To.Key);
        var asset = transfer.Asset.Token is { } token ? _addresses.GetOrAdd(token.Key) + 1 : 0;
        var value = transfer.Value.ToBigInteger();
        var saturated = value > (BigInteger)UInt128.MaxValue ? UInt128.MaxValue : (UInt128)value;
        var id = _transfers.Add(new EthIndexTransfer(from, to, asset, height, (ulong)saturated, (ulong)(saturated >> 64), Utxo.HashBytes.From(transfer.TxHash ?? Core.Primitives.Hash32.Zero)));
        while (_last.Count < _addresses.Count)
        {
            _last.Add(-1);
        }

        var prevFrom = _last[from];
        _last[from] = id;
        var prevTo = from == to ? prevFrom : _last[to];
        _last[to] = id;
        _history.Add(new EthIndexHistory(prevFrom, prevTo));
    }

    /// <summary>Records that the arrays are about to change in place: an update interrupted past this point rebuilds the read model.</summary>
    private void MarkPending(string directory)
    {
        var manifest = Manifest();
        manifest.Pending = new() { ["history"] = 1 };
        manifest.Save(Path.Combine(directory, "manifest.json"));
    }

    private IndexManifest Manifest() => new()
    {
        Counts = new()
        {
            ["addresses"] = _addresses.Count,
            ["address_keys"] = _addresses.KeyBytes,
            ["transfers"] = _transfers.Count,
            ["blocks"] = _blocks.Count,
            ["times"] = _times.Count,
            ["height"] = Height,
            ["history"] = 1,
        },
    };

    private void Save(string directory)
    {
        _addresses.Flush();
        _transfers.Flush();
        _blocks.Flush();
        _times.Flush();
        _history.Flush();
        _last.Flush();
        Manifest().Save(Path.Combine(directory, "manifest.json"));
    }
}
