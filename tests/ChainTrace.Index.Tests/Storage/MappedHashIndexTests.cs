using ChainTrace.Index.Storage;
using ChainTrace.TestSupport;

namespace ChainTrace.Index.Tests.Storage;

public sealed class MappedHashIndexTests : IDisposable
{
    private readonly TempDir _temp = new("hash-index");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Index_FindsEveryId_AfterGrowingAndReopening_WithoutRebuilding()
    {
        var tags = new List<ulong>();
        var path = _temp.File("index.bin");
        using (var index = new MappedHashIndex(path, id => tags[id], 0))
        {
            for (var id = 0; id < 20_000; id++)
            {
                tags.Add(Tag(id));
                index.Add(tags[id], id);
            }

            Assert.InRange(index.Capacity, 20_000 * 10 / 8, (20_000 * 10 / 6) + 2);
        }

        var written = File.GetLastWriteTimeUtc(path);
        var calls = 0;
        using var reopened = new MappedHashIndex(path, id => { calls++; return tags[id]; }, tags.Count);
        Assert.Equal(0, calls);
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        for (var id = 0; id < tags.Count; id++)
        {
            Assert.Equal(id, reopened.Find(tags[id], tags.Count));
        }

        Assert.Equal(-1, reopened.Find(Tag(-1), tags.Count));
    }

    [Fact]
    public void Index_CutBackIdsAreTombstones_AndReusedIdsAnswerForTheirNewTags()
    {
        var tags = Enumerable.Range(0, 1000).Select(i => Tag(i)).ToList();
        using var index = new MappedHashIndex(_temp.File("index.bin"), id => tags[id], 0);
        for (var id = 0; id < tags.Count; id++)
        {
            index.Add(tags[id], id);
        }

        // Cut back to 600: ids 600.. are gone by count alone.
        Assert.Equal(-1, index.Find(tags[700], 600));
        Assert.Equal(500, index.Find(tags[500], 600));

        // Ids 600.. come back with other keys (another branch).
        for (var id = 600; id < 1000; id++)
        {
            tags[id] = Tag(id + 5000);
            index.Add(tags[id], id);
        }

        Assert.Equal(-1, index.Find(Tag(700), 1000));
        Assert.Equal(700, index.Find(Tag(5700), 1000));
        Assert.Equal(599, index.Find(Tag(599), 1000));
    }

    [Fact]
    public void Index_WithReplace_FindsTheLaterOfTwoIdsWithOneTag()
    {
        var tags = new List<ulong> { Tag(1), Tag(2), Tag(1) };
        using var index = new MappedHashIndex(_temp.File("index.bin"), id => tags[id], 0);
        index.Add(tags[0], 0, replace: true);
        index.Add(tags[1], 1, replace: true);
        index.Add(tags[2], 2, replace: true);

        Assert.Equal(2, index.Find(Tag(1), 3));
    }

    [Fact]
    public void Index_ManyIdsWithOneTag_AreAllReachableThroughNext()
    {
        var tags = Enumerable.Repeat(Tag(9), 50).ToList();
        using var index = new MappedHashIndex(_temp.File("index.bin"), id => tags[id], 0);
        for (var id = 0; id < tags.Count; id++)
        {
            index.Add(tags[id], id);
        }

        var slot = index.Start(Tag(9));
        var found = new List<int>();
        for (var id = index.Next(ref slot, Tag(9), tags.Count); id >= 0; id = index.Next(ref slot, Tag(9), tags.Count))
        {
            found.Add(id);
        }

        Assert.Equal(Enumerable.Range(0, 50), found.Order());
    }

    private static ulong Tag(int i) => unchecked((ulong)i * 0x9E3779B97F4A7C15UL) ^ 0xABCDEF;
}
