using System.Globalization;
using System.Text.RegularExpressions;
using ChainTrace.Core.Ports;
using ChainTrace.Files;

namespace ChainTrace.Bitcoin.Blocks;

/// <summary>The blk*.dat files of a blocks directory, in file-number order (blk00000.dat, blk00001.dat …).</summary>
internal static partial class BlockFileSet
{
    public static IReadOnlyList<(int Number, string Path)> List(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new BadArgumentException(File.Exists(directory) ? $"blocks dir {directory} is a file, not a directory" : $"blocks dir {directory} does not exist");
        }

        var files = new List<(int, string)>();
        foreach (var path in Directory.EnumerateFiles(directory, "blk*.dat"))
        {
            var match = BlkName().Match(Path.GetFileName(path));
            if (match.Success)
            {
                InputFile.EnsureRegular(path, "blk file");
                files.Add((int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture), path));
            }
        }

        if (files.Count == 0)
        {
            throw new BadArgumentException($"blocks dir {directory} holds no blk*.dat files: is it Bitcoin Core's blocks/ directory?");
        }

        return [.. files.OrderBy(f => f.Item1)];
    }

    /// <summary>Names and lengths, to notice that a node has written more since the files were indexed.</summary>
    public static string Snapshot(IReadOnlyList<(int Number, string Path)> files) =>
        string.Join('|', files.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Number}:{new FileInfo(f.Path).Length}")));

    [GeneratedRegex(@"^blk(\d{1,9})\.dat$")]
    private static partial Regex BlkName();
}
