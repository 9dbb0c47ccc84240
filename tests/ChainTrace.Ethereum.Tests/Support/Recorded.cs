using System.Text.Json;
using ChainTrace.Core.Primitives;
using ChainTrace.Ethereum.Model;
using ChainTrace.TestSupport;

namespace ChainTrace.Ethereum.Tests.Support;

/// <summary>Recorded mainnet JSON-RPC responses from ../shared/data/ethereum.</summary>
public static class Recorded
{
    public static string EtlCase(string job, string @case) => SharedData.Path("ethereum", "ethereum-etl", job, @case);

    /// <summary>The <c>result</c> of a recorded <c>{"jsonrpc","result"}</c> envelope.</summary>
    public static JsonElement Result(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("result").Clone();
    }

    public static JsonElement Bare(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }

    public static string Single(string directory, string pattern) => Directory.GetFiles(directory, pattern).Single();

    /// <summary>
    /// For trace-only fixtures (no block body recorded): the transactions as their top-level trace frames describe
    /// them, which is what the block would list.
    /// </summary>
    public static RawBlock BlockFromTopLevelFrames(long number, IReadOnlyList<TraceFrame> frames)
    {
        var txs = frames.Where(f => f.TxIndex is not null && f.TraceAddress.Count == 0)
            .Select(f => new RawTransaction(
                f.TxHash ?? Synthetic(f.TxIndex!.Value), f.TxIndex!.Value, f.From!,
                f.Type == TraceFrameType.Create ? null : f.To, f.Value ?? UInt256.Zero, 0, null))
            .ToList();
        return new RawBlock(number, Synthetic(1_000_000_000 + (int)(number % 1_000_000)), Hash32.Zero, 0, null, txs, []);
    }

    private static Hash32 Synthetic(int n)
    {
        var bytes = new byte[32];
        BitConverter.TryWriteBytes(bytes.AsSpan(28), n);
        return new Hash32(bytes);
    }

    public static IEnumerable<Dictionary<string, string>> Csv(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0)
        {
            yield break;
        }

        var header = SplitCsv(lines[0]);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = SplitCsv(line);
            yield return header.Select((h, i) => (h, v: i < cells.Count ? cells[i] : "")).ToDictionary(x => x.h, x => x.v);
        }
    }

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        cells.Add(current.ToString());
        return cells;
    }
}
