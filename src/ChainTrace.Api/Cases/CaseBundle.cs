using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ChainTrace.Api.Cases;

/// <summary>
/// The evidence bundle of a case, a zip: <c>case.json</c> (case, notes, pins, history), <c>pins.csv</c>, for every
/// pinned trace <c>traces/ID.json|.csv|.graphml</c> (the bytes the trace API serves) and <c>traces/ID.provenance.json</c>,
/// and <c>manifest.json</c> with the SHA-256 of every other file.
/// </summary>
public static class CaseBundle
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static byte[] Build(CaseFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var entries = new List<(string Name, byte[] Bytes)>
        {
            ("case.json", JsonSerializer.SerializeToUtf8Bytes(file.Detail, Json)),
            ("pins.csv", PinsCsv(file.Detail.Pins)),
        };
        foreach (var trace in file.Traces)
        {
            entries.Add(($"traces/{trace.Id}.json", trace.Json));
            entries.Add(($"traces/{trace.Id}.csv", trace.Csv));
            entries.Add(($"traces/{trace.Id}.graphml", trace.GraphMl));
            entries.Add(($"traces/{trace.Id}.provenance.json", Provenance(trace.Json)));
        }

        var manifest = new
        {
            @case = file.Detail.Case.Id,
            exportedAt = file.ExportedAt,
            exportedBy = file.ExportedBy,
            files = entries.Select(e => new { name = e.Name, bytes = e.Bytes.Length, sha256 = Convert.ToHexStringLower(SHA256.HashData(e.Bytes)) }),
        };
        entries.Add(("manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifest, Json)));

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = file.ExportedAt;
                using var stream = entry.Open();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    private static byte[] Provenance(byte[] traceJson)
    {
        using var document = JsonDocument.Parse(traceJson);
        var root = document.RootElement;
        var provenance = new Dictionary<string, JsonElement>
        {
            ["trace"] = root.GetProperty("id"),
            ["chain"] = root.GetProperty("chain"),
            ["start"] = root.GetProperty("start"),
            ["direction"] = root.GetProperty("direction"),
            ["taint"] = root.GetProperty("taint"),
            ["status"] = root.GetProperty("status"),
            ["provenance"] = root.GetProperty("provenance"),
        };
        return JsonSerializer.SerializeToUtf8Bytes(provenance, Json);
    }

    private static byte[] PinsCsv(IReadOnlyList<CasePinDto> pins)
    {
        var csv = new StringBuilder("id,kind,chain,subject,comment,pinned_by,pinned_at\n");
        foreach (var p in pins)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{p.Id},{p.Kind},{p.Chain},{Field(p.Subject)},{Field(p.Comment)},{Field(p.PinnedBy)},{p.PinnedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>RFC 4180 quoting; a leading formula character is prefixed with a quote so spreadsheets do not run it.</summary>
    private static string Field(string? value)
    {
        if (value is null)
        {
            return "";
        }

        if (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
