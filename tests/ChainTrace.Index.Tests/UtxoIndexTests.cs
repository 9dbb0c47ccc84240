using ChainTrace.Core.Utxo;
using ChainTrace.Index.Utxo;
using ChainTrace.Storage.Sqlite;
using ChainTrace.TestSupport;

namespace ChainTrace.Index.Tests;

/// <summary>The UTXO read model built from a real store of the simulator's <c>small</c> economy.</summary>
public sealed class UtxoIndexTests : IAsyncLifetime
{
    private readonly TempDir _temp = new("utxo-index");
    private List<UtxoBlock> _blocks = [];
    private SqliteGraphStore _store = null!;

    public async Task InitializeAsync()
    {
        var sim = await SimulatedData.CreateAsync(_temp, "small");
        _store = await SqliteGraphStore.OpenAsync(Path.Combine(sim.Data, "graph.db"), CancellationToken.None);
        await foreach (var block in _store.ReadUtxoBlocksAsync(0, CancellationToken.None))
        {
            _blocks.Add(block);
        }
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public void Append_HoldsEveryOutputInput_AndLinksSpendsBothWays()
    {
        using var index = Build("all", _blocks);

        var txs = _blocks.SelectMany(b => b.Transactions).ToList();
        Assert.Equal(txs.Count, index.TxCount);
        Assert.Equal(txs.Sum(t => t.Outputs.Count), index.OutputCount);
        var byTxId = txs.Select((t, i) => (t.TxId, i)).ToDictionary(x => x.TxId, x => x.i);
        long resolved = 0;
        for (var t = 0; t < txs.Count; t++)
        {
            var (outStart, outCount) = index.Outputs(t);
            Assert.Equal(txs[t].Outputs.Select(o => o.Value), Enumerable.Range(outStart, outCount).Select(o => index.Output(o).Value));
            Assert.Equal(txs[t].Outputs.Select(o => Convert.ToHexString(o.AddressKey ?? [])),
                Enumerable.Range(outStart, outCount).Select(o => index.Output(o).Address < 0 ? "" : Convert.ToHexString(index.AddressKey(index.Output(o).Address))));
            if (txs[t].IsCoinbase)
            {
                continue;
            }

            var (inStart, inCount) = index.Inputs(t);
            Assert.Equal(txs[t].Inputs.Count, inCount);
            for (var i = 0; i < inCount; i++)
            {
                var prev = txs[t].Inputs[i].PrevOut;
                var spent = index.Input(inStart + i).SpentOutput;
                Assert.Equal(index.Outputs(byTxId[prev.TxId]).Start + (int)prev.Index, spent);
                Assert.Equal(t, index.SpentBy(spent));
                Assert.Equal(byTxId[prev.TxId], index.TxOfOutput(spent));
                resolved++;
            }
        }

        Assert.True(resolved > 500);
        var unspent = Enumerable.Range(0, index.OutputCount).Count(o => index.SpentBy(o) < 0);
        Assert.Equal(index.OutputCount - resolved, unspent);

        // Each address's outputs, walked through the backward list, are exactly the outputs paying it.
        for (var a = 0; a < index.AddressCount; a += 7)
        {
            var expected = Enumerable.Range(0, index.OutputCount).Where(o => index.Output(o).Address == a).Reverse();
            Assert.Equal(expected, index.OutputsOf(a));
        }
    }

    [Fact]
    public void AddressKeys_ReadBackFromTheStore_AreTheBlocksKeys_AndFindAddressInvertsThem()
    {
        var half = _blocks.Count / 2;
        using var full = Build("keys", _blocks);
        using var partial = Build("keys-half", _blocks.Take(half).ToList());
        static IEnumerable<string> KeysIn(IEnumerable<UtxoBlock> blocks) => blocks.SelectMany(b => b.Transactions)
            .SelectMany(t => t.Inputs.Select(i => i.AddressKey).Concat(t.Outputs.Select(o => o.AddressKey)))
            .OfType<byte[]>().Select(Convert.ToHexString);
        var all = KeysIn(_blocks).ToHashSet();
        var early = KeysIn(_blocks.Take(half)).ToHashSet();

        // One scan gives every address once, in id order, and its key is one of the blocks' keys, each exactly once.
        var scanned = full.Keys().ToList();
        Assert.Equal(Enumerable.Range(0, full.AddressCount), scanned.Select(k => k.Address));
        Assert.Equal(all.Order(StringComparer.Ordinal), scanned.Select(k => Convert.ToHexString(k.Key)).Order(StringComparer.Ordinal));
        foreach (var (address, key) in scanned)
        {
            Assert.Equal(key, full.KeyOf(address));
            Assert.Equal(address, full.FindAddress(key));
            Assert.True(full.HasAddress(key));
        }

        // Both ways of KeysOf (point lookups for a few, a scan for many) agree with the scan.
        foreach (var chosen in new[] { scanned.Where(k => k.Address % 3 == 1).Select(k => k.Address).ToList(), [scanned[^1].Address, scanned[5].Address] })
        {
            var keys = full.KeysOf(chosen);
            Assert.Equal(chosen.Order(), keys.Keys.Order());
            Assert.All(chosen, a => Assert.Equal(scanned[a].Key, keys[a]));
        }

        // A read model that has not reached a key's first block does not hold it, though the store does.
        Assert.Equal(early.Count, partial.AddressCount);
        foreach (var key in all.Select(Convert.FromHexString))
        {
            var held = early.Contains(Convert.ToHexString(key));
            Assert.Equal(held, partial.HasAddress(key));
            Assert.Equal(held, partial.FindAddress(key) >= 0);
        }

        var unknown = new byte[21];
        unknown[0] = 1;
        Assert.Equal(-1, full.FindAddress(unknown));
        Assert.False(full.HasAddress(unknown));
    }

    [Fact]
    public void CutBack_EqualsAReadModelThatNeverSawTheBlocks_AndReappendingRestoresIt()
    {
        var half = _blocks.Count / 2;
        using var full = Build("full", _blocks);
        using var partial = Build("half", _blocks.Take(half).ToList());
        var fullDigest = full.Digest();

        full.CutBack(half);
        Assert.Equal(partial.Digest(), full.Digest());

        full.Append(_blocks.Skip(half).ToList());
        Assert.Equal(fullDigest, full.Digest());
    }

    [Fact]
    public void Open_UndoesABatchInterruptedHalfway()
    {
        var half = _blocks.Count / 2;
        var dir = _temp.File("interrupted");
        string before;
        using (var index = UtxoIndex.Open(dir, _store))
        {
            index.Append(_blocks.Take(half).ToList());
            before = index.Digest();

            // The second block repeats the tip: the batch fails after the first block went into the arrays.
            Assert.Throws<InvalidOperationException>(() => index.Append([_blocks[half], _blocks[half - 1]]));
        }

        using (var reopened = UtxoIndex.Open(dir, _store))
        {
            Assert.Equal(before, reopened.Digest());
            reopened.Append(_blocks.Skip(half).ToList());
        }

        using var reference = Build("reference", _blocks);
        using var resumed = UtxoIndex.Open(dir, _store);
        Assert.Equal(reference.Digest(), resumed.Digest());
    }

    [Fact]
    public void OutputValues_AboveFortyBits_RoundTrip_AndCutBackDropsTheirOverflowEntries()
    {
        // Values at and above the 40-bit marker (and the largest 40-bit value below it) in the first transaction of
        // blocks spread over the chain: the marker itself must not be read back as a value.
        long[] values = [PackedOutput.Overflow - 1, PackedOutput.Overflow, PackedOutput.Overflow + 1, 2_100_000_000_000_000, long.MaxValue];
        var blocks = _blocks.Select((b, i) => i % 5 != 1 ? b : WithFirstOutputValue(b, values[i / 5 % values.Length])).ToList();
        var expected = blocks.SelectMany(b => b.Transactions).SelectMany(t => t.Outputs).Select(o => o.Value).ToList();
        Assert.Contains(expected, v => v >= PackedOutput.Overflow);

        using var index = Build("big", blocks);
        Assert.Equal(expected, Enumerable.Range(0, index.OutputCount).Select(o => index.Output(o).Value));

        var half = blocks.Count / 2;
        using var partial = Build("big-half", blocks.Take(half).ToList());
        var fullDigest = index.Digest();
        index.CutBack(half);
        Assert.Equal(partial.Digest(), index.Digest());
        index.Append(blocks.Skip(half).ToList());
        Assert.Equal(fullDigest, index.Digest());
        Assert.Equal(expected, Enumerable.Range(0, index.OutputCount).Select(o => index.Output(o).Value));
    }

    [Fact]
    public void Open_OnAReadModelOfTheLayoutBefore_RebuildsItToTheSameContent()
    {
        var dir = _temp.File("old-layout");
        string digest;
        using (var index = UtxoIndex.Open(dir, _store))
        {
            index.Append(_blocks);
            digest = index.Digest();
        }

        // A v2 directory: its manifest names the version before; its outputs.bin (12 bytes per output then) does not fit this layout.
        var manifest = Path.Combine(dir, "manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace(
            $"\"Version\":{ChainTrace.Index.Storage.IndexManifest.UtxoVersion}", $"\"Version\":{ChainTrace.Index.Storage.IndexManifest.UtxoVersion - 1}", StringComparison.Ordinal));
        using (var old = UtxoIndex.Open(dir, _store))
        {
            Assert.Equal(0, old.BlockCount);
            Assert.Equal(0, old.OutputCount);
            old.Append(_blocks);
        }

        using var rebuilt = UtxoIndex.Open(dir, _store);
        Assert.Equal(digest, rebuilt.Digest());
    }

    private static UtxoBlock WithFirstOutputValue(UtxoBlock block, long value)
    {
        var first = block.Transactions[0];
        var outputs = first.Outputs.Select((o, i) => i == 0 ? o with { Value = value } : o).ToList();
        return block with { Transactions = [first with { Outputs = outputs }, .. block.Transactions.Skip(1)] };
    }

    private UtxoIndex Build(string name, List<UtxoBlock> blocks)
    {
        var index = UtxoIndex.Open(_temp.File(name), _store);
        index.Append(blocks);
        return index;
    }
}
