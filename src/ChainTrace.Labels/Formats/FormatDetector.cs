using System.Text.RegularExpressions;

namespace ChainTrace.Labels.Formats;

/// <summary>
/// Tells the format from the file name and its first lines: YAML with a top-level <c>actors:</c> key is an
/// ActorPack, with <c>tags:</c> a TagPack; <c>sanctioned_addresses_&lt;ASSET&gt;.txt|json</c> is an OFAC list; a CSV
/// whose header starts with an unnamed index column then <c>Address</c> is an Etherscan label file, one whose
/// header names <c>chain</c> and <c>address</c> columns (in any order) is the plain CSV.
/// </summary>
public static partial class FormatDetector
{
    public static LabelFormat? Detect(string fileName, string text)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(text);
        var name = Path.GetFileName(fileName);
        if (OfacName().IsMatch(name))
        {
            return LabelFormat.Ofac;
        }

        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (extension is ".yaml" or ".yml")
        {
            if (TopLevelKey(text, "actors"))
            {
                return LabelFormat.ActorPack;
            }

            return TopLevelKey(text, "tags") ? LabelFormat.TagPack : null;
        }

        var header = FirstLine(text).Replace(" ", "", StringComparison.Ordinal).Trim('\uFEFF').ToLowerInvariant();
        if (header.StartsWith(",address,", StringComparison.Ordinal))
        {
            return LabelFormat.Etherscan;
        }

        // The plain CSV's columns are found by name (PlainCsvReader), so any order, quoted names and extra columns are it.
        var columns = header.Split(',').Select(c => c.Trim('"')).ToHashSet(StringComparer.Ordinal);
        return columns.Contains("chain") && columns.Contains("address") ? LabelFormat.Csv : null;
    }

    /// <summary>The asset code in an OFAC list's file name (<c>XBT</c>, <c>ETH</c>, …), or null.</summary>
    public static string? OfacAsset(string fileName)
    {
        var match = OfacName().Match(Path.GetFileName(fileName));
        return match.Success ? match.Groups[1].Value.ToUpperInvariant() : null;
    }

    private static bool TopLevelKey(string text, string key)
    {
        using var reader = new StringReader(text);
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith(key + ":", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    [GeneratedRegex(@"^sanctioned_addresses_([A-Za-z0-9]+)\.(txt|json)$", RegexOptions.CultureInvariant)]
    private static partial Regex OfacName();
}
