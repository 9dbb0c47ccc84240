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

    [Fact]
    public void StoredFacts_ReadBackAsTheSameJson_WithEveryFieldSet()
    {
        // The binary form must answer exactly what the JSON facts did (the API serializes these records).
        var full = new RiskFacts(
            -3, long.MaxValue, 0,
            [new CategoryExposure("sanction", ExposureDirection.Incoming, ExposureType.Direct, 1, 0.1 + 0.2), new CategoryExposure("mixing_service", ExposureDirection.Outgoing, ExposureType.Indirect, long.MaxValue, 1.0 / 3)],
            [new DiscountedExposure("sanction", ExposureType.Indirect, 545, int.MaxValue, "unsolicited dust, never spent")],
            0.987654321,
            [new FeatureContribution("fan_in", 12.5, 0.25), new FeatureContribution("round_share", double.Epsilon, -0.0)]);
        var bare = new RiskFacts(null, 0, long.MinValue, [], [], null, null);
        var empty = new RiskFacts(4, 1, 2, [], [], 0, []);
        var path = _temp.File("full.db");
        RiskStore.Write(path, new RiskSnapshot(1, 3, 546, "labels-v", "model-v", DateTimeOffset.UnixEpoch, 3),
            [(Key(1), full, 90, RiskLevel.Severe), (Key(2), bare, 0, RiskLevel.Low), (Key(3), empty, 1, RiskLevel.Low)], [(-3L, full)]);
        using var store = RiskStore.TryOpen(path)!;

        Assert.Equal(Json(full), Json(store.Find(Key(1))));
        Assert.Equal(Json(bare), Json(store.Find(Key(2))));
        Assert.Equal(Json(empty), Json(store.Find(Key(3))));
        Assert.Equal(Json(full), Json(store.FindCluster(-3)));
        Assert.Equal("model-v", store.Snapshot.ModelVersion);
    }

    [Fact]
    public void AFileOfJsonFacts_WrittenBeforeTheBinaryForm_StillReads()
    {
        var path = _temp.File("old.db");
        var facts = new RiskFacts(9, 70, 5, [new CategoryExposure("ransomware", ExposureDirection.Incoming, ExposureType.Indirect, 7, 0.1)], [], 0.5, []);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);" +
                "CREATE TABLE address_risk (key BLOB PRIMARY KEY, cluster INTEGER, score INTEGER NOT NULL, level INTEGER NOT NULL, facts TEXT NOT NULL) WITHOUT ROWID;" +
                "CREATE TABLE cluster_risk (cluster INTEGER PRIMARY KEY, facts TEXT NOT NULL);" +
                "INSERT INTO meta VALUES ('snapshot', $s); INSERT INTO address_risk VALUES ($k, 9, 40, 1, $f); INSERT INTO cluster_risk VALUES (9, $f);";
            command.Parameters.AddWithValue("$s", System.Text.Json.JsonSerializer.Serialize(new RiskSnapshot(2, 3, 546, "labels-v", null, DateTimeOffset.UnixEpoch, 1), RiskStore.Json));
            command.Parameters.AddWithValue("$k", Key(1));
            command.Parameters.AddWithValue("$f", Json(facts));
            command.ExecuteNonQuery();
        }

        using var store = RiskStore.TryOpen(path)!;
        Assert.Equal(Json(facts), Json(store.Find(Key(1))));
        Assert.Equal(Json(facts), Json(store.FindCluster(9)));
        Assert.Null(store.Find(Key(2)));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private static string Json(RiskFacts? facts) => System.Text.Json.JsonSerializer.Serialize(facts, RiskStore.Json);

    private static byte[] Key(int i) => BitConverter.GetBytes(i).Concat(new byte[17]).ToArray();

    private static RiskFacts Facts(int i) => new(i, i * 1000L, 0, [], []);
}
