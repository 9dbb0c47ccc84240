using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChainTrace.Core.Access;
using ChainTrace.Storage.Postgres.AppState;
using ChainTrace.TestSupport;
using ChainTrace.TestSupport.Postgres;

namespace ChainTrace.Cli.Tests.Access;

/// <summary>
/// With <c>ConnectionStrings:Postgres</c> configured, <c>keys</c>, <c>audit</c> and <c>serve</c> (its cases too) all work
/// on a real PostgreSQL 15 and leave <c>DATA/appstate.db</c> uncreated; the setting is found as <c>serve</c> finds it
/// (<c>--config FILE</c>, <c>CHAINTRACE__</c> environment variables over it).
/// </summary>
[Trait("Category", "Integration")]
public sealed class AppStateOnPostgresCliTests : IAsyncLifetime
{
    private readonly TempDir _temp = new("appstate-pg-cli");
    private PostgresServer _postgres = null!;

    public async Task InitializeAsync() => _postgres = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _postgres.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task KeysAndAuditVerify_WorkOnThePostgresOfTheConfigFile_NotOnTheDataDirectory()
    {
        var database = await _postgres.CreateDatabaseAsync("keys");
        var data = _temp.File("data");
        var config = WriteConfig("pg.json", database);

        var created = await CliRunner.RunAsync("keys", "create", "--role", "investigator", "--name", "pg-key", "--config", config, "--data", data);
        var listed = await CliRunner.RunAsync("keys", "--config", config, "list", "--data", data);
        Assert.Equal(0, created.ExitCode);
        Assert.StartsWith("pg-key\tinvestigator\tactive\t", listed.Output, StringComparison.Ordinal);

        await using (var store = await PostgresAppStateStore.OpenAsync(database, CancellationToken.None))
        {
            var key = Assert.Single(await store.ListAsync(CancellationToken.None));
            Assert.True(ApiKeySecret.Matches(key, created.Output.Trim()));
            await store.AppendAsync(
                [new AuditEvent(DateTimeOffset.UnixEpoch, "pg-key", "investigator", "GET /v1/x", "tx:btc:aa", 200, null, 1),
                 new AuditEvent(DateTimeOffset.UnixEpoch, "pg-key", "investigator", "GET /v1/x", "tx:btc:bb", 200, null, 1),
                 new AuditEvent(DateTimeOffset.UnixEpoch, null, null, "GET /v1/x", "tx:btc:cc", 401, null, null)],
                CancellationToken.None);
        }

        var verified = await CliRunner.RunAsync("audit", "verify", "--config", config, "--data", data);
        var revoked = await CliRunner.RunAsync("keys", "revoke", "pg-key", "--config", config, "--data", data);

        Assert.Equal((0, "audit log intact: 3 entries, hash chain verified"), (verified.ExitCode, verified.Output.Trim()));
        Assert.Equal(0, revoked.ExitCode);
        await using (var store = await PostgresAppStateStore.OpenAsync(database, CancellationToken.None))
        {
            Assert.NotNull(Assert.Single(await store.ListAsync(CancellationToken.None)).RevokedAt);
        }

        Assert.False(File.Exists(Path.Combine(data, "appstate.db")), "nothing was written to the SQLite app state");
        var sqlite = await CliRunner.RunAsync("keys", "list", "--data", data);
        Assert.Equal((0, ""), (sqlite.ExitCode, sqlite.Output));
    }

    [Fact]
    public async Task Serve_KeepsItsAdminKeyAndCasesInPostgres_AndKeysListFindsThemThroughTheEnvironment()
    {
        var database = await _postgres.CreateDatabaseAsync("serve");
        var data = _temp.File("data");
        var environment = new Dictionary<string, string> { ["CHAINTRACE__ConnectionStrings__Postgres"] = database };

        await using (var serve = await ServeProcess.StartAsync(data, environment: environment))
        {
            var admin = (await File.ReadAllTextAsync(Path.Combine(data, "keys", "admin.key"))).Trim();
            using var http = serve.Client(admin);
            using var created = await http.PostAsJsonAsync("/v1/cases", new { title = "Ransom wave", description = "on PostgreSQL" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            using var note = await http.PostAsJsonAsync($"/v1/cases/{id}/notes", new { text = "seen at exchange A" });
            Assert.Equal(HttpStatusCode.Created, note.StatusCode);

            await using var store = await PostgresAppStateStore.OpenAsync(database, CancellationToken.None);
            var stored = Assert.Single(await store.ListCasesAsync(CancellationToken.None));
            Assert.Equal((id, "Ransom wave", "on PostgreSQL"), (stored.Id, stored.Title, stored.Description));
            Assert.Equal("seen at exchange A", Assert.Single(await store.ListNotesAsync(id, CancellationToken.None)).Text);
            Assert.Equal(2, (await store.ListHistoryAsync(id, CancellationToken.None)).Count);
        }

        // A config file naming a database that does not exist: the environment variable wins over it, as for serve.
        var wrong = WriteConfig("wrong.json", _postgres.Connection("no_such_database"));
        var (exitCode, output, error) = await RunChildAsync(environment, null, "keys", "list", "--config", wrong, "--data", data);

        Assert.True(exitCode == 0, error);
        Assert.StartsWith("admin\tadmin\tactive\t", output, StringComparison.Ordinal);

        // No --config and no variable: ./appsettings.json of the directory the command runs in names the database.
        var workDir = Directory.CreateDirectory(_temp.File("cwd")).FullName;
        File.Copy(WriteConfig("right.json", database), Path.Combine(workDir, "appsettings.json"));
        var fromSettings = await RunChildAsync(new Dictionary<string, string>(), workDir, "keys", "list", "--data", data);
        Assert.True(fromSettings.ExitCode == 0, fromSettings.Error);
        Assert.StartsWith("admin\tadmin\tactive\t", fromSettings.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data, "appstate.db")), "serve and keys left the SQLite app state alone");
        var missing = await CliRunner.RunAsync("keys", "list", "--config", wrong, "--data", data);
        Assert.Equal(4, missing.ExitCode);
        Assert.Contains("error: app state on PostgreSQL (ConnectionStrings:Postgres):", missing.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing.json", "configuration --config: file")]
    [InlineData("broken.json", "error: ")]
    public async Task ABadConfigFile_ExitsTwo_WithAMessage_AndCreatesNothing(string file, string message)
    {
        var data = _temp.File("data");
        var path = _temp.File(file);
        if (file == "broken.json")
        {
            await File.WriteAllTextAsync(path, "{ \"ConnectionStrings\": ");
        }

        var keys = await CliRunner.RunAsync("keys", "list", "--config", path, "--data", data);
        var audit = await CliRunner.RunAsync("audit", "verify", "--config", path, "--data", data);

        Assert.Equal((2, 2), (keys.ExitCode, audit.ExitCode));
        Assert.Contains(message, keys.Error, StringComparison.Ordinal);
        Assert.Contains(message, audit.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data));
    }

    private string WriteConfig(string name, string connectionString)
    {
        var path = _temp.File(name);
        File.WriteAllText(path, JsonSerializer.Serialize(new { ConnectionStrings = new { Postgres = connectionString } }));
        return path;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunChildAsync(IReadOnlyDictionary<string, string> environment, string? workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "" };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "chaintrace.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
