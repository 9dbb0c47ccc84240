using ChainTrace.Ethereum.Parsing;

namespace ChainTrace.Ethereum.Etl;

/// <summary>
/// Whether every table of an export can be read in step with its blocks: blockchain-etl writes each table sorted
/// by block number, but a merged or hand-made export need not be. One pass over each table, holding nothing; it also finds every row whose block is not in the export.
/// </summary>
internal static class EtlSortCheck
{
    /// <summary>Null when every table is sorted by block; else what is not (a file and line), for the note that says so.</summary>
    /// <exception cref="Core.Ports.MalformedDataException">A row names a block that is not in the blocks table.</exception>
    public static async Task<string?> FindDisorderAsync<T>(EtlTables tables, SortedDictionary<long, T> blocks, CancellationToken cancellationToken)
    {
        string? disorder = null;
        foreach (var path in tables.RowTables)
        {
            var last = long.MinValue;
            string? lastLocation = null;
            await foreach (var row in EtlFileReader.ReadAsync(path, cancellationToken))
            {
                if (row.Get("block_number") is null)
                {
                    disorder ??= $"{row.Location} has no block_number";
                    continue;
                }

                var block = BlockOf(row);
                if (!blocks.ContainsKey(block))
                {
                    // Checked here for the whole export, before any block is read (a range sees only its own rows).
                    throw new Core.Ports.MalformedDataException(row.Location, $"a row of block {block}, which is not in the export's blocks table ({System.IO.Path.GetFileName(tables.Blocks)})");
                }

                if (block < last)
                {
                    disorder ??= $"{row.Location} (block {block}) comes after {lastLocation} (block {last}): {System.IO.Path.GetFileName(path)} is not sorted by block";
                }

                last = block;
                lastLocation = row.Location;
            }
        }

        return disorder;
    }

    public static long BlockOf(EtlRow row) => EthHex.DecimalInt64(row.Require("block_number"), row.Location, "block_number");
}
