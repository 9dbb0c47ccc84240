using System.Numerics;
using ChainTrace.Core.Account;
using ChainTrace.Core.Clustering;
using ChainTrace.Core.Ports;
using ChainTrace.Index.Storage;

namespace ChainTrace.Index.Account;

/// <summary>
/// The account-chain read model: dense address ids (20-byte keys) and the transfers in stored order. Rebuilt from
/// the store by <see cref="RebuildAsync"/> (account volumes here are small; an incremental form like the UTXO
/// read model's is the next step).
/// </summary>
public sealed class EthIndex : IDisposable
{
    private readonly AddressTable _addresses;
    private readonly MappedArray<EthIndexTransfer> _transfers;

    private EthIndex(string directory, long addresses, long keyBytes, long transfers)
    {
        _addresses = new AddressTable(directory, addresses, keyBytes);
        _transfers = new MappedArray<EthIndexTransfer>(Path.Combine(directory, "transfers.bin"), transfers);
    }

    public int AddressCount => _addresses.Count;

    public long TransferCount => _transfers.Count;

    public long Height { get; private set; } = -1;

    public long ContentBytes => _addresses.ContentBytes + _transfers.ContentBytes;

    public static EthIndex Open(string directory)
    {
        Directory.CreateDirectory(directory);
        var manifest = IndexManifest.Load(Path.Combine(directory, "manifest.json"));
        return new EthIndex(directory, manifest.Count("addresses"), manifest.Count("address_keys"), manifest.Count("transfers"))
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
        var index = new EthIndex(directory, 0, 0, 0);
        await foreach (var block in feed.ReadAccountBlocksAsync(0, cancellationToken).ConfigureAwait(false))
        {
            foreach (var transfer in block.Transfers)
            {
                index.Add(transfer, block.Header.Height);
            }

            index.Height = block.Header.Height;
        }

        index.Save(directory);
        return index;
    }

    public EthIndexTransfer Transfer(long id) => _transfers[id];

    public ReadOnlySpan<byte> AddressKey(int address) => _addresses.Key(address);

    public int FindAddress(ReadOnlySpan<byte> key) => _addresses.Find(key);

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
    }

    private void Add(Transfer transfer, long height)
    {
        var from = _addresses.GetOrAdd(transfer.From.Key);
        var to = _addresses.GetOrAdd(transfer.To.Key);
        var asset = transfer.Asset.Token is { } token ? _addresses.GetOrAdd(token.Key) + 1 : 0;
        var value = transfer.Value.ToBigInteger();
        var saturated = value > (BigInteger)UInt128.MaxValue ? UInt128.MaxValue : (UInt128)value;
        _transfers.Add(new EthIndexTransfer(from, to, asset, height, (ulong)saturated, (ulong)(saturated >> 64), Utxo.HashBytes.From(transfer.TxHash ?? Core.Primitives.Hash32.Zero)));
    }

    private void Save(string directory)
    {
        _addresses.Flush();
        _transfers.Flush();
        new IndexManifest
        {
            Counts = new()
            {
                ["addresses"] = _addresses.Count,
                ["address_keys"] = _addresses.KeyBytes,
                ["transfers"] = _transfers.Count,
                ["height"] = Height,
            },
        }.Save(Path.Combine(directory, "manifest.json"));
    }
}
