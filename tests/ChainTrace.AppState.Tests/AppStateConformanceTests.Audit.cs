using ChainTrace.Core.Access;

namespace ChainTrace.AppState.Tests;

public abstract partial class AppStateConformanceTests
{
    [Fact]
    public async Task Append_NumbersAndLinksEntries_AcrossBatches()
    {
        var first = await Audit.AppendAsync([Event(0, "address:btc:a"), Event(1, "address:btc:b")], CancellationToken.None);
        var second = await Audit.AppendAsync([Event(2, "tx:btc:c")], CancellationToken.None);

        Assert.Equal([1L, 2L, 3L], first.Concat(second).Select(e => e.Sequence));
        Assert.True(first[0].PreviousHash.Span.SequenceEqual(AuditChain.Genesis.Span));
        Assert.True(second[0].PreviousHash.Span.SequenceEqual(first[1].Hash.Span));
        var stored = await ReadAllAsync();
        Assert.Equal(first.Concat(second).Select(e => e.Event), stored.Select(e => e.Event));
        Assert.True((await AuditChain.VerifyAsync(Audit.ReadAllAsync(CancellationToken.None), CancellationToken.None)).IsIntact);
    }

    [Fact]
    public async Task AppendWithJournalMark_StoresTheMarkWithTheEntries_PerJournal()
    {
        Assert.Equal(0, await Audit.GetJournalPositionAsync("node-a", CancellationToken.None));

        await Audit.AppendAsync([Event(0, "address:btc:a"), Event(1, "address:btc:b")], new AuditJournalMark("node-a", 2), CancellationToken.None);
        await Audit.AppendAsync([Event(2, "address:btc:c")], new AuditJournalMark("node-b", 7), CancellationToken.None);
        await Audit.AppendAsync([Event(3, "address:btc:d")], new AuditJournalMark("node-a", 3), CancellationToken.None);
        await ReopenAsync();

        Assert.Equal(3, await Audit.GetJournalPositionAsync("node-a", CancellationToken.None));
        Assert.Equal(7, await Audit.GetJournalPositionAsync("node-b", CancellationToken.None));
        Assert.Equal(["address:btc:a", "address:btc:b", "address:btc:c", "address:btc:d"], (await ReadAllAsync()).Select(e => e.Event.Subject));
        Assert.True((await AuditChain.VerifyAsync(Audit.ReadAllAsync(CancellationToken.None), CancellationToken.None)).IsIntact);
    }

    [Fact]
    public async Task Query_FiltersByKeySubjectAndTime_AndPagesWithTheCursor()
    {
        await Audit.AppendAsync(
            [Event(0, "address:btc:a", "alice"), Event(1, "address:btc:b", "bob"), Event(2, "address:btc:a", "alice"), Event(3, "address:btc:a", "alice"), Event(4, "address:btc:a", null)],
            CancellationToken.None);

        var alice = await Audit.QueryAsync(new AuditQuery(KeyName: "alice", Subject: "address:btc:a", Limit: 2), CancellationToken.None);
        var rest = await Audit.QueryAsync(new AuditQuery(KeyName: "alice", Subject: "address:btc:a", AfterSequence: alice.NextCursor, Limit: 2), CancellationToken.None);
        var window = await Audit.QueryAsync(new AuditQuery(From: T0.AddMinutes(1), To: T0.AddMinutes(3)), CancellationToken.None);

        Assert.Equal([1L, 3L], alice.Entries.Select(e => e.Sequence));
        Assert.Equal(3L, alice.NextCursor);
        Assert.Equal([4L], rest.Entries.Select(e => e.Sequence));
        Assert.Null(rest.NextCursor);
        Assert.Equal([2L, 3L], window.Entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Reopen_KeepsKeysAndLog()
    {
        await ApiKeyIssuer.IssueAsync(Keys, "alice", ApiRole.Admin, null, T0, CancellationToken.None);
        await Audit.AppendAsync([new AuditEvent(T0, "alice", "admin", "GET /x", "tx:btc:aa", 200, "allow", 1)], CancellationToken.None);

        await ReopenAsync();

        Assert.Single(await Keys.ListAsync(CancellationToken.None));
        var entry = Assert.Single((await Audit.QueryAsync(new AuditQuery(), CancellationToken.None)).Entries);
        Assert.Equal("allow", entry.Event.Decision);
        Assert.Equal(1, (await Audit.AppendAsync([Event(1, "tx:btc:bb")], CancellationToken.None))[0].Sequence - 1);
    }

    [Fact]
    public async Task ConcurrentAppends_FromTwoInstances_FormOneUnbrokenChain()
    {
        await using var second = await OpenSecondAsync();
        var writers = new[] { Audit, second }.Select((log, w) => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await log.AppendAsync([Event(i, $"address:btc:w{w}-{i}"), Event(i, $"address:btc:w{w}-{i}b")], CancellationToken.None);
            }
        }));
        await Task.WhenAll(writers);

        var stored = await ReadAllAsync();
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), stored.Select(e => e.Sequence));
        Assert.Equal(40, stored.Select(e => e.Event.Subject).Distinct().Count());
        var verification = await AuditChain.VerifyAsync(second.ReadAllAsync(CancellationToken.None), CancellationToken.None);
        Assert.True(verification.IsIntact);
        Assert.Equal(40, verification.Checked);
    }

    private static AuditEvent Event(int minute, string subject, string? key = "alice") =>
        new(T0.AddMinutes(minute), key, key is null ? null : "investigator", "GET /v1/addresses/{chain}/{address}", subject, key is null ? 401 : 200, null, key is null ? null : 599);

    private async Task<List<AuditEntry>> ReadAllAsync()
    {
        var entries = new List<AuditEntry>();
        await foreach (var entry in Audit.ReadAllAsync(CancellationToken.None))
        {
            entries.Add(entry);
        }

        return entries;
    }
}
