using ChainTrace.Core.Access;
using ChainTrace.TestSupport;

namespace ChainTrace.Cli.Tests.Access;

/// <summary><c>chaintrace keys create|list|revoke</c> on a real app-state file.</summary>
public sealed class KeysCliTests : IDisposable
{
    private readonly TempDir _temp = new("keys-cli");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task CreateListRevoke_RoundTrip_AndTheKeyIsPrintedOnlyByCreate()
    {
        var data = _temp.File("data");

        var created = await CliRunner.RunAsync("keys", "create", "--role", "exchange", "--name", "acme-exchange", "--expires", "2099-01-31", "--data", data);
        var list = await CliRunner.RunAsync("keys", "list", "--data", data);
        var revoke = await CliRunner.RunAsync("keys", "revoke", "acme-exchange", "--data", data);
        var after = await CliRunner.RunAsync("keys", "list", "--data", data);

        Assert.Equal(0, created.ExitCode);
        var key = created.Output.Trim();
        Assert.NotNull(ApiKeySecret.TryGetId(key));
        Assert.Contains("shown only this once", created.Error, StringComparison.Ordinal);
        Assert.Equal(0, list.ExitCode);
        Assert.StartsWith("acme-exchange\texchange\tactive\t", list.Output, StringComparison.Ordinal);
        Assert.Contains("expires 2099-01-31T00:00:00.0000000+00:00", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list.Output + after.Output, StringComparison.Ordinal);
        Assert.Equal(0, revoke.ExitCode);
        Assert.StartsWith("acme-exchange\texchange\trevoked\t", after.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("keys create --role janitor --name n", "is not a role")]
    [InlineData("keys create --role admin --name has/slash", "is not a key name")]
    [InlineData("keys create --role admin --name n --expires 2001-01-01", "is not in the future")]
    [InlineData("keys create --role admin --name n --expires soon", "--expires: 'soon' is not an ISO 8601")]
    [InlineData("keys revoke nobody", "no active key named 'nobody'")]
    public async Task BadArguments_ExitOne_WithAMessage_AndStoreNothing(string command, string message)
    {
        var data = _temp.File("data");

        var result = await CliRunner.RunAsync([.. command.Split(' '), "--data", data]);
        var list = await CliRunner.RunAsync("keys", "list", "--data", data);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error + result.Output, StringComparison.Ordinal);
        Assert.Equal("", list.Output);
    }

    [Fact]
    public async Task DuplicateName_ExitsOne_AndKeepsTheFirstKey()
    {
        var data = _temp.File("data");
        var first = await CliRunner.RunAsync("keys", "create", "--role", "admin", "--name", "ops", "--data", data);

        var second = await CliRunner.RunAsync("keys", "create", "--role", "exchange", "--name", "ops", "--data", data);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("exists", second.Error, StringComparison.Ordinal);
        Assert.StartsWith("ops\tadmin\tactive", (await CliRunner.RunAsync("keys", "list", "--data", data)).Output, StringComparison.Ordinal);
    }
}
