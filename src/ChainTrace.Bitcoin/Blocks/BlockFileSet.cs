using System.Globalization;
using System.Text.RegularExpressions;

namespace ChainTrace.Bitcoin.Blocks;

/// <summary>The blk*.dat files of a blocks directory, in file-number order (blk00000.dat, blk00001.dat …).</summary>
internal static partial class BlockFileSet
{
    public static IReadOnlyList<(int Number, string Path)> List(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"blocks directory {directory} does not exist");
        }

        var files = new List<(int, string)>();
        foreach (var path in Directory.EnumerateFiles(directory, "blk*.dat"))
        {
            var match = BlkName().Match(Path.GetFileName(path));
            if (match.Success)
            {
                files.Add((int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture), path));
            }
        }

        return [.. files.OrderBy(f => f.Item1)];
    }

    [GeneratedRegex(@"^blk(\d{1,9})\.dat$")]
    private static partial Regex BlkName();
}
