using ChainTrace.Core.Ingest;

namespace ChainTrace.Core.Tests.Ingest;

/// <summary>Issue 8 item 6: a reorg follows the branch with more accumulated work (from nBits), not the longer one.</summary>
public sealed class BranchWorkTests
{
    private const uint Easy = 0x207fffff;  // regtest: about 2 hashes of work per block
    private const uint Hard = 0x1f00ffff;  // about 2^24 hashes of work per block

    [Fact]
    public async Task Run_FollowsAShorterBranch_WithMoreWork()
    {
        var store = new InMemoryUtxoStore();
        var stored = FakeChain.Build(10, "a", bits: Easy);
        await new UtxoIngestor(store, new ListSource(stored)).RunAsync(new UtxoIngestOptions(), null, CancellationToken.None);

        var heavier = FakeChain.Build(7, "b", prefix: stored.Take(5).ToList(), bits: Hard);
        var summary = await new UtxoIngestor(store, new ListSource(heavier)).RunAsync(new UtxoIngestOptions(), null, CancellationToken.None);

        Assert.Equal(1, summary.Reorgs);
        Assert.Equal(5, summary.BlocksRolledBack);
        Assert.Equal(heavier.Select(b => b.Header.Hash), store.Blocks.Values.Select(b => b.Header.Hash));
    }

    [Fact]
    public async Task Run_KeepsTheStoredBranch_WhenALongerOneHasLessWork()
    {
        var store = new InMemoryUtxoStore();
        var stored = FakeChain.Build(7, "b", prefix: FakeChain.Build(5, "a", bits: Easy), bits: Hard);
        await new UtxoIngestor(store, new ListSource(stored)).RunAsync(new UtxoIngestOptions(), null, CancellationToken.None);

        var longer = FakeChain.Build(12, "a", prefix: stored.Take(5).ToList(), bits: Easy);
        var summary = await new UtxoIngestor(store, new ListSource(longer)).RunAsync(new UtxoIngestOptions(), null, CancellationToken.None);

        Assert.Equal(0, summary.Reorgs);
        Assert.Equal(0, summary.BlocksWritten);
        Assert.Contains(summary.Notes!, n => n.Contains("does not have more work", StringComparison.Ordinal));
        Assert.Equal(stored.Select(b => b.Header.Hash), store.Blocks.Values.Select(b => b.Header.Hash));
    }
}
