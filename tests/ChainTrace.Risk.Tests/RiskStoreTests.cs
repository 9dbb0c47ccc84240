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
                if (store.Find(Key(i))?.Received != (UInt128)(i * 1000L))
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });

        Assert.Equal(0, wrong);
        Assert.Null(store.Find(Key(5_000)));
        Assert.Equal((UInt128)5_000, store.FindCluster(5)!.Received);
        Assert.Equal(7, store.Snapshot.Height);
        store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => store.Find(Key(1)));
    }

    [Fact]
    public void StoredFacts_ReadBackAsTheSameJson_WithEveryFieldSet()
    {
        // The binary form must answer exactly what the JSON facts did (the API serializes these records).
        var full = new RiskFacts(
            -3, long.MaxValue, UInt128.MaxValue,
            [new CategoryExposure("sanction", ExposureDirection.Incoming, ExposureType.Direct, 1, 0.1 + 0.2), new CategoryExposure("mixing_service", ExposureDirection.Outgoing, ExposureType.Indirect, UInt128.MaxValue, 1.0 / 3)],
            [new DiscountedExposure("sanction", ExposureType.Indirect, 545, int.MaxValue, "unsolicited dust, never spent")],
            0.987654321,
            [new FeatureContribution("fan_in", 12.5, 0.25), new FeatureContribution("round_share", double.Epsilon, -0.0)]);
        var bare = new RiskFacts(null, 0, UInt128.MaxValue, [], [], null, null);
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

    [Fact]
    public void AFileOfFirstFormBinaryFacts_64BitAmounts_ReadsAsTheSameFacts()
    {
        // Form 1 (before 128-bit amounts), written byte by byte as that build did: zigzag varints for every integer.
        var path = _temp.File("v1.db");
        var facts = new RiskFacts(9, 300, 5, [new CategoryExposure("ransomware", ExposureDirection.Incoming, ExposureType.Indirect, 200, 0.25)],
            [new DiscountedExposure("sanction", ExposureType.Direct, 70, 2, "dust")], 0.5, [new FeatureContribution("fan_in", 1.5, 0.125)]);
        var bytes = new List<byte> { 1 | 2 | 4 };
        void Zigzag(long v)
        {
            var z = (ulong)((v << 1) ^ (v >> 63));
            for (; z >= 0x80; z >>= 7)
            {
                bytes.Add((byte)(z | 0x80));
            }

            bytes.Add((byte)z);
        }

        void Double(double v) => bytes.AddRange(BitConverter.GetBytes(v));
        Zigzag(9);
        Zigzag(300);
        Zigzag(5);
        Zigzag(1);
        Zigzag(0); // "ransomware"
        bytes.Add(1); // incoming, indirect
        Zigzag(200);
        Double(0.25);
        Zigzag(1);
        Zigzag(1); // "sanction"
        bytes.Add(0);
        Zigzag(70);
        Zigzag(2);
        Zigzag(2); // "dust"
        Double(0.5);
        Zigzag(1);
        Zigzag(3); // "fan_in"
        Double(1.5);
        Double(0.125);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);" +
                "CREATE TABLE address_risk (key BLOB PRIMARY KEY, cluster INTEGER, score INTEGER NOT NULL, level INTEGER NOT NULL, facts BLOB NOT NULL) WITHOUT ROWID;" +
                "CREATE TABLE cluster_risk (cluster INTEGER PRIMARY KEY, facts BLOB NOT NULL);" +
                "CREATE TABLE strings (id INTEGER PRIMARY KEY, text TEXT NOT NULL);" +
                "INSERT INTO strings VALUES (0, 'ransomware'), (1, 'sanction'), (2, 'dust'), (3, 'fan_in');" +
                "INSERT INTO meta VALUES ('snapshot', $s), ('format', 'facts-binary-1'); INSERT INTO address_risk VALUES ($k, 9, 40, 1, $f); INSERT INTO cluster_risk VALUES (9, $f);";
            command.Parameters.AddWithValue("$s", System.Text.Json.JsonSerializer.Serialize(new RiskSnapshot(2, 3, 546, "labels-v", null, DateTimeOffset.UnixEpoch, 1), RiskStore.Json));
            command.Parameters.AddWithValue("$k", Key(1));
            command.Parameters.AddWithValue("$f", bytes.ToArray());
            command.ExecuteNonQuery();
        }

        using var store = RiskStore.TryOpen(path)!;
        Assert.Equal(1, store.FactsVersion);
        Assert.Equal(Json(facts), Json(store.Find(Key(1))));
        Assert.Equal(Json(facts), Json(store.FindCluster(9)));
    }

    [Fact]
    public void WeiAmountsAbove64Bits_ReadBackExactly_AndTheFileNamesTheSecondForm()
    {
        var wei = UInt128.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture);
        var facts = new RiskFacts(null, wei, wei + 1, [new CategoryExposure("sanction", ExposureDirection.Incoming, ExposureType.Direct, wei - 7, 1.0)], [new DiscountedExposure("sanction", ExposureType.Direct, (UInt128)ulong.MaxValue + 1, 1, "dust")]);
        var path = _temp.File("wei.db");
        RiskStore.Write(path, new RiskSnapshot(1, 3, 0, "labels-v", null, DateTimeOffset.UnixEpoch, 1), [(Key(1), facts, 95, RiskLevel.Severe)], []);
        using var store = RiskStore.TryOpen(path)!;
        Assert.Equal(2, store.FactsVersion);
        var back = store.Find(Key(1))!;
        Assert.Equal(wei, back.Received);
        Assert.Equal(wei + 1, back.Sent);
        Assert.Equal(wei - 7, back.Exposures[0].Amount);
        Assert.Equal((UInt128)ulong.MaxValue + 1, back.Discounted[0].Amount);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private static string Json(RiskFacts? facts) => System.Text.Json.JsonSerializer.Serialize(facts, RiskStore.Json);

    [Fact]
    public async Task StoredRefresh_SeesARefreshOfThisProcessAtOnce_AndAFileReplacedFromOutsideWithinItsInterval()
    {
        var path = _temp.File("btc.db");
        RiskStore.Write(path, new RiskSnapshot(1, 3, 0, "labels-v", null, DateTimeOffset.UnixEpoch, 1), [(Key(1), Facts(1), 5, RiskLevel.Low)], []);
        using var stored = new StoredRefresh(path);
        Assert.Equal(1, stored.Current()!.Snapshot.Height);

        // Written by this process (the service's own refresh job): the next call answers from it.
        RiskStore.Write(path, new RiskSnapshot(2, 3, 0, "labels-v", null, DateTimeOffset.UnixEpoch, 1), [(Key(1), Facts(1), 5, RiskLevel.Low)], []);
        Assert.Equal(2, stored.Current()!.Snapshot.Height);

        // Moved into place by another process (the CLI): seen once the file's time is read again.
        var outside = _temp.File("outside.db");
        RiskStore.Write(outside, new RiskSnapshot(3, 3, 0, "labels-v", null, DateTimeOffset.UnixEpoch, 1), [(Key(1), Facts(1), 5, RiskLevel.Low)], []);
        Assert.Equal(2, stored.Current()!.Snapshot.Height);
        File.Move(outside, path, overwrite: true);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        await Task.Delay(StoredRefresh.StatInterval + TimeSpan.FromMilliseconds(100));
        Assert.Equal(3, stored.Current()!.Snapshot.Height);
    }

    private static byte[] Key(int i) => BitConverter.GetBytes(i).Concat(new byte[17]).ToArray();

    private static RiskFacts Facts(int i) => new(i, (UInt128)(i * 1000L), 0, [], []);
}
