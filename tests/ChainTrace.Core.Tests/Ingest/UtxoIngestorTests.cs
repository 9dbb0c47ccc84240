using ChainTrace.Core.Ingest;
using ChainTrace.Core.Ports;

namespace ChainTrace.Core.Tests.Ingest;

public sealed class UtxoIngestorTests
{
    private static readonly UtxoIngestOptions SmallBatches = new() { BatchBlocks = 3, ReadAhead = 2 };

    [Fact]
    public async Task Run_StoresWholeChain_AndResumesFromTipWithoutRewriting()
    {
        var store = new InMemoryUtxoStore();
        var source = new ListSource(FakeChain.Build(10));

        var first = await new UtxoIngestor(store, source).RunAsync(SmallBatches, null, CancellationToken.None);
        source.Blocks = FakeChain.Build(15, prefix: source.Blocks);
        var second = await new UtxoIngestor(store, source).RunAsync(SmallBatches, null, CancellationToken.None);

        Assert.Equal(10, first.BlocksWritten);
        Assert.Equal(5, second.BlocksWritten);
        Assert.Equal(0, second.BlocksSkipped);
        Assert.Equal(14, second.Tip!.Height);
        Assert.Equal(source.Blocks[14].Header.Hash, second.Tip.Hash);
    }

    [Fact]
    public async Task Run_RollsBackToForkPoint_WhenSourceReorganisedBetweenRuns()
    {
        var store = new InMemoryUtxoStore();
        var chainA = FakeChain.Build(10, "a");
        await new UtxoIngestor(store, new ListSource(chainA)).RunAsync(SmallBatches, null, CancellationToken.None);

        var chainB = FakeChain.Build(12, "b", prefix: chainA.Take(6).ToList());
        var summary = await new UtxoIngestor(store, new ListSource(chainB)).RunAsync(SmallBatches, null, CancellationToken.None);

        Assert.Equal(1, summary.Reorgs);
        Assert.Equal(4, summary.BlocksRolledBack);
        Assert.Equal(chainB.Select(b => b.Header.Hash), store.Blocks.Values.Select(b => b.Header.Hash));
    }

    [Fact]
    public async Task Run_FollowsReorgThatHappensWhileReading()
    {
        var store = new InMemoryUtxoStore();
        var chainA = FakeChain.Build(20, "a");
        var chainB = FakeChain.Build(25, "b", prefix: chainA.Take(12).ToList());
        var source = new ListSource(chainA);
        source.AfterYield = (15, () => source.Blocks = chainB);

        var summary = await new UtxoIngestor(store, source).RunAsync(SmallBatches, null, CancellationToken.None);

        Assert.Equal(1, summary.Reorgs);
        Assert.Equal(chainB.Select(b => b.Header.Hash), store.Blocks.Values.Select(b => b.Header.Hash));
    }

    [Fact]
    public async Task Run_RefusesReorgDeeperThanLimit_AndLeavesStoreAlone()
    {
        var store = new InMemoryUtxoStore();
        await new UtxoIngestor(store, new ListSource(FakeChain.Build(10, "a"))).RunAsync(SmallBatches, null, CancellationToken.None);
        var before = store.Blocks.Values.Select(b => b.Header.Hash).ToList();

        var other = new ListSource(FakeChain.Build(12, "other"));
        var error = await Assert.ThrowsAsync<IngestConflictException>(() =>
            new UtxoIngestor(store, other).RunAsync(SmallBatches with { MaxReorgDepth = 3 }, null, CancellationToken.None));

        Assert.Contains("refusing to roll back", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, store.Blocks.Values.Select(b => b.Header.Hash));
    }

    [Fact]
    public async Task Run_SourceFailure_KeepsOnlyWholeCommittedBatches_AndSurfacesTheError()
    {
        var store = new InMemoryUtxoStore();
        var source = new ListSource(FakeChain.Build(10)) { FailHeight = 7, FailAt = new MalformedDataException("blk00000.dat@1234", "truncated block") };

        var error = await Assert.ThrowsAsync<MalformedDataException>(() =>
            new UtxoIngestor(store, source).RunAsync(SmallBatches, null, CancellationToken.None));

        Assert.Equal("blk00000.dat@1234", error.Location);
        Assert.Equal([0L, 1, 2, 3, 4, 5], store.Blocks.Keys);
    }

    [Fact]
    public async Task Run_RespectsFromAndTo_AndReportsProgressPerBatch()
    {
        var store = new InMemoryUtxoStore();
        var reports = new List<IngestProgress>();
        var progress = new SynchronousProgress(reports.Add);

        var summary = await new UtxoIngestor(store, new ListSource(FakeChain.Build(30)))
            .RunAsync(SmallBatches with { From = 5, To = 14 }, progress, CancellationToken.None);

        Assert.Equal(10, summary.BlocksWritten);
        Assert.Equal(5, store.Blocks.Keys.First());
        Assert.Equal(14, store.Blocks.Keys.Last());
        Assert.Equal(4, reports.Count);
        Assert.Equal(14, reports[^1].Height);
    }

    private sealed class SynchronousProgress(Action<IngestProgress> action) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => action(value);
    }
}
