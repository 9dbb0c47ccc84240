using System.Buffers.Binary;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;
using ChainTrace.Index.Storage;

namespace ChainTrace.Index.Utxo;

public sealed partial class UtxoIndex
{
    /// <summary>
    /// Appends stored blocks above the tip, committed unless <paramref name="commit"/> is false (then a later
    /// <see cref="Commit"/> or committed append makes several batches one step: a crash before it undoes them all,
    /// and the arrays are flushed once instead of per batch). Inputs are linked to the outputs they spend
    /// when those are in the read model (earlier blocks or earlier in the same block); otherwise the input keeps
    /// the address the store derived from its script and no value.
    /// </summary>
    public void Append(IReadOnlyList<UtxoBlock> blocks, bool commit = true)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Count == 0)
        {
            return;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The committed counts stay those of the last commit; the pending ones cover every batch since.
        var manifest = new IndexManifest { Version = IndexManifest.UtxoVersion, Counts = _committed, Pending = UpperBounds(blocks) };
        manifest.Save(_manifestPath);
        _existingBelow = BlockCount == 0 ? null : blocks[0].Header.Height;
        _appended.Clear();
        foreach (var block in blocks)
        {
            if (Tip is { } tip && block.Header.Height <= tip.Height)
            {
                throw new InvalidOperationException($"read model: block {block.Header.Height} is not above the tip {tip.Height}; cut back first");
            }

            AppendBlock(block);
        }

        // The batch's keys are not needed past it (a first build meets millions).
        _appended.Clear();
        _appended.TrimExcess();
        if (commit)
        {
            Commit();
        }

        AppendSeconds += clock.Elapsed.TotalSeconds;
    }

    /// <summary>Time spent in <see cref="Append"/> since this instance was opened (flushes included).</summary>
    public double AppendSeconds { get; private set; }

    /// <summary>Time spent flushing the arrays to disk in commits since this instance was opened.</summary>
    public double FlushSeconds { get; private set; }

    /// <summary>Cuts the read model back to the blocks below index <paramref name="blockCount"/> (every array to the first id of the block after).</summary>
    public void CutBack(int blockCount)
    {
        if (blockCount >= BlockCount)
        {
            return;
        }

        Commit();
        var first = _blocks[blockCount];
        var manifest = new IndexManifest { Version = IndexManifest.UtxoVersion, Counts = Counts(blockCount, first.FirstTx, first.FirstOutput, first.FirstInput, first.FirstAddress, FirstBigValueAtOrAfter(first.FirstOutput)), Pending = CurrentManifest().Counts };
        manifest.Save(_manifestPath);
        Undo(manifest.Counts);
        Commit();
    }

    private void AppendBlock(UtxoBlock block)
    {
        _blocks.Add(new IndexBlock
        {
            Height = block.Header.Height,
            Time = block.Header.Time.ToUnixTimeSeconds(),
            FirstTx = TxCount,
            FirstOutput = OutputCount,
            FirstInput = InputCount,
            FirstAddress = AddressCount,
            Hash = HashBytes.From(block.Header.Hash),
        });

        foreach (var tx in block.Transactions)
        {
            var t = TxCount;
            var firstInput = InputCount;
            var firstOutput = OutputCount;
            if (!tx.IsCoinbase)
            {
                foreach (var input in tx.Inputs)
                {
                    AppendInput(input, t, InputCount);
                }
            }

            _txs.Add(new IndexTx(firstInput, firstOutput));
            foreach (var output in tx.Outputs)
            {
                var o = OutputCount;
                var address = output.AddressKey is null ? -1 : AddressId(output.AddressKey, o);
                var packed = PackedOutput.Of(output.Value, address);
                _outputs.Add(packed);
                if (packed.Overflows)
                {
                    _bigValues.Add(new BigValue(o, output.Value));
                }

                _spentBy.Add(-1);
                _prevSame.Add(address >= 0 ? _addressLast[address] : -1);
                if (address >= 0)
                {
                    _addressLast[address] = o;
                }
            }

            var tag = TxTag(tx.TxId);
            _txTags.Add(tag);
            _txIndex.Add(tag, t, replace: true);
        }
    }

    private void AppendInput(UtxoInput input, int tx, int i)
    {
        var spent = -1;
        var address = -1;
        if (_txIndex.Find(TxTag(input.PrevOut.TxId), TxCount) is var previous and >= 0)
        {
            var (start, count) = Outputs(previous);
            if (input.PrevOut.Index < (uint)count)
            {
                spent = start + (int)input.PrevOut.Index;
                address = _outputs[spent].Address;
            }
        }

        if (spent < 0 && input.AddressKey is { } key)
        {
            address = AddressId(key, ~i);
        }

        _inputs.Add(IndexInput.Encode(spent, address));
        if (spent >= 0)
        {
            _spentBy[spent] = tx;
        }
    }

    /// <summary>
    /// The id of <paramref name="key"/>, met at <paramref name="place"/> (an output id, or the complement of an input
    /// id): one met earlier in this append, else one the store first saw below the appended blocks (found in the read
    /// model at that place), else a new id first placed here. A first build asks the store nothing.
    /// </summary>
    private int AddressId(byte[] key, int place)
    {
        if (_appended.TryGetValue(key, out var id))
        {
            return id;
        }

        id = _existingBelow is { } below ? ExistingAddress(key, below) : -1;
        if (id < 0)
        {
            id = AddressCount;
            _addressFirst.Add(place);
            _addressTypes.Add(key.Length > 0 ? key[0] : byte.MaxValue);
            _addressLast.Add(-1);
        }

        _appended[key] = id;
        return id;
    }

    /// <summary>
    /// Restores the state of <paramref name="target"/> counts: spends and address heads that point past them are reset
    /// (each only when it still points into the removed range, so an interrupted write is undone safely), then every
    /// array is cut back.
    /// </summary>
    private void Undo(Dictionary<string, long> target)
    {
        long txs = target.GetValueOrDefault("txs"), outputs = target.GetValueOrDefault("outputs"), addresses = target.GetValueOrDefault("addresses");
        for (var i = InputCount - 1; i >= target.GetValueOrDefault("inputs"); i--)
        {
            var spent = _inputs[i];
            if (spent >= 0 && spent < outputs && _spentBy[spent] >= txs)
            {
                _spentBy[spent] = -1;
            }
        }

        for (var o = OutputCount - 1; o >= outputs; o--)
        {
            var address = _outputs[o].Address;
            if (address >= 0 && address < addresses && address < _addressLast.Count && _addressLast[address] == o)
            {
                _addressLast[address] = _prevSame[o];
            }
        }

        // The txid hash index needs nothing: ids past the counts are tombstones there.
        _blocks.Truncate(Math.Min(_blocks.Count, target.GetValueOrDefault("blocks")));
        _txs.Truncate(Math.Min(_txs.Count, txs));
        _txTags.Truncate(Math.Min(_txTags.Count, txs));
        _outputs.Truncate(Math.Min(_outputs.Count, outputs));
        _bigValues.Truncate(Math.Min(_bigValues.Count, target.GetValueOrDefault("big_values")));
        _spentBy.Truncate(Math.Min(_spentBy.Count, outputs));
        _prevSame.Truncate(Math.Min(_prevSame.Count, outputs));
        _inputs.Truncate(Math.Min(_inputs.Count, target.GetValueOrDefault("inputs")));
        _addressLast.Truncate(Math.Min(_addressLast.Count, addresses));
        _addressFirst.Truncate(Math.Min(_addressFirst.Count, addresses));
        _addressTypes.Truncate(Math.Min(_addressTypes.Count, addresses));
    }

    /// <summary>An interrupted batch: the arrays may hold part of it past the committed counts; undo it.</summary>
    private void UndoPending(IndexManifest manifest, Dictionary<string, long> pending)
    {
        _inputs.Reveal(pending.GetValueOrDefault("inputs"));
        _outputs.Reveal(pending.GetValueOrDefault("outputs"));
        _prevSame.Reveal(pending.GetValueOrDefault("outputs"));
        Undo(manifest.Counts);
        Commit();
    }

    /// <summary>Makes everything appended so far durable: the arrays flushed, then the manifest names their counts.</summary>
    public void Commit()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        _blocks.Flush();
        _txs.Flush();
        _txTags.Flush();
        _outputs.Flush();
        _bigValues.Flush();
        _spentBy.Flush();
        _prevSame.Flush();
        _inputs.Flush();
        _addressLast.Flush();
        _addressFirst.Flush();
        _addressTypes.Flush();
        _txIndex.Flush();
        FlushSeconds += clock.Elapsed.TotalSeconds;
        var manifest = CurrentManifest();
        manifest.Save(_manifestPath);
        _committed = manifest.Counts;
    }

    private IndexManifest CurrentManifest() =>
        new() { Version = IndexManifest.UtxoVersion, Counts = Counts(BlockCount, TxCount, OutputCount, InputCount, AddressCount, _bigValues.Count) };

    private Dictionary<string, long> UpperBounds(IReadOnlyList<UtxoBlock> blocks)
    {
        long txs = 0, outputs = 0, inputs = 0;
        foreach (var block in blocks)
        {
            foreach (var tx in block.Transactions)
            {
                txs++;
                outputs += tx.Outputs.Count;
                inputs += tx.IsCoinbase ? 0 : tx.Inputs.Count;
            }
        }

        return Counts(BlockCount + blocks.Count, TxCount + txs, OutputCount + outputs, InputCount + inputs, AddressCount + outputs + inputs, _bigValues.Count + outputs);
    }

    private static Dictionary<string, long> Counts(long blocks, long txs, long outputs, long inputs, long addresses, long bigValues) => new()
    {
        ["blocks"] = blocks,
        ["txs"] = txs,
        ["outputs"] = outputs,
        ["inputs"] = inputs,
        ["addresses"] = addresses,
        ["big_values"] = bigValues,
    };

    private static ulong TxTag(Hash32 txId)
    {
        Span<byte> bytes = stackalloc byte[32];
        txId.CopyTo(bytes);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }
}
