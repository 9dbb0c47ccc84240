using CsvHelper;

namespace ChainTrace.Labels.Import;

/// <summary>
/// CSV rows with the line each starts on, over CsvHelper. A malformed record (stray or unterminated quote) is
/// a bad line, not an exception; a row maps header names (case-insensitive, trimmed) to trimmed values.
/// </summary>
internal static class CsvRows
{
    public sealed record Row(int Line, IReadOnlyDictionary<string, string> Fields, string? Problem);

    /// <returns>The header and the rows; an empty header when the file has none (then <paramref name="parsed"/> failed).</returns>
    public static (IReadOnlyList<string> Header, List<Row> Rows) Read(string text, ParsedLabelFile parsed)
    {
        var rows = new List<Row>();
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = m => rows.Add(new Row((int)m.LineNumber, new Dictionary<string, string>(), $"malformed CSV record ({Describe(m.Reason)})")),
        };
        try
        {
            using var csv = CsvReader.FromText(text, options);
            while (csv.Read())
            {
                var header = csv.Headers.Select(h => h.Trim().Trim('\uFEFF')).ToList();
                var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                var values = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i).Trim()).ToList();
                if (values.All(v => v.Length == 0))
                {
                    continue;
                }

                for (var i = 0; i < header.Count; i++)
                {
                    fields[header[i]] = i < values.Count ? values[i] : "";
                }

                var problem = values.Count > header.Count ? $"{values.Count} fields where the header has {header.Count}" : null;
                rows.Add(new Row((int)csv.LineNumber, fields, problem));
            }

            var names = csv.Headers.Select(h => h.Trim().Trim('\uFEFF')).ToList();
            if (names.Count == 0)
            {
                parsed.Fail(1, "the file has no header line");
            }

            return (names, rows);
        }
        catch (CsvFormatException ex)
        {
            parsed.Fail((int)ex.LineNumber, $"unreadable CSV: {ex.Message}");
            return ([], rows);
        }
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field",
        CsvMalformedReason.UnterminatedQuote => "a quoted field that never ends",
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote",
        CsvMalformedReason.LineBreakInQuotes => "a line break inside quotes",
        CsvMalformedReason.FieldCountMismatch => "wrong number of fields",
        _ => reason.ToString(),
    };
}
