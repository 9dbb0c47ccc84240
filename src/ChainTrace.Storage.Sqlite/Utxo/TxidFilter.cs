using System.Collections;

namespace ChainTrace.Storage.Sqlite.Utxo;

/// <summary>
/// A Bloom filter over the 8-byte txid prefixes of every stored transaction. Most prevouts of sampled mainnet
/// blocks are not in the store; the filter answers "surely absent" without a SQLite lookup. It has no false
/// negatives, so a miss it reports is a real miss; a false positive only costs the lookup it would have done.
/// Txids are uniformly random, so the prefix bits serve directly as the two base hashes.
/// </summary>
internal sealed class TxidFilter
{
    private const int HashCount = 6;
    private const int BitsPerEntry = 14;

    private readonly BitArray _bits;
    private readonly uint _size;

    public TxidFilter(long capacity)
    {
        Capacity = Math.Max(capacity, 1 << 16);
        var bits = Math.Min(Capacity * BitsPerEntry, int.MaxValue - 64);
        _size = (uint)bits;
        _bits = new BitArray((int)bits);
    }

    public long Capacity { get; }

    public long Count { get; private set; }

    public void Add(long prefix)
    {
        var (h1, h2) = Split(prefix);
        for (uint i = 0; i < HashCount; i++)
        {
            _bits[(int)((h1 + (i * h2)) % _size)] = true;
        }

        Count++;
    }

    public bool MayContain(long prefix)
    {
        var (h1, h2) = Split(prefix);
        for (uint i = 0; i < HashCount; i++)
        {
            if (!_bits[(int)((h1 + (i * h2)) % _size)])
            {
                return false;
            }
        }

        return true;
    }

    private static (uint H1, uint H2) Split(long prefix)
    {
        var value = unchecked((ulong)prefix);
        return ((uint)value, (uint)(value >> 32) | 1);
    }
}
