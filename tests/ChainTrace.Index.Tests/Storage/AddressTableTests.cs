using System.Security.Cryptography;
using ChainTrace.Index.Storage;
using ChainTrace.Index.Utxo;
using ChainTrace.TestSupport;

namespace ChainTrace.Index.Tests.Storage;

public sealed class AddressTableTests : IDisposable
{
    private readonly TempDir _temp = new("address-table");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Keys_AcrossChunks_CutBackMidChunk_AndReadded_EqualAFreshTable()
    {
        var first = Keys(300, seed: 1);
        var second = Keys(150, seed: 2);
        var cut = 131;
        string cutDigest;
        using (var table = new AddressTable(_temp.File("a"), 0, 0))
        {
            foreach (var key in first)
            {
                table.GetOrAdd(key);
            }

            for (var id = 0; id < first.Count; id++)
            {
                Assert.Equal(first[id], table.Key(id).ToArray());
                Assert.Equal(id, table.Find(first[id]));
            }

            table.Truncate(cut);
            foreach (var key in second)
            {
                table.GetOrAdd(key);
            }

            Assert.Equal(-1, table.Find(first[cut]));
            Assert.Equal(cut + second.Count, table.Count);
            Assert.Equal(second[^1], table.Key(table.Count - 1).ToArray());
            cutDigest = Digest(table);
        }

        using var fresh = new AddressTable(_temp.File("b"), 0, 0);
        foreach (var key in first.Take(cut).Concat(second))
        {
            fresh.GetOrAdd(key);
        }

        Assert.Equal(Digest(fresh), cutDigest);
    }

    [Fact]
    public async Task ReadModelOfAnOlderLayout_IsDiscarded_AndItsSubdirectoriesKept()
    {
        var directory = _temp.File("btc");
        Directory.CreateDirectory(Path.Combine(directory, "clusters"));
        File.WriteAllText(Path.Combine(directory, "clusters", "state.json"), "{}");
        File.WriteAllText(Path.Combine(directory, "manifest.json"), """{"Version":1,"Counts":{"blocks":2,"txs":5,"inputs":7}}""");
        File.WriteAllBytes(Path.Combine(directory, "inputs.bin"), new byte[7 * 8]);

        await using var graph = await ChainTrace.Storage.Sqlite.SqliteGraphStore.OpenAsync(_temp.File("graph.db"), CancellationToken.None);
        using var index = UtxoIndex.Open(directory, graph);

        Assert.Equal(0, index.BlockCount);
        Assert.Equal(0, index.InputCount);
        Assert.True(File.Exists(Path.Combine(directory, "clusters", "state.json")));
    }

    private static List<byte[]> Keys(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            // Bitcoin key shapes: type byte then a 20- or 32-byte program (42 bytes for an unknown witness version).
            var key = new byte[i % 7 == 0 ? 33 : i % 29 == 0 ? 42 : 21];
            random.NextBytes(key);
            key[0] = (byte)(1 + (i % 5));
            return key;
        }).ToList();
    }

    private static string Digest(AddressTable table)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        table.AppendTo(hash);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
