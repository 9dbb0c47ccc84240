namespace ChainTrace.Cli.Tests.Mutation;

/// <summary>
/// One mutated input file: <paramref name="File"/> (a name inside its input set's directory) is replaced by
/// <paramref name="Bytes"/> for one run. <paramref name="AsIfAbsent"/>: the mutated file holds nothing (an empty
/// blk file, as a node creates one), so the run must store what the input stores without that file.
/// </summary>
internal sealed record Mutant(string Set, string Kind, string File, byte[] Bytes, bool AsIfAbsent = false)
{
    public int Number { get; init; }

    public override string ToString() => $"#{Number} {Set} {Kind} {File} ({Bytes.Length} bytes)";
}
