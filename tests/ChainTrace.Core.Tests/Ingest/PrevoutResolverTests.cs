using ChainTrace.Core.Chains;
using ChainTrace.Core.Ingest;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Core.Tests.Ingest;

public sealed class PrevoutResolverTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Resolve_FillsFromTheBatch_FromRememberedOutputs_AndFromTheStore_WithoutTouchingTheGivenBlocks()
    {
        var store = new InMemoryUtxoStore();
        var stored = Coinbase("stored", 0, 70);
        await store.WriteBlocksAsync([Block(0, stored)], None);
        var resolver = new PrevoutResolver(store);

        var remembered = Coinbase("remembered", 1, 40);
        var first = await resolver.ResolveAsync([Block(1, remembered)], None);
        resolver.Remember(first.Blocks);

        var inBatch = Spend("in-batch", Out(stored, 0));
        var spends = Spend("spends", Out(stored, 0), Out(remembered, 0), Out(inBatch, 0), new OutPoint(Id("nowhere"), 0));
        var given = Block(2, Coinbase("cb2", 2, 1), inBatch, spends);
        var result = await resolver.ResolveAsync([given], None);

        var inputs = result.Blocks[0].Transactions[2].Inputs;
        Assert.Equal([70L, 40L, 69L], inputs.Take(3).Select(i => i.Value!.Value));
        Assert.All(inputs.Take(3), i => Assert.Equal(PrevoutSource.Store, i.Source));
        Assert.Null(inputs[3].Value);
        Assert.Equal(PrevoutSource.None, inputs[3].Source);
        Assert.Equal(4, result.Resolved);

        // One store question for the batch, and only for what neither the batch nor the remembered outputs had.
        Assert.Equal(1, store.LookupCalls);
        Assert.All(given.Transactions[2].Inputs, i => Assert.Null(i.Value));
        Assert.Same(given.Transactions[0], result.Blocks[0].Transactions[0]);
    }

    [Fact]
    public async Task Resolve_KeepsInputsTheSourceResolved_AndCoinbaseInputs()
    {
        var store = new InMemoryUtxoStore();
        var stored = Coinbase("stored", 0, 70);
        await store.WriteBlocksAsync([Block(0, stored)], None);
        var fromSource = new UtxoInput { Index = 0, PrevOut = Out(stored, 0), Value = 5, Source = PrevoutSource.Source };
        var tx = new UtxoTransaction(Id("tx"), 1, false, 100, 100, [fromSource], [new UtxoOutput(0, 1, OutputKind.NonStandard, null)]);

        var result = await new PrevoutResolver(store).ResolveAsync([Block(1, Coinbase("cb1", 1, 1), tx)], None);

        Assert.Equal(0, result.Resolved);
        Assert.Equal(0, store.LookupCalls);
        Assert.Same(fromSource, result.Blocks[0].Transactions[1].Inputs[0]);
    }

    [Fact]
    public async Task Forget_DropsRememberedOutputs()
    {
        var store = new InMemoryUtxoStore();
        var resolver = new PrevoutResolver(store);
        var gone = Coinbase("gone", 0, 10);
        resolver.Remember([Block(0, gone)]);
        resolver.Forget();

        var result = await resolver.ResolveAsync([Block(1, Coinbase("cb1", 1, 1), Spend("spend", Out(gone, 0)))], None);

        Assert.Equal(0, result.Resolved);
    }

    private static Hash32 Id(string name) => new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)));

    private static OutPoint Out(UtxoTransaction tx, uint index) => new(tx.TxId, index);

    private static UtxoTransaction Coinbase(string name, int salt, long value) =>
        new(Id(name), 0, true, 100, 100,
            [new UtxoInput { Index = 0, PrevOut = new OutPoint(Hash32.Zero, uint.MaxValue - (uint)salt), Source = PrevoutSource.Coinbase }],
            [new UtxoOutput(0, value, OutputKind.NonStandard, null)]);

    private static UtxoTransaction Spend(string name, params OutPoint[] prevOuts) =>
        new(Id(name), 1, false, 100, 100,
            prevOuts.Select((p, i) => new UtxoInput { Index = i, PrevOut = p, Source = PrevoutSource.None }).ToList(),
            [new UtxoOutput(0, 69, OutputKind.NonStandard, null)]);

    private static UtxoBlock Block(long height, params UtxoTransaction[] transactions)
    {
        var hash = Id($"block/{height}");
        var previous = height == 0 ? Hash32.Zero : Id($"block/{height - 1}");
        return new UtxoBlock(new BlockHeader(Chain.Btc, height, hash, previous, DateTimeOffset.UnixEpoch), Network.Regtest,
            transactions.Select((t, i) => t with { Position = i }).ToList());
    }
}
