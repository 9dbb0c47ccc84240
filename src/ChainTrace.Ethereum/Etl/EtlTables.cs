using ChainTrace.Core.Ports;
using ChainTrace.Files;

namespace ChainTrace.Ethereum.Etl;

/// <summary>The table files of an export directory (see <see cref="EthEtlBlockSource"/>); null where the export has no such table.</summary>
internal sealed record EtlTables(string Directory, string Blocks, string Transactions, string? Receipts, string? Logs, string? TokenTransfers, string? Traces)
{
    /// <summary>The tables whose rows hang off blocks (read in step with the blocks when streaming); token transfers only without logs.</summary>
    public IEnumerable<string> RowTables =>
        new[] { Transactions, Receipts, Logs ?? TokenTransfers, Traces }.OfType<string>();

    public static EtlTables Find(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"ETL export directory {directory} does not exist");
        }

        var blocks = EtlFileReader.Find(directory, "blocks")
            ?? throw new MalformedDataException(directory, "no blocks.json or blocks.csv in the export");
        var transactions = EtlFileReader.Find(directory, "transactions")
            ?? throw new MalformedDataException(directory, "no transactions.json or transactions.csv in the export");
        var tables = new EtlTables(
            directory, blocks, transactions, EtlFileReader.Find(directory, "receipts"), EtlFileReader.Find(directory, "logs"),
            EtlFileReader.Find(directory, "token_transfers"), EtlFileReader.Find(directory, "traces"));
        foreach (var path in new[] { tables.Blocks, tables.Transactions, tables.Receipts, tables.Logs, tables.TokenTransfers, tables.Traces }.OfType<string>())
        {
            // A FIFO would block the reader forever and a device never ends.
            InputFile.EnsureRegular(path, "ETL table");
        }

        return tables;
    }
}
