using System.Text;

namespace ChainTrace.Cli.Tests.Mutation;

/// <summary>
/// Mutants of blockchain-etl tables (JSON Lines). An export carries no hashes or checksums over its rows: a flipped
/// digit of a value or an address is another well-formed export that no reader can tell from the original, and
/// so is a file cut exactly at a line end (only blocks carry a row count, <c>transaction_count</c>). The bit
/// flips therefore hit the syntax (braces, brackets, quotes, colons, commas, line ends) and the cuts fall inside
/// a line; rows are duplicated, lines of junk appended, whole files emptied or replaced.
/// </summary>
internal static class EtlMutants
{
    private static readonly byte[] Syntax = "{}[]\":,\n"u8.ToArray();

    /// <param name="countedRows">Whether an empty table is detectable: blocks, transactions and receipts are (the other tables of a block may be empty).</param>
    public static IEnumerable<Mutant> OfTable(string set, string name, byte[] table, bool countedRows, Random random)
    {
        var syntax = Enumerable.Range(0, table.Length).Where(i => Syntax.Contains(table[i])).ToArray();
        for (var i = 0; i < 8; i++)
        {
            yield return new(set, "syntax-bit-flip", name, BlockMutants.FlipBit(table, syntax[random.Next(syntax.Length)], random.Next(8)));
        }

        var insideLine = Enumerable.Range(1, table.Length - 1).Where(i => table[i - 1] != '\n' && table[i] != '\n').ToArray();
        for (var i = 0; i < 3; i++)
        {
            yield return new(set, "truncate", name, table[..insideLine[random.Next(insideLine.Length)]]);
        }

        var lines = Encoding.UTF8.GetString(table).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        for (var i = 0; i < 2; i++)
        {
            var copy = lines.ToList();
            copy.Insert(random.Next(copy.Count + 1), lines[random.Next(lines.Count)]);
            yield return new(set, "duplicate-row", name, Encoding.UTF8.GetBytes(string.Join('\n', copy) + "\n"));
        }

        yield return new(set, "junk-line", name, [.. table, .. Encoding.ASCII.GetBytes(Convert.ToBase64String(BlockMutants.Junk(random, 60)) + "\n")]);
        yield return new(set, "junk-file", name, BlockMutants.Junk(random, 3000));
        if (countedRows)
        {
            yield return new(set, "empty", name, []);
        }
    }
}
