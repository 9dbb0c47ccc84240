namespace ChainTrace.Cli.Tests.Mutation;

/// <summary>
/// An input a mutant is applied to: a directory of files (a blocks dir, one raw block, an ETL export) and the
/// ingest command that reads it. <see cref="Expected"/> is the store's digest after the unmutated input, null when
/// nothing of it may be stored (junk only).
/// </summary>
internal sealed class InputSet(string name, string directory, Func<string, string[]> command)
{
    public string Name { get; } = name;

    public string Directory { get; } = directory;

    public string? Expected { get; set; }

    /// <summary>Digests of runs without one of the files (an empty file must store the same), by file name.</summary>
    public Dictionary<string, string> WithoutFile { get; } = [];

    public string[] Command(string dataDir) => command(dataDir);
}
