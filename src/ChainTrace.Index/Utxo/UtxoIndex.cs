using ChainTrace.Core.Addresses;
using ChainTrace.Core.Clustering;
using ChainTrace.Core.Ports;
using ChainTrace.Index.Storage;

namespace ChainTrace.Index.Utxo;

/// <summary>
/// The compact read model of a UTXO chain (DESIGN.md "Analytics over a compact read model"): dense ids in block
/// order for blocks, transactions, outputs, inputs and addresses; per transaction its inputs and outputs as CSR
/// ranges; per output its value, address and the transaction spending it; per address its outputs as a list
/// linked backwards through <c>prev_same</c> (append-only, so extending and cutting back stay O(change)). Files
/// under one directory, memory-mapped; <c>manifest.json</c> holds the committed counts. The txid → id map is a
/// persisted hash index (<see cref="MappedHashIndex"/>), so opening costs no scan. Address keys are not kept here:
/// per address only the place it first occurs (<c>address_first</c>) and its script type (<c>address_types</c>); its key
/// is read back from the graph store at that place and a key is found by where the store first saw it
/// (<see cref="IUtxoKeyReader"/>, UtxoIndex.Keys.cs), which takes the read model from ~142 to ~89 bytes per transaction.
/// </summary>
public sealed partial class UtxoIndex : IDisposable
{
    private const string ManifestFile = "manifest.json";
    private readonly string _manifestPath;
    private readonly MappedArray<IndexBlock> _blocks;
    private readonly MappedArray<IndexTx> _txs;
    private readonly MappedArray<ulong> _txTags;
    private readonly MappedArray<PackedOutput> _outputs;
    private readonly MappedArray<BigValue> _bigValues;
    private readonly MappedArray<int> _spentBy;
    private readonly MappedArray<int> _prevSame;
    private readonly MappedArray<int> _inputs;
    private readonly MappedArray<int> _addressLast;
    private readonly MappedArray<int> _addressFirst;
    private readonly MappedArray<byte> _addressTypes;
    private readonly MappedHashIndex _txIndex;
    private Dictionary<string, long> _committed;

    private UtxoIndex(string directory, IndexManifest manifest, IStoredBlockFeed store)
    {
        _store = store;
        Directory = directory;
        _manifestPath = Path.Combine(directory, ManifestFile);
        _blocks = new MappedArray<IndexBlock>(Path.Combine(directory, "blocks.bin"), manifest.Count("blocks"));
        _txs = new MappedArray<IndexTx>(Path.Combine(directory, "txs.bin"), manifest.Count("txs"));
        _txTags = new MappedArray<ulong>(Path.Combine(directory, "tx_tags.bin"), manifest.Count("txs"));
        _outputs = new MappedArray<PackedOutput>(Path.Combine(directory, "outputs.bin"), manifest.Count("outputs"));
        _bigValues = new MappedArray<BigValue>(Path.Combine(directory, "big_values.bin"), manifest.Count("big_values"));
        _spentBy = new MappedArray<int>(Path.Combine(directory, "spent_by.bin"), manifest.Count("outputs"));
        _prevSame = new MappedArray<int>(Path.Combine(directory, "prev_same.bin"), manifest.Count("outputs"));
        _inputs = new MappedArray<int>(Path.Combine(directory, "inputs.bin"), manifest.Count("inputs"));
        _addressLast = new MappedArray<int>(Path.Combine(directory, "address_last.bin"), manifest.Count("addresses"));
        _addressFirst = new MappedArray<int>(Path.Combine(directory, "address_first.bin"), manifest.Count("addresses"));
        _addressTypes = new MappedArray<byte>(Path.Combine(directory, "address_types.bin"), manifest.Count("addresses"));
        _txIndex = new MappedHashIndex(Path.Combine(directory, "tx_index.bin"), t => _txTags[t], TxCount);
        _committed = manifest.Counts;
    }

    public string Directory { get; }

    public int BlockCount => (int)_blocks.Count;

    public int TxCount => (int)_txs.Count;

    public int OutputCount => (int)_outputs.Count;

    public int InputCount => (int)_inputs.Count;

    public int AddressCount => (int)_addressFirst.Count;

    /// <summary>The highest block held, null when empty.</summary>
    public IndexBlock? Tip => BlockCount == 0 ? null : _blocks[BlockCount - 1];

    /// <summary>Bytes of content across all arrays (the on-disk size once trimmed).</summary>
    public long ContentBytes =>
        _blocks.ContentBytes + _txs.ContentBytes + _txTags.ContentBytes + _outputs.ContentBytes + _bigValues.ContentBytes + _spentBy.ContentBytes +
        _prevSame.ContentBytes + _inputs.ContentBytes + _addressLast.ContentBytes + _addressFirst.ContentBytes + _addressTypes.ContentBytes;

    /// <summary>
    /// Opens (creating when missing) the read model in <paramref name="directory"/>; a batch interrupted by a crash is
    /// undone first. <paramref name="store"/> is the graph store it follows: appending and every question about address
    /// keys read it.
    /// </summary>
    public static UtxoIndex Open(string directory, IStoredBlockFeed store)
    {
        ArgumentNullException.ThrowIfNull(store);
        System.IO.Directory.CreateDirectory(directory);
        var manifest = IndexManifest.LoadOrDiscard(Path.Combine(directory, ManifestFile), IndexManifest.UtxoVersion);
        var index = new UtxoIndex(directory, manifest, store);
        if (manifest.Pending is { } pending)
        {
            index.UndoPending(manifest, pending);
        }

        return index;
    }

    public IndexBlock Block(int block) => _blocks[block];

    public IndexTx Tx(int tx) => _txs[tx];

    public IndexOutput Output(int output)
    {
        var packed = _outputs[output];
        return new IndexOutput(packed.Overflows ? BigValueOf(output) : packed.Value, packed.Address);
    }

    public IndexInput Input(int input) => IndexInput.Decode(_inputs[input], _outputs);

    /// <summary>The address spending <paramref name="input"/> (the spent output's, else the one derived from its script), -1 when unknown.</summary>
    public int InputAddress(int input) => IndexInput.Decode(_inputs[input], _outputs).Address;

    /// <summary>The transaction spending <paramref name="output"/>, -1 while unspent.</summary>
    public int SpentBy(int output) => _spentBy[output];

    /// <summary>The previous output paid to the same address, -1 for the address's first.</summary>
    public int PrevSameAddress(int output) => _prevSame[output];

    public int AddressLastOutput(int address) => _addressLast[address];

    public (int Start, int Count) Inputs(int tx) =>
        (_txs[tx].FirstInput, (tx + 1 < TxCount ? _txs[tx + 1].FirstInput : InputCount) - _txs[tx].FirstInput);

    public (int Start, int Count) Outputs(int tx) =>
        (_txs[tx].FirstOutput, (tx + 1 < TxCount ? _txs[tx + 1].FirstOutput : OutputCount) - _txs[tx].FirstOutput);

    /// <summary>The block at <paramref name="height"/>, -1 when the read model holds none there.</summary>
    public int FindBlock(long height)
    {
        int lo = 0, hi = BlockCount - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var h = _blocks[mid].Height;
            if (h == height)
            {
                return mid;
            }

            if (h < height)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    /// <summary>Whether <paramref name="tx"/> is a coinbase (the only transactions without inputs here).</summary>
    public bool IsCoinbase(int tx) => Inputs(tx).Count == 0;

    /// <summary>The block holding <paramref name="tx"/>.</summary>
    public int BlockOfTx(int tx) => LastAtOrBelow<IndexBlock, FirstTxOf>(_blocks, BlockCount, tx);

    /// <summary>The transaction that created <paramref name="output"/>.</summary>
    public int TxOfOutput(int output) => LastAtOrBelow<IndexTx, FirstOutputOf>(_txs, TxCount, output);

    /// <summary>The transaction holding input <paramref name="input"/>.</summary>
    public int TxOfInput(int input) => LastAtOrBelow<IndexTx, FirstInputOf>(_txs, TxCount, input);

    /// <summary>The last of the first <paramref name="count"/> rows whose first id is at or below <paramref name="id"/> (rows ascend by it).</summary>
    private static int LastAtOrBelow<TRow, TFirst>(MappedArray<TRow> rows, int count, int id)
        where TRow : unmanaged
        where TFirst : struct, IFirstId<TRow>
    {
        int lo = 0, hi = count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >>> 1;
            if (TFirst.Of(rows[mid]) <= id)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    /// <summary>Address ids of every output paid to <paramref name="address"/>, newest first.</summary>
    public IEnumerable<int> OutputsOf(int address)
    {
        for (var o = _addressLast[address]; o >= 0; o = _prevSame[o])
        {
            yield return o;
        }
    }

    public static BtcAddressType? TypeOf(ReadOnlySpan<byte> key) => key.Length > 0 ? TypeOf(key[0]) : null;

    /// <summary>The script type of <paramref name="address"/> (the first byte of its key), null when not a known one.</summary>
    public BtcAddressType? AddressType(int address) => TypeOf(_addressTypes[address]);

    private static BtcAddressType? TypeOf(byte head) => Enum.IsDefined((BtcAddressType)head) ? (BtcAddressType)head : null;

    /// <summary>The transaction as the clustering heuristics read it.</summary>
    public TxFacts Facts(int tx)
    {
        var (inStart, inCount) = Inputs(tx);
        var (outStart, outCount) = Outputs(tx);
        var inputs = new TxInputFacts[inCount];
        for (var i = 0; i < inCount; i++)
        {
            var input = Input(inStart + i);
            long? value = input.SpentOutput >= 0 ? Output(input.SpentOutput).Value : null;
            inputs[i] = new TxInputFacts(input.Address, value, input.Address >= 0 ? AddressType(input.Address) : null);
        }

        var outputs = new TxOutputFacts[outCount];
        for (var o = 0; o < outCount; o++)
        {
            var output = Output(outStart + o);
            var type = output.Address >= 0 ? AddressType(output.Address) : null;
            outputs[o] = new TxOutputFacts(o, output.Address, output.Value, type, output.Address >= 0 && _prevSame[outStart + o] < 0);
        }

        return new TxFacts(inCount == 0, inputs, outputs);
    }

    /// <summary>The exact value of an output marked as overflowing (binary search in the overflow array, which is in output order).</summary>
    private long BigValueOf(int output)
    {
        var at = FirstBigValueAtOrAfter(output);
        return at < _bigValues.Count && _bigValues[at].Output == output
            ? _bigValues[at].Value
            : throw new InvalidDataException($"{Directory}: output {output} is marked as overflowing but big_values.bin has no value for it");
    }

    /// <summary>The index of the first overflow entry whose output is at or after <paramref name="output"/>.</summary>
    private long FirstBigValueAtOrAfter(int output)
    {
        long lo = 0, hi = _bigValues.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_bigValues[mid].Output < output)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>SHA-256 over the content of every array: equal digests mean equal read models.</summary>
    public string Digest()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        _blocks.AppendTo(hash);
        _txs.AppendTo(hash);
        _txTags.AppendTo(hash);
        _outputs.AppendTo(hash);
        _bigValues.AppendTo(hash);
        _spentBy.AppendTo(hash);
        _prevSame.AppendTo(hash);
        _inputs.AppendTo(hash);
        _addressLast.AppendTo(hash);
        _addressFirst.AppendTo(hash);
        _addressTypes.AppendTo(hash);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public void Dispose()
    {
        _blocks.Dispose();
        _txs.Dispose();
        _txTags.Dispose();
        _outputs.Dispose();
        _bigValues.Dispose();
        _spentBy.Dispose();
        _prevSame.Dispose();
        _inputs.Dispose();
        _addressLast.Dispose();
        _addressFirst.Dispose();
        _addressTypes.Dispose();
        _txIndex.Dispose();
        _keys?.Dispose();
    }
}
