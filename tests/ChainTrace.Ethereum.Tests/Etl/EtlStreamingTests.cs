using System.Text.Json;
using ChainTrace.Core.Account;
using ChainTrace.Core.Chains;
using ChainTrace.Ethereum.Etl;
using ChainTrace.Simulator;
using ChainTrace.TestSupport;

namespace ChainTrace.Ethereum.Tests.Etl;

/// <summary>
/// Issue 8 item 7: the ETL source holds one block range's rows at a time when the tables are sorted by block (as
/// blockchain-etl writes them), and says so and reads the whole export when they are not; both give the same blocks.
/// </summary>
public sealed class EtlStreamingTests : IDisposable
{
    private const int Range = 4;
    private readonly TempDir _dir = new("etl-stream");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task SortedExport_IsReadARangeAtATime_HoldingOnlyThatRangesRows()
    {
        var etl = await ExportAsync();
        var rowsPerBlock = RowsPerBlock(etl);
        var source = new EthEtlBlockSource(etl, Network.Regtest, blocksPerRange: Range);

        var blocks = await ReadAllAsync(source);

        var first = await source.GetFirstHeightAsync(CancellationToken.None);
        var largestRange = rowsPerBlock.GroupBy(b => (b.Key - first) / Range).Max(g => g.Sum(b => b.Value));
        Assert.True(blocks.Count > 3 * Range, $"{blocks.Count} blocks: not a multi-range export");
        Assert.Null(source.ReadingNote);
        Assert.Equal(largestRange, source.MostRowsHeld);
        Assert.True(source.MostRowsHeld < rowsPerBlock.Values.Sum() / 2, $"{source.MostRowsHeld} of {rowsPerBlock.Values.Sum()} rows held at once");
    }

    [Fact]
    public async Task UnsortedExport_IsReadWhole_SaysSo_AndGivesTheSameBlocks()
    {
        var etl = await ExportAsync();
        var sorted = await ReadAllAsync(new EthEtlBlockSource(etl, Network.Regtest, blocksPerRange: Range));
        var path = Path.Combine(etl, "transactions.json");
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        new Random(8).Shuffle(lines);
        File.WriteAllLines(path, lines);
        var source = new EthEtlBlockSource(etl, Network.Regtest, blocksPerRange: Range);

        var blocks = await ReadAllAsync(source);

        Assert.Contains("transactions.json is not sorted by block", source.ReadingNote, StringComparison.Ordinal);
        Assert.Contains("read the whole export", source.ReadingNote, StringComparison.Ordinal);
        Assert.Equal(RowsPerBlock(etl).Values.Sum(), source.MostRowsHeld);
        Assert.Equal(sorted.Count, blocks.Count);
        for (var i = 0; i < sorted.Count; i++)
        {
            Assert.Equal(sorted[i].Header, blocks[i].Header);
            Assert.Equal(sorted[i].Transfers, blocks[i].Transfers);
            Assert.Equal(sorted[i].Transactions, blocks[i].Transactions);
        }
    }

    private async Task<string> ExportAsync()
    {
        await Simulator.Simulator.RunAsync(new SimulationOptions { Scenario = "small", Seed = 42, OutDir = _dir.File("out"), Signed = false }, CancellationToken.None);
        return Path.Combine(_dir.File("out"), "eth", "etl");
    }

    /// <summary>Rows of transactions, receipts, logs (token transfers without logs) and traces per block, counted from the files.</summary>
    private static Dictionary<long, int> RowsPerBlock(string etl)
    {
        var counts = new Dictionary<long, int>();
        var logs = File.Exists(Path.Combine(etl, "logs.json")) ? "logs.json" : "token_transfers.json";
        foreach (var table in new[] { "transactions.json", "receipts.json", logs, "traces.json" }.Where(t => File.Exists(Path.Combine(etl, t))))
        {
            foreach (var line in File.ReadLines(Path.Combine(etl, table)).Where(l => l.Length > 0))
            {
                using var row = JsonDocument.Parse(line);
                var block = row.RootElement.GetProperty("block_number").GetInt64();
                counts[block] = counts.GetValueOrDefault(block) + 1;
            }
        }

        return counts;
    }

    private static async Task<List<AccountBlock>> ReadAllAsync(EthEtlBlockSource source)
    {
        var blocks = new List<AccountBlock>();
        var first = await source.GetFirstHeightAsync(CancellationToken.None);
        var tip = await source.GetTipHeightAsync(CancellationToken.None);
        await foreach (var block in source.ReadBlocksAsync(first, tip!.Value, CancellationToken.None))
        {
            blocks.Add(block);
        }

        return blocks;
    }
}
