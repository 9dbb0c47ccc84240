using ChainTrace.Core.Ports;

namespace ChainTrace.Index.Utxo;

/// <summary>
/// Address keys through the graph store (<see cref="IUtxoKeyReader"/>): the read model stores per address only the
/// place it first occurs, <c>address_first</c> (an output id, or the complement of an input id). A key is read from
/// the stored transaction at that place; a key's id is the address at the place the store first saw it. Every read
/// checks that the stored transaction there is the one the read model holds (its txid tag): when the store has been
/// rolled back or reorganised under a read model not yet cut back, <see cref="StaleReadModelException"/>.
/// </summary>
public sealed partial class UtxoIndex
{
    private readonly IStoredBlockFeed _store;
    private readonly Lock _keyLock = new();
    private readonly Dictionary<byte[], int> _appended = new(ByteKeyComparer.Instance);
    private IUtxoKeyReader? _keys;
    private long? _existingBelow;

    /// <summary>The key of <paramref name="address"/>, read from the stored transaction where it first occurs.</summary>
    public ReadOnlySpan<byte> AddressKey(int address) => KeyOf(address);

    /// <inheritdoc cref="AddressKey"/>
    public byte[] KeyOf(int address)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(address);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(address, AddressCount);
        var (tx, isInput, element) = PlaceOf(_addressFirst[address]);
        lock (_keyLock)
        {
            return KeyAt(StoredTx(Reader(), tx), isInput, element, address);
        }
    }

    /// <summary>The id of the address with <paramref name="key"/>, -1 when the read model holds none.</summary>
    public int FindAddress(ReadOnlySpan<byte> key)
    {
        if (Tip is not { } tip)
        {
            return -1;
        }

        lock (_keyLock)
        {
            return Existing(Reader(), key, tip.Height + 1);
        }
    }

    /// <summary>Whether the read model holds an address with <paramref name="key"/> (one store lookup, no place resolved).</summary>
    public bool HasAddress(ReadOnlySpan<byte> key)
    {
        if (Tip is not { } tip)
        {
            return false;
        }

        lock (_keyLock)
        {
            return Reader().FirstHeight(key) is { } height && height <= tip.Height;
        }
    }

    /// <summary>The keys of the addresses from <paramref name="from"/> on, in id order, from one scan of the stored transactions.</summary>
    public IEnumerable<(int Address, byte[] Key)> Keys(int from = 0)
    {
        if (from >= AddressCount)
        {
            yield break;
        }

        var first = PlaceOf(_addressFirst[from]).Tx;
        var block = BlockOfTx(first);
        var tx = _blocks[block].FirstTx;
        var address = from;
        using var reader = _store.OpenUtxoKeyReader();
        foreach (var stored in reader.Scan(_blocks[block].Height))
        {
            if (address >= AddressCount || tx >= TxCount)
            {
                break;
            }

            if (_txTags[tx] != TxTag(stored.TxId))
            {
                throw Stale($"transaction {tx}: the store holds {stored.TxId} at height {stored.Height}, position {stored.Position}");
            }

            for (; address < AddressCount; address++)
            {
                var (at, isInput, element) = PlaceOf(_addressFirst[address]);
                if (at != tx)
                {
                    break;
                }

                yield return (address, KeyAt(stored, isInput, element, address));
            }

            tx++;
        }

        if (address < AddressCount)
        {
            throw Stale($"the store ended before address {address} of {AddressCount}");
        }
    }

    /// <summary>
    /// The keys of <paramref name="addresses"/>: looked up one by one when they are few, else from one scan starting at
    /// the lowest (a point lookup costs about as much as reading a handful of transactions in order).
    /// </summary>
    public Dictionary<int, byte[]> KeysOf(IReadOnlyCollection<int> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var result = new Dictionary<int, byte[]>(addresses.Count);
        if (addresses.Count == 0)
        {
            return result;
        }

        var lowest = addresses.Min();
        var scanned = TxCount - PlaceOf(_addressFirst[lowest]).Tx;
        if ((long)addresses.Count * 8 < scanned)
        {
            foreach (var a in addresses)
            {
                result[a] = KeyOf(a);
            }

            return result;
        }

        var wanted = addresses.ToHashSet();
        foreach (var (address, key) in Keys(lowest))
        {
            if (wanted.Contains(address))
            {
                result[address] = key;
            }
        }

        return result;
    }

    /// <summary>The transaction, kind and element index of a stored first place.</summary>
    private (int Tx, bool IsInput, int Element) PlaceOf(int place)
    {
        if (place >= 0)
        {
            var tx = TxOfOutput(place);
            return (tx, false, place - _txs[tx].FirstOutput);
        }

        var input = ~place;
        var owner = TxOfInput(input);
        return (owner, true, input - _txs[owner].FirstInput);
    }

    /// <summary>The id of an address the store first saw below <paramref name="belowHeight"/>, -1 when none (or first seen at or above it).</summary>
    private int ExistingAddress(byte[] key, long belowHeight)
    {
        lock (_keyLock)
        {
            return Existing(Reader(), key, belowHeight);
        }
    }

    private int Existing(IUtxoKeyReader reader, ReadOnlySpan<byte> key, long belowHeight)
    {
        if (reader.FirstHeight(key) is not { } height || height >= belowHeight)
        {
            return -1;
        }

        var block = FindBlock(height);
        if (block < 0)
        {
            throw Stale($"the store first saw a key at height {height}, which the read model does not hold");
        }

        if (reader.FirstPlaceAt(key, height) is not { } place)
        {
            throw Stale($"the store's totals place a key at height {height} but no stored transaction there holds it");
        }

        var tx = _blocks[block].FirstTx + place.Position;
        var end = block + 1 < BlockCount ? _blocks[block + 1].FirstTx : TxCount;
        if (tx >= end || _txTags[tx] != TxTag(place.TxId))
        {
            throw Stale($"height {height}, position {place.Position}: the store holds {place.TxId}, the read model another transaction");
        }

        var (start, count) = place.IsInput ? Inputs(tx) : Outputs(tx);
        if (place.Index >= count)
        {
            throw Stale($"transaction {place.TxId}: the store places a key at {(place.IsInput ? "input" : "output")} {place.Index}, the read model holds {count}");
        }

        var address = place.IsInput ? InputAddress(start + place.Index) : _outputs[start + place.Index].Address;
        return address >= 0 ? address : throw Stale($"transaction {place.TxId}: no address at {(place.IsInput ? "input" : "output")} {place.Index} in the read model");
    }

    /// <summary>The stored keys of read-model transaction <paramref name="tx"/>, checked to be the same transaction.</summary>
    private StoredTxKeys StoredTx(IUtxoKeyReader reader, int tx)
    {
        var block = BlockOfTx(tx);
        var height = _blocks[block].Height;
        var position = tx - _blocks[block].FirstTx;
        var stored = reader.TxAt(height, position) ?? throw Stale($"the store holds no transaction at height {height}, position {position}");
        return _txTags[tx] == TxTag(stored.TxId)
            ? stored
            : throw Stale($"height {height}, position {position}: the store holds {stored.TxId}, the read model another transaction");
    }

    /// <summary>The key at input or output <paramref name="element"/> of a stored transaction, where <paramref name="address"/> first occurs.</summary>
    private byte[] KeyAt(StoredTxKeys stored, bool isInput, int element, int address)
    {
        var keys = isInput ? stored.InputKeys : stored.OutputKeys;
        return element < keys.Count && keys[element] is { } key
            ? key
            : throw Stale($"address {address}: the stored transaction {stored.TxId} has no key at {(isInput ? "input" : "output")} {element}");
    }

    private IUtxoKeyReader Reader() => _keys ??= _store.OpenUtxoKeyReader();

    private StaleReadModelException Stale(string detail) =>
        new($"{Directory}: the read model is behind the graph store ({detail}); run `chaintrace cluster update` to bring it up to date");

    /// <summary>Equality of key bytes, for the keys met during one append.</summary>
    private sealed class ByteKeyComparer : IEqualityComparer<byte[]>
    {
        public static readonly ByteKeyComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj)
        {
            var hash = new HashCode();
            hash.AddBytes(obj);
            return hash.ToHashCode();
        }
    }
}
