using ChainTrace.Core.Access;

namespace ChainTrace.AppState.Tests;

public abstract partial class AppStateConformanceTests
{
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
}
