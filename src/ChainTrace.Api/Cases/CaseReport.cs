using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using static System.Net.WebUtility;

namespace ChainTrace.Api.Cases;

/// <summary>
/// The printable report of a case: one self-contained HTML page (inline styles only, no script) with a print
/// stylesheet, so "print → save as PDF" gives the prosecutor's copy: case, notes, pins, every pinned trace's
/// endpoints and provenance, and the history.
/// </summary>
public static class CaseReport
{
    /// <summary>The page's own Content-Security-Policy: its inline stylesheet and nothing else.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private const string Style = """
        body{font:14px/1.45 system-ui,sans-serif;color:#111;margin:2rem auto;max-width:60rem;padding:0 1rem}
        h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;border-bottom:2px solid #333;margin-top:2rem}
        table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}
        th{background:#e8e8e8}td.num{text-align:right;font-variant-numeric:tabular-nums}code{font-size:.9em;word-break:break-all}
        pre{white-space:pre-wrap;word-break:break-all}.meta{color:#333}.note{border-left:4px solid #555;padding:.2rem .6rem;margin:.5rem 0;white-space:pre-wrap}
        @media print{body{margin:0;max-width:none;font-size:11pt}h2{page-break-after:avoid}table,.note{page-break-inside:avoid}a{color:#000;text-decoration:none}}
        @page{margin:18mm}
        """;

    public static string Render(CaseFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var c = file.Detail.Case;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Case report: ").Append(HtmlEncode(c.Title)).Append("</title><style>").Append(Style).Append("</style></head><body><main>");
        html.Append("<h1>").Append(HtmlEncode(c.Title)).Append("</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">Case <code>{HtmlEncode(c.Id)}</code> · {c.Status} · opened by {HtmlEncode(c.CreatedBy)} at {Utc(c.CreatedAt)} · report made by {HtmlEncode(file.ExportedBy)} at {Utc(file.ExportedAt)}</p>");
        if (c.Description.Length > 0)
        {
            html.Append("<p class=\"note\">").Append(HtmlEncode(c.Description)).Append("</p>");
        }

        html.Append("<h2>Notes</h2>");
        if (file.Detail.Notes.Count == 0)
        {
            html.Append("<p>No notes.</p>");
        }

        foreach (var note in file.Detail.Notes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">{HtmlEncode(note.Author)}, {Utc(note.CreatedAt)}</p><p class=\"note\">{HtmlEncode(note.Text)}</p>");
        }

        html.Append("<h2>Pinned findings</h2><table><thead><tr><th scope=\"col\">Kind</th><th scope=\"col\">Chain</th><th scope=\"col\">Subject</th><th scope=\"col\">Comment</th><th scope=\"col\">Pinned by, at</th></tr></thead><tbody>");
        foreach (var pin in file.Detail.Pins)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{pin.Kind}</td><td>{HtmlEncode(pin.Chain ?? "")}</td><td><code>{HtmlEncode(pin.Subject)}</code></td><td>{HtmlEncode(pin.Comment ?? "")}</td><td>{HtmlEncode(pin.PinnedBy)}, {Utc(pin.PinnedAt)}</td></tr>");
        }

        html.Append("</tbody></table>");
        foreach (var trace in file.Traces)
        {
            AppendTrace(html, trace);
        }

        html.Append("<h2>History</h2><table><thead><tr><th scope=\"col\">When (UTC)</th><th scope=\"col\">Who</th><th scope=\"col\">What</th><th scope=\"col\">Detail</th></tr></thead><tbody>");
        foreach (var e in file.Detail.History)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Utc(e.At)}</td><td>{HtmlEncode(e.Actor)}</td><td>{e.Action}</td><td>{HtmlEncode(e.Detail)}</td></tr>");
        }

        html.Append("</tbody></table></main></body></html>");
        return html.ToString();
    }

    private static void AppendTrace(StringBuilder html, PinnedTrace trace)
    {
        using var document = JsonDocument.Parse(trace.Json);
        var root = document.RootElement;
        var chain = root.GetProperty("chain").GetString()!;
        html.Append(CultureInfo.InvariantCulture, $"<h2>Trace <code>{HtmlEncode(trace.Id)}</code></h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{HtmlEncode(root.GetProperty("direction").GetString())} from <code>{HtmlEncode(root.GetProperty("start").GetString())}</code> on {chain}, taint model {HtmlEncode(root.GetProperty("taint").GetString())}, status {HtmlEncode(root.GetProperty("status").GetString())}. Traced {Amount(chain, root.GetProperty("totals").GetProperty("traced").GetString())}, reaching endpoints {Amount(chain, root.GetProperty("totals").GetProperty("reachedEndpoints").GetString())}.</p>");
        html.Append("<table><thead><tr><th scope=\"col\">Entity</th><th scope=\"col\">Category</th><th scope=\"col\">Amount</th><th scope=\"col\">Hops</th><th scope=\"col\">First reached</th></tr></thead><tbody>");
        foreach (var endpoint in root.GetProperty("endpoints").EnumerateArray())
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{HtmlEncode(endpoint.GetProperty("entity").GetString())}</code></td><td>{HtmlEncode(endpoint.GetProperty("category").GetString() ?? endpoint.GetProperty("kind").GetString())}</td><td class=\"num\">{Amount(chain, endpoint.GetProperty("amount").GetString())}</td><td class=\"num\">{endpoint.GetProperty("hops").GetInt32()}</td><td>height {endpoint.GetProperty("firstHeight").GetInt64()}, {Utc(endpoint.GetProperty("firstTime").GetDateTimeOffset())}</td></tr>");
        }

        html.Append("</tbody></table><p><strong>Provenance</strong> (reproduce with the same parameters on the same data):</p><pre><code>")
            .Append(HtmlEncode(JsonSerializer.Serialize(root.GetProperty("provenance"), Indented)))
            .Append("</code></pre>");
    }

    /// <summary>Whole coins with the base units beside them: 0.12345678 BTC (12345678 sat).</summary>
    private static string Amount(string chain, string? baseUnits)
    {
        if (!BigInteger.TryParse(baseUnits, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return HtmlEncode(baseUnits ?? "");
        }

        var (decimals, unit, baseUnit) = chain == "eth" ? (18, "ETH", "wei") : (8, "BTC", "sat");
        var digits = value.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        var whole = digits[..^decimals];
        var fraction = digits[^decimals..].TrimEnd('0');
        return $"{whole}{(fraction.Length > 0 ? "." + fraction : "")} {unit} ({value.ToString(CultureInfo.InvariantCulture)} {baseUnit})";
    }

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
