using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChainTrace.Web.Tests;

/// <summary><c>/v1/cases</c> over HTTP on the demo serve: who did what, stable problem codes, roles, the audit log, exports.</summary>
[Collection("web")]
[Trait("Category", "Integration")]
public sealed class CaseApiTests(WebFixture web)
{
    [Fact]
    public async Task ACase_RecordsWhoDidWhat_AndIsAuditedUnderItsId()
    {
        using var api = web.Api();
        using var created = await api.PostAsJsonAsync("/v1/cases", new { title = "  Peel chain  ", description = "seen on 2023-11-15" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var c = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = c.GetProperty("id").GetString()!;
        Assert.Equal($"/v1/cases/{id}", created.Headers.Location!.ToString());
        Assert.Equal("Peel chain", c.GetProperty("title").GetString());
        Assert.Equal("demo-investigator", c.GetProperty("createdBy").GetString());

        (await api.PostAsJsonAsync($"/v1/cases/{id}/notes", new { text = "first hop is a peel" })).EnsureSuccessStatusCode();
        using var pinned = await api.PostAsJsonAsync($"/v1/cases/{id}/pins", new { kind = "address", chain = "btc", subject = web.Ransomware.ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.Created, pinned.StatusCode);
        Assert.Equal(web.Ransomware, (await pinned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("subject").GetString());
        (await api.PostAsJsonAsync($"/v1/cases/{id}/pins", new { kind = "address", chain = "btc", subject = web.Ransomware })).EnsureSuccessStatusCode();
        using var closed = await api.PatchAsJsonAsync($"/v1/cases/{id}", new { status = "closed" });
        Assert.Equal("closed", (await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        var detail = await api.GetFromJsonAsync<JsonElement>($"/v1/cases/{id}");
        Assert.Single(detail.GetProperty("pins").EnumerateArray());
        Assert.Equal(["created", "note-added", "pinned", "updated"], detail.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.All(detail.GetProperty("history").EnumerateArray(), e => Assert.Equal("demo-investigator", e.GetProperty("actor").GetString()));

        using var admin = web.Api(web.AdminKey);
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/v1/audit?subject=case:{id}&limit=50");
        Assert.True(audit.GetProperty("entries").GetArrayLength() >= 4, audit.ToString());

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/v1/cases/{id}")).StatusCode);
        await AssertProblemAsync(await api.GetAsync($"/v1/cases/{id}"), 404, "unknown-case");
    }

    [Fact]
    public async Task BadInput_GetsAProblemWithAStableCode_AndChangesNothing()
    {
        using var api = web.Api();
        await AssertProblemAsync(await api.PostAsJsonAsync("/v1/cases", new { title = " " }), 400, "invalid-case");
        using var created = await api.PostAsJsonAsync("/v1/cases", new { title = "bad input" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var mistyped = web.Ransomware[..^1] + (web.Ransomware[^1] == 'q' ? 'p' : 'q');

        await AssertProblemAsync(await api.PostAsJsonAsync($"/v1/cases/{id}/pins", new { kind = "address", chain = "btc", subject = mistyped }), 400, "invalid-address", "bad-checksum");
        await AssertProblemAsync(await api.PostAsJsonAsync($"/v1/cases/{id}/pins", new { kind = "address", chain = "doge", subject = mistyped }), 400, "unknown-chain");
        await AssertProblemAsync(await api.PostAsJsonAsync($"/v1/cases/{id}/pins", new { kind = "wallet", chain = "btc", subject = web.Ransomware }), 400, "unknown-pin-kind");
        await AssertProblemAsync(await api.PostAsJsonAsync($"/v1/cases/{id}/pins", new { kind = "trace", subject = "0123456789abcdef0123456789abcdef" }), 404, "unknown-trace");
        await AssertProblemAsync(await api.PostAsJsonAsync($"/v1/cases/{id}/pins", new { kind = "cluster", chain = "btc", subject = "x1" }), 400, "invalid-parameter");
        await AssertProblemAsync(await api.PostAsJsonAsync($"/v1/cases/{id}/notes", new { text = "" }), 400, "invalid-case");
        await AssertProblemAsync(await api.PatchAsJsonAsync($"/v1/cases/{id}", new { status = "archived" }), 400, "invalid-case");
        await AssertProblemAsync(await api.DeleteAsync($"/v1/cases/{id}/pins/7"), 404, "unknown-pin");
        await AssertProblemAsync(await api.GetAsync($"/v1/cases/{id}/export?format=pdf"), 400, "invalid-parameter", "unknown-format");
        await AssertProblemAsync(await api.PostAsJsonAsync("/v1/cases/case_none/notes", new { text = "x" }), 404, "unknown-case");

        var detail = await api.GetFromJsonAsync<JsonElement>($"/v1/cases/{id}");
        Assert.Empty(detail.GetProperty("pins").EnumerateArray());
        Assert.Empty(detail.GetProperty("notes").EnumerateArray());
        Assert.Equal(["created"], detail.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("open", detail.GetProperty("case").GetProperty("status").GetString());

        using var exchange = web.Api(web.ExchangeKey);
        await AssertProblemAsync(await exchange.GetAsync("/v1/cases"), 403, "forbidden");
    }

    [Fact]
    public async Task Exports_AreABundleAndAPrintablePage_AndEachIsInTheHistory()
    {
        using var api = web.Api();
        using var created = await api.PostAsJsonAsync("/v1/cases", new { title = "Report <script>alert(1)</script>" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        (await api.PostAsJsonAsync($"/v1/cases/{id}/pins", new { kind = "cluster", chain = "btc", subject = "3", comment = "=HYPERLINK(\"x\")" })).EnsureSuccessStatusCode();

        using var bundle = await api.GetAsync($"/v1/cases/{id}/export?format=bundle");
        Assert.Equal("application/zip", bundle.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(await bundle.Content.ReadAsStreamAsync());
        Assert.Equal(["case.json", "manifest.json", "pins.csv"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using var csv = new StreamReader(zip.GetEntry("pins.csv")!.Open());
        var rows = (await csv.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,kind,chain,subject,comment,pinned_by,pinned_at", rows[0], StringComparison.Ordinal);
        Assert.Contains(",cluster,btc,3,\"'=HYPERLINK(\"\"x\"\")\",demo-investigator,", rows[1], StringComparison.Ordinal);

        using var report = await api.GetAsync($"/v1/cases/{id}/export?format=report");
        Assert.Equal("text/html", report.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("script-src", string.Join(";", report.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        var html = await report.Content.ReadAsStringAsync();
        Assert.Contains("Report &lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);

        var history = await api.GetFromJsonAsync<JsonElement>($"/v1/cases/{id}/history");
        Assert.Equal(["created", "pinned", "exported", "exported"], history.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(["", "", "bundle", "report"], history.EnumerateArray().Select(e => e.GetProperty("action").GetString() == "exported" ? e.GetProperty("detail").GetString() : ""));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string code, string? reason = null)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(body);
            Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
            if (reason is not null)
            {
                Assert.Equal(reason, problem.RootElement.GetProperty("reason").GetString());
            }
        }
    }
}
