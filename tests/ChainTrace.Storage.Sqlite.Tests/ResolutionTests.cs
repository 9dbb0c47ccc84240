using ChainTrace.Core.Utxo;
using static ChainTrace.Storage.Sqlite.Tests.TestBlocks;

namespace ChainTrace.Storage.Sqlite.Tests;

public sealed class ResolutionTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Inputs_ResolveFromEarlierBlocksOfTheBatch_AndEarlierTransactionsOfTheSameBlock()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        var cb0 = Coinbase("cb0", Pay(0, P2pkh("alice"), 50_0000_0000));
        var first = Tx("first", [Spend(0, cb0.TxId, 0)], Pay(0, P2pkh("bob"), 49_0000_0000));
        var second = Tx("second", [Spend(0, first.TxId, 0)], Pay(0, P2wpkh("carol"), 48_0000_0000));

        var result = await fixture.WriteAsync([Block(0, cb0), Block(1, Coinbase("cb1"), first, second)], None);

        Assert.Equal(2, result.InputsResolvedFromStore);
        var view = await fixture.Store.GetTransactionAsync(second.TxId, None);
        var input = Assert.Single(view!.Inputs);
        Assert.Equal(P2pkh("bob"), input.Address);
        Assert.Equal(49_0000_0000, input.Value);
        Assert.Equal(PrevoutSource.Store, input.Source);
        Assert.Equal(1_0000_0000, view.Fee);
    }

    [Fact]
    public async Task Inputs_ResolveFromOutputsCommittedBeforeTheStoreWasReopened()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        var cb0 = Coinbase("cb0", Pay(0, P2pkh("alice"), 50_0000_0000), Pay(1, P2wpkh("alice-w"), 7));
        await fixture.WriteAsync([Block(0, cb0)], None);
        await fixture.ReopenAsync();

        var spend = Tx("spend", [Spend(0, cb0.TxId, 1), Spend(1, cb0.TxId, 0)], Pay(0, P2pkh("bob"), 50_0000_0000));
        var result = await fixture.WriteAsync([Block(1, Coinbase("cb1"), spend)], None);

        Assert.Equal(2, result.InputsResolvedFromStore);
        var written = fixture.LastWritten[0].Transactions[1].Inputs;
        Assert.Equal(7, written[0].Value);
        Assert.Equal(P2wpkh("alice-w").KeyToArray(), written[0].AddressKey);
        Assert.Equal(OutputKind.P2WPKH, written[0].PrevKind);
        Assert.Equal(PrevoutSource.Store, written[1].Source);
        var view = await fixture.Store.GetTransactionAsync(spend.TxId, None);
        Assert.Equal(7, view!.Inputs[0].Value);

        // The stage made new inputs: the caller's objects are unchanged.
        Assert.Null(spend.Inputs[0].Value);
        Assert.Equal(PrevoutSource.None, spend.Inputs[1].Source);
    }

    [Fact]
    public async Task TxidFilter_PersistsAcrossReopen_AndCatchesUpRowsAboveItsMark()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        var cb0 = Coinbase("cb0", Pay(0, P2pkh("alice"), 50_0000_0000));
        await fixture.WriteAsync([Block(0, cb0)], None);
        await fixture.ReopenAsync();
        var filterPath = fixture.DatabasePath + ".txids";
        Assert.True(File.Exists(filterPath));
        using (var filter = Utxo.TxidFilter.TryOpen(filterPath)!)
        {
            Assert.Equal(1, filter.Covered);
            Assert.True(filter.MayContain(Utxo.KeyTags.TxidPrefix(cb0.TxId)));
        }

        // A writer that died before closing leaves the mark behind its rows: lower it by hand, as such a crash would.
        var cb1 = Coinbase("cb1", Pay(0, P2pkh("bob"), 50_0000_0000));
        await fixture.WriteAsync([Block(1, cb1)], None);
        await fixture.Store.DisposeAsync();
        using (var filter = Utxo.TxidFilter.TryOpen(filterPath)!)
        {
            Assert.Equal(2, filter.Covered);
            filter.Covered = 0;
        }

        File.WriteAllBytes(filterPath, Zeroed(File.ReadAllBytes(filterPath)));
        await fixture.ReopenAsync();
        var spend = Tx("spend", [Spend(0, cb0.TxId, 0), Spend(1, cb1.TxId, 0)], Pay(0, P2pkh("carol"), 1));
        var result = await fixture.WriteAsync([Block(2, Coinbase("cb2"), spend)], None);
        Assert.Equal(2, result.InputsResolvedFromStore);
    }

    /// <summary>A filter file with its header kept and every bit cleared: only the rows above its mark (all, at mark 0) come back.</summary>
    private static byte[] Zeroed(byte[] file)
    {
        Array.Clear(file, 64, file.Length - 64);
        return file;
    }

    [Fact]
    public async Task Inputs_WithUnknownPrevouts_KeepTheirScriptAddressAndNoValue()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        var cb0 = Coinbase("cb0", Pay(0, P2pkh("alice"), 50_0000_0000));
        var spend = Tx("spend",
            [SpendFromScript(0, Hash("never-seen"), 3, P2wpkh("dave")), Spend(1, cb0.TxId, 5), Spend(2, Hash("also-unknown"), 0)],
            Pay(0, P2pkh("bob"), 1));

        var result = await fixture.WriteAsync([Block(0, cb0), Block(1, Coinbase("cb1"), spend)], None);

        Assert.Equal(0, result.InputsResolvedFromStore);
        var view = await fixture.Store.GetTransactionAsync(spend.TxId, None);
        Assert.Equal(P2wpkh("dave"), view!.Inputs[0].Address);
        Assert.Null(view.Inputs[0].Value);
        Assert.Equal(PrevoutSource.Script, view.Inputs[0].Source);
        Assert.Null(view.Inputs[1].Value);
        Assert.Null(view.Inputs[2].Address);
        Assert.Equal(PrevoutSource.None, view.Inputs[2].Source);
        Assert.Null(view.Fee);
    }

    [Fact]
    public async Task Inputs_WithValuesFromTheSource_AreKeptAsGiven()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        var given = new UtxoInput { Index = 0, PrevOut = new OutPoint(Hash("elsewhere"), 0), Value = 1234, AddressKey = P2pkh("erin").KeyToArray(), PrevKind = OutputKind.P2PKH, Source = PrevoutSource.Source };
        var spend = Tx("spend", [given], Pay(0, P2pkh("bob"), 1000));

        var result = await fixture.WriteAsync([Block(0, Coinbase("cb0"), spend)], None);

        Assert.Equal(0, result.InputsResolvedFromStore);
        var view = await fixture.Store.GetTransactionAsync(spend.TxId, None);
        Assert.Equal(PrevoutSource.Source, view!.Inputs[0].Source);
        Assert.Equal(234, view.Fee);
    }
}
