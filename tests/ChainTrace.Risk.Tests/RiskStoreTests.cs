using ChainTrace.Core.Risk;
using ChainTrace.Risk.Storage;
using ChainTrace.TestSupport;

namespace ChainTrace.Risk.Tests;

/// <summary>The stored refresh read from many threads at once (the screening hot path), on a real SQLite file.</summary>
public sealed class RiskStoreTests : IDisposable
{
    private readonly TempDir _temp = new("risk-store");

    [Fact]
    public async Task ParallelLookups_EachGetTheirOwnAddressFacts()
    {
        var path = _temp.File("btc.db");
        var rows = Enumerable.Range(0, 2_000).Select(i => (Key(i), Facts(i), i % 100, RiskLevel.Low)).ToList();
        RiskStore.Write(path, new RiskSnapshot(7, 3, 10_000, "labels-v", null, DateTimeOffset.UnixEpoch, rows.Count), rows, [(5L, Facts(5))]);
        using var store = RiskStore.TryOpen(path)!;

        // One connection behind a lock would serialize these; a shared connection without one would mix up answers.
        var wrong = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 16), async (worker, _) =>
        {
            await Task.Yield();
            for (var i = worker; i < rows.Count; i += 16)
            {
                if (store.Find(Key(i))?.Received != i * 1000L)
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });

        Assert.Equal(0, wrong);
        Assert.Null(store.Find(Key(5_000)));
        Assert.Equal(5_000, store.FindCluster(5)!.Received);
        Assert.Equal(7, store.Snapshot.Height);
        store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => store.Find(Key(1)));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private static byte[] Key(int i) => BitConverter.GetBytes(i).Concat(new byte[17]).ToArray();

    private static RiskFacts Facts(int i) => new(i, i * 1000L, 0, [], []);
}
