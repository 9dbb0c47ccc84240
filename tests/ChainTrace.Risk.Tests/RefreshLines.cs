using System.Globalization;
using System.Text.RegularExpressions;
using ChainTrace.Risk.Storage;

namespace ChainTrace.Risk.Tests;

/// <summary>Reading a <c>risk refresh</c> summary line and a stored refresh's content digest, for the incremental-refresh tests of either chain.</summary>
internal static partial class RefreshLines
{
    /// <summary>The content digest of the refresh file at <paramref name="storePath"/>.</summary>
    public static string StoredDigest(string storePath)
    {
        using var store = RiskStore.TryOpen(storePath)!;
        return store.ContentDigest();
    }

    /// <summary>The last summary line of <paramref name="chain"/> (<c>btc</c>, <c>eth</c>) in a command's output.</summary>
    public static string SummaryLine(string output, string chain) => output.Split('\n').Last(l => l.StartsWith($"risk refresh: {chain} ", StringComparison.Ordinal));

    /// <summary>The line's height and counts (what a full and an incremental refresh over the same data share).</summary>
    public static string Counts(string line) => CountsPattern().Match(line).Value;

    public static int Recomputed(string line) => int.Parse(Regex.Match(line, @"recomputed=(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);

    public static int Addresses(string line) => int.Parse(Regex.Match(line, @"addresses=(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);

    public static long Height(string line) => long.Parse(Regex.Match(line, @"height=(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"height=\d+ addresses=\d+ exposed=\d+ dust_discounted=\d+ clusters=\d+ low=\d+ medium=\d+ high=\d+ severe=\d+")]
    private static partial Regex CountsPattern();
}
