using System.Text.Json;
using ChainTrace.Core.Ports;
using CsvHelper;

namespace ChainTrace.Ethereum.Etl;

/// <summary>Reads one ethereum-etl export table: <c>NAME.json</c> (JSON Lines) or <c>NAME.csv</c> (header row).</summary>
public static class EtlFileReader
{
    /// <summary>The file of a table in the directory, or null when the export has no such table.</summary>
    public static string? Find(string directory, string table)
    {
        foreach (var extension in new[] { ".json", ".csv" })
        {
            var path = Path.Combine(directory, table + extension);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    public static async IAsyncEnumerable<EtlRow> ReadAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            await using var csv = CsvReader.FromFile(path, new CsvReaderOptions { TrackLineNumbers = true }, FileOptions.SequentialScan);
            await csv.ReadHeaderAsync(cancellationToken);
            var header = csv.Headers.ToArray();
            while (await csv.ReadAsync(cancellationToken))
            {
                var row = new Dictionary<string, string>(header.Length, StringComparer.Ordinal);
                for (var i = 0; i < header.Length && i < csv.FieldCount; i++)
                {
                    row[header[i]] = csv.GetString(i);
                }

                yield return new EtlRow($"{name} line {csv.LineNumber}", row);
            }

            yield break;
        }

        using var reader = new StreamReader(path);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonElement element;
            try
            {
                using var doc = JsonDocument.Parse(line);
                element = doc.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new MalformedDataException($"{name} line {lineNumber}", $"not a JSON object: {e.Message}", e);
            }

            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new MalformedDataException($"{name} line {lineNumber}", $"expected a JSON object, got {element.ValueKind}");
            }

            yield return new EtlRow($"{name} line {lineNumber}", element);
        }
    }
}
