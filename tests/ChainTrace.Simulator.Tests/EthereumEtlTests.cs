using System.Numerics;
using System.Text.Json;
using ChainTrace.TestSupport;

namespace ChainTrace.Simulator.Tests;

public sealed class EthereumEtlTests(SmallSignedRun run) : IClassFixture<SmallSignedRun>
{
    private List<JsonElement> Etl(string name) => TruthFiles.Read(Path.Combine(run.OutDir, "eth", "etl", name));

    private static string EtlCase(params string[] parts) => SharedData.Path(["ethereum", "ethereum-etl", .. parts]);

    [Theory]
    [InlineData("blocks.json", "test_export_blocks_job/blocks_with_transactions/expected_blocks.csv")]
    [InlineData("transactions.json", "test_export_blocks_job/blocks_with_transactions/expected_transactions.csv")]
    [InlineData("token_transfers.json", "test_export_token_transfers_job/block_with_transfers/expected_token_transfers.csv")]
    [InlineData("traces.json", "test_export_traces_job/block_with_error/expected_traces.csv")]
    public void EtlFile_HasExactlyEthereumEtlsColumns(string file, string expectedCsv)
    {
        var columns = File.ReadLines(EtlCase(expectedCsv.Split('/'))).First().Split(',');
        var rows = Etl(file);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(columns, r.EnumerateObject().Select(p => p.Name)));
    }

    [Theory]
    [InlineData("receipts.json", "test_export_receipts_job/receipts_with_logs/expected_receipts.json")]
    [InlineData("logs.json", "test_export_receipts_job/receipts_with_logs/expected_logs.json")]
    public void EtlJsonFile_HasTheFieldsOfEthereumEtlsJsonExport(string file, string expectedJson)
    {
        var expected = TruthFiles.Read(EtlCase(expectedJson.Split('/')))[0].EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(Etl(file), r => Assert.Equal(expected, r.EnumerateObject().Select(p => p.Name)));
    }

    [Fact]
    public void Transactions_ChainIntoNumberedBlocks_WithMatchingReceipts()
    {
        var blocks = Etl("blocks.json");
        for (var i = 1; i < blocks.Count; i++)
        {
            Assert.Equal(i, blocks[i].GetProperty("number").GetInt64());
            Assert.Equal(blocks[i - 1].GetProperty("hash").GetString(), blocks[i].GetProperty("parent_hash").GetString());
        }

        var txs = Etl("transactions.json");
        Assert.Equal(run.Summary.EthereumTransactions, txs.Count);
        Assert.Equal(blocks.Sum(b => b.GetProperty("transaction_count").GetInt32()), txs.Count);
        Assert.Equal(txs.Select(t => t.GetProperty("hash").GetString()), Etl("receipts.json").Select(r => r.GetProperty("transaction_hash").GetString()));
    }

    [Fact]
    public void FailedTransactions_HaveStatusZero_NoLogs_AndAnErroredTrace()
    {
        var failed = Etl("receipts.json").Where(r => r.GetProperty("status").GetInt32() == 0).Select(r => r.GetProperty("transaction_hash").GetString()).ToHashSet();
        Assert.NotEmpty(failed);
        Assert.DoesNotContain(Etl("logs.json"), l => failed.Contains(l.GetProperty("transaction_hash").GetString()));
        var traces = Etl("traces.json").Where(t => failed.Contains(t.GetProperty("transaction_hash").GetString())).ToList();
        Assert.Equal(failed.Count, traces.Count);
        Assert.All(traces, t => Assert.Equal("Reverted", t.GetProperty("error").GetString()));
    }

    [Fact]
    public void TokenTransfers_AreTheErc20TransferLogs_WithTheValueInTheData()
    {
        var transferTopic = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
        var logs = Etl("logs.json").Where(l => l.GetProperty("topics")[0].GetString() == transferTopic).ToList();
        var transfers = Etl("token_transfers.json");
        Assert.Equal(logs.Count, transfers.Count);
        foreach (var (log, transfer) in logs.Zip(transfers))
        {
            Assert.Equal(log.GetProperty("log_index").GetInt32(), transfer.GetProperty("log_index").GetInt32());
            var value = BigInteger.Parse("0" + log.GetProperty("data").GetString()![2..], System.Globalization.NumberStyles.HexNumber);
            Assert.Equal(value, BigInteger.Parse(transfer.GetProperty("value").GetRawText()));
            Assert.EndsWith(transfer.GetProperty("to_address").GetString()![2..], log.GetProperty("topics")[2].GetString());
        }
    }

    [Fact]
    public void InternalTransfers_AppearAsChildTraces_OfTheirTransaction()
    {
        var traces = Etl("traces.json");
        var children = traces.Where(t => t.GetProperty("trace_address").GetArrayLength() > 0).ToList();
        Assert.NotEmpty(children);
        foreach (var child in children)
        {
            var parent = traces.Single(t => t.GetProperty("transaction_hash").GetString() == child.GetProperty("transaction_hash").GetString() && t.GetProperty("trace_address").GetArrayLength() == 0);
            Assert.Equal(parent.GetProperty("to_address").GetString(), child.GetProperty("from_address").GetString());
            Assert.True(parent.GetProperty("subtraces").GetInt32() > child.GetProperty("trace_address")[0].GetInt32());
        }
    }

    [Fact]
    public void EveryEthereumAddressInTheExports_IsInTheTruth()
    {
        var known = TruthFiles.Truth(run.OutDir, "addresses.jsonl").Where(a => a.GetProperty("chain").GetString() == "eth").Select(a => a.GetProperty("address").GetString()).ToHashSet();
        foreach (var tx in Etl("transactions.json"))
        {
            Assert.Contains(tx.GetProperty("from_address").GetString(), known);
            if (tx.GetProperty("to_address").ValueKind == JsonValueKind.String)
            {
                Assert.Contains(tx.GetProperty("to_address").GetString(), known);
            }
        }
    }
}
