using ChainTrace.Core.Access;
using ChainTrace.Core.Ports;

namespace ChainTrace.Storage.Sqlite.Tests.AppState;

/// <summary>
/// What every app-state adapter must do, written against the ports only so the PostgreSQL adapter can inherit the
/// same tests: subclasses supply a fresh, empty store per test.
/// </summary>
public abstract class AppStateConformanceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    protected IApiKeyStore Keys { get; private set; } = null!;

    protected IAuditLog Audit { get; private set; } = null!;

    public async Task InitializeAsync() => (Keys, Audit) = await OpenEmptyAsync();

    public abstract Task DisposeAsync();

    protected abstract Task<(IApiKeyStore Keys, IAuditLog Audit)> OpenEmptyAsync();

    [Fact]
    public async Task Key_IsFoundByItsId_AndMatchesOnlyItsOwnText()
    {
        var issued = await ApiKeyIssuer.IssueAsync(Keys, "alice", ApiRole.Investigator, T0.AddDays(30), T0, CancellationToken.None);
        var other = ApiKeySecret.Create("bob", ApiRole.Investigator, T0, null).Text;

        var found = await Keys.FindByIdAsync(ApiKeySecret.TryGetId(issued!.Text)!, CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal(("alice", ApiRole.Investigator, T0, T0.AddDays(30)), (found.Name, found.Role, found.CreatedAt, found.ExpiresAt));
        Assert.True(ApiKeySecret.Matches(found, issued.Text));
        Assert.False(ApiKeySecret.Matches(found, other));
        Assert.False(found.KeyHash.ToArray().SequenceEqual(System.Text.Encoding.ASCII.GetBytes(issued.Text)), "only a hash is stored");
    }

    [Fact]
    public async Task DuplicateName_IsRefused_AndLeavesTheFirstKey()
    {
        var first = await ApiKeyIssuer.IssueAsync(Keys, "alice", ApiRole.Admin, null, T0, CancellationToken.None);
        var second = await ApiKeyIssuer.IssueAsync(Keys, "alice", ApiRole.Exchange, null, T0, CancellationToken.None);

        Assert.Null(second);
        var all = await Keys.ListAsync(CancellationToken.None);
        Assert.Equal(ApiRole.Admin, Assert.Single(all).Role);
        Assert.True(ApiKeySecret.Matches(all[0], first!.Text));
    }

    [Fact]
    public async Task Revoke_MarksTheKey_Once()
    {
        await ApiKeyIssuer.IssueAsync(Keys, "alice", ApiRole.Exchange, null, T0, CancellationToken.None);

        Assert.True(await Keys.RevokeAsync("alice", T0.AddHours(1), CancellationToken.None));
        Assert.False(await Keys.RevokeAsync("alice", T0.AddHours(2), CancellationToken.None));
        Assert.False(await Keys.RevokeAsync("nobody", T0, CancellationToken.None));
        var key = Assert.Single(await Keys.ListAsync(CancellationToken.None));
        Assert.Equal(T0.AddHours(1), key.RevokedAt);
        Assert.False(key.IsUsableAt(T0.AddHours(1)));
    }

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
