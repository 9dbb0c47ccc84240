using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChainTrace.Core.Access;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Cli.Tests.Access;

/// <summary>A scripted series of lookups against the real service, then the log as stored, as served, and tampered with.</summary>
[Trait("Category", "Integration")]
public sealed class AuditLogTests : IAsyncLifetime
{
    private const string Payee = "1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3";
    private const string Payer = "12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S";
    private const string Block170Tx = "f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16";
    private const string AddressRoute = "GET /v1/addresses/{chain}/{address}";
    private const string TxRoute = "GET /v1/transactions/{chain}/{id}";

    private AccessHost? _host;

    public async Task InitializeAsync() => _host = await AccessHost.StartAsync("audit");

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task ScriptedLookups_LeaveExactlyTheExpectedEntries_InOrder()
    {
        await RunScriptAsync();
        await _host!.FlushAuditAsync();

        var stored = new List<AuditEntry>();
        await foreach (var entry in _host!.AppState!.ReadAllAsync(CancellationToken.None))
        {
            stored.Add(entry);
        }

        Assert.Equal(
        [
            ("investigator", "investigator", AddressRoute, $"address:btc:{Payee}", 200, (long?)599),
            (null, null, TxRoute, $"tx:btc:{Block170Tx}", 401, 599),
            (null, null, AddressRoute, $"address:btc:{Payee}", 401, 599),
            ("exchange", "exchange", AddressRoute, $"address:btc:{Payee}", 403, 599),
            ("investigator", "investigator", TxRoute, "tx:btc:F4184FC5", 400, 599),
            ("investigator", "investigator", TxRoute, $"tx:btc:{Block170Tx}", 200, 599),
            ("investigator", "investigator", "GET /v1/addresses/{chain}/{address}/neighbours", $"address:btc:{Payer}", 200, 599),
            ("investigator", "investigator", AddressRoute, "address:eth:0x00000000219ab540356cbb839cbe05303d7705fa", 404, null),
        ],
        stored.Select(e => (e.Event.KeyName, e.Event.Role, e.Event.Endpoint, e.Event.Subject, e.Event.Status, e.Event.DataHeight)));
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), stored.Select(e => e.Sequence));

        using var admin = _host.Client(Caller.Admin);
        var page = await admin.GetFromJsonAsync<JsonElement>($"/v1/audit?key=investigator&subject=tx:BTC:{Block170Tx.ToUpperInvariant()}");
        Assert.Equal([6L], page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
        var first = await admin.GetFromJsonAsync<JsonElement>("/v1/audit?limit=3");
        var second = await admin.GetFromJsonAsync<JsonElement>($"/v1/audit?limit=3&cursor={first.GetProperty("nextCursor").GetString()}");
        Assert.Equal([4L, 5L, 6L], second.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));

        using var investigator = _host.Client(Caller.Investigator);
        Assert.Equal(HttpStatusCode.Forbidden, (await investigator.GetAsync("/v1/audit")).StatusCode);
    }

    [Fact]
    public async Task EditedEntryBytes_MakeAuditVerifyFail_NamingTheEntry()
    {
        await RunScriptAsync();
        await _host!.FlushAuditAsync();
        var before = await CliRunner.RunAsync("audit", "verify", "--data", _host.Data);
        Assert.Equal(0, before.ExitCode);
        Assert.Contains("8 entries", before.Output, StringComparison.Ordinal);
        await _host.StopAsync();

        // Entry 7 is the only one naming the block-170 payer: change one letter of it wherever the file holds it
        // (the row and its index entry), as someone editing the file to hide a lookup would.
        var path = Path.Combine(_host.Data, "appstate.db");
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        var bytes = await File.ReadAllBytesAsync(path);
        var needle = Encoding.ASCII.GetBytes(Payer);
        var edits = 0;
        for (var at = bytes.AsSpan().IndexOf(needle); at >= 0; at = bytes.AsSpan().IndexOf(needle))
        {
            bytes[at + 4] = (byte)'X';
            edits++;
        }

        Assert.True(edits >= 1, "the subject is in the file");
        await File.WriteAllBytesAsync(path, bytes);

        var after = await CliRunner.RunAsync("audit", "verify", "--data", _host.Data);

        Assert.Equal(3, after.ExitCode);
        Assert.Contains("broken at entry 7", after.Error, StringComparison.Ordinal);
        Assert.Contains("changed", after.Error, StringComparison.Ordinal);
    }

    private async Task RunScriptAsync()
    {
        using var investigator = _host!.Client(Caller.Investigator);
        using var exchange = _host.Client(Caller.Exchange);
        using var anonymous = _host.Client(Caller.NoKey);
        using var wrong = _host.Client(Caller.WrongKey);
        using var admin = _host.Client(Caller.Admin);

        Assert.Equal(HttpStatusCode.OK, (await investigator.GetAsync($"/v1/addresses/btc/{Payee}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/v1/transactions/btc/{Block170Tx}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync($"/v1/addresses/BTC/{Payee}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await exchange.GetAsync($"/v1/addresses/btc/{Payee}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await investigator.GetAsync("/v1/transactions/btc/F4184FC5")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await investigator.GetAsync($"/v1/transactions/btc/{Block170Tx}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await investigator.GetAsync($"/v1/addresses/btc/{Payer}/neighbours?direction=out")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/v1/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await investigator.GetAsync("/v1/addresses/eth/0x00000000219ab540356cBB839Cbe05303d7705Fa")).StatusCode);
    }
}
