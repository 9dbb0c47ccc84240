using System.Text.Json;

namespace ChainTrace.Cli.Tests;

/// <summary>Splits a blockchain-etl export (JSON Lines tables) into two exports at a block number, as two daily chunks would be.</summary>
internal static class EtlChunks
{
    public static (string Low, string High) Split(string export, long firstOfHigh, string into)
    {
        var low = Path.Combine(into, "low");
        var high = Path.Combine(into, "high");
        Directory.CreateDirectory(low);
        Directory.CreateDirectory(high);
        foreach (var table in Directory.EnumerateFiles(export, "*.json"))
        {
            var name = Path.GetFileName(table);
            using var lowFile = new StreamWriter(Path.Combine(low, name));
            using var highFile = new StreamWriter(Path.Combine(high, name));
            foreach (var line in File.ReadLines(table).Where(l => l.Length > 0))
            {
                using var row = JsonDocument.Parse(line);
                var number = row.RootElement.TryGetProperty("block_number", out var n) ? n : row.RootElement.GetProperty("number");
                (number.GetInt64() < firstOfHigh ? lowFile : highFile).WriteLine(line);
            }
        }

        return (low, high);
    }
}
