using ChainTrace.Core.Account;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Ethereum.Etl;
using ChainTrace.Ethereum.Ingest;
using ChainTrace.Ethereum.Model;
using ChainTrace.Ethereum.Normalization;
using ChainTrace.Ethereum.Tests.Mainnet;
using ChainTrace.Ethereum.Tests.Support;
using ChainTrace.Storage.Sqlite;
using ChainTrace.TestSupport;

namespace ChainTrace.Ethereum.Tests.Etl;

/// <summary>ethereum-etl's own export files for block 483 920, laid out as an export directory.</summary>
public class EtlExportTests
{
    private static void Place(TempDir dir, string job, string @case, string file, string asName) =>
        File.Copy(Path.Combine(Recorded.EtlCase(job, @case), file), dir.File(asName));

    private static void PlaceBlock483920(TempDir dir)
    {
        Place(dir, "test_export_blocks_job", "block_with_logs", "expected_blocks.csv", "blocks.csv");
        Place(dir, "test_export_blocks_job", "block_with_logs", "expected_transactions.csv", "transactions.csv");
    }

    private static async Task<List<AccountBlock>> ReadAllAsync(IAccountBlockSource source)
    {
        var blocks = new List<AccountBlock>();
        var first = await source.GetFirstHeightAsync(CancellationToken.None);
        var tip = await source.GetTipHeightAsync(CancellationToken.None);
        await foreach (var b in source.ReadBlocksAsync(first, tip!.Value, CancellationToken.None))
        {
            blocks.Add(b);
        }

        return blocks;
    }

    private static AccountBlock FromRpc() =>
        EthBlockNormalizer.Normalize(new BlockData(TokenTransferOracleTests.Block483920(), TokenTransferOracleTests.BlockReceipts483920(), null), Network.Main);

    [Theory]
    [InlineData("json")]
    [InlineData("csv")]
    public async Task ExportWithReceiptsAndLogs_GivesTheSameTransfersAsTheRpcResponses(string format)
    {
        using var dir = new TempDir("etl");
        PlaceBlock483920(dir);
        Place(dir, "test_export_block_receipts_job", "receipts_with_logs", $"expected_receipts.{format}", $"receipts.{format}");
        Place(dir, "test_export_block_receipts_job", "receipts_with_logs", $"expected_logs.{format}", $"logs.{format}");

        var block = Assert.Single(await ReadAllAsync(new EthEtlBlockSource(dir.Path)));

        var rpc = FromRpc();
        Assert.Equal(rpc.Header, block.Header);
        Assert.Equal(rpc.Transfers, block.Transfers);
        Assert.Equal(rpc.Transactions.Select(t => (t.Hash, t.Fee)), block.Transactions.Select(t => (t.Hash, t.Fee)));
    }

    [Fact]
    public async Task ExportWithTokenTransfersInsteadOfLogs_GivesTheSameTokenTransfers()
    {
        using var dir = new TempDir("etl");
        PlaceBlock483920(dir);
        Place(dir, "test_export_block_receipts_job", "receipts_with_logs", "expected_receipts.csv", "receipts.csv");
        Place(dir, "test_export_token_transfers_job", "block_with_transfers", "expected_token_transfers.csv", "token_transfers.csv");

        var block = Assert.Single(await ReadAllAsync(new EthEtlBlockSource(dir.Path)));

        Assert.Equal(FromRpc().Transfers.Where(t => t.Kind == TransferKind.Token), block.Transfers.Where(t => t.Kind == TransferKind.Token));
    }

    [Fact]
    public async Task ExportWithLogsButNoReceipts_IsRefused()
    {
        using var dir = new TempDir("etl");
        PlaceBlock483920(dir);
        Place(dir, "test_export_block_receipts_job", "receipts_with_logs", "expected_logs.json", "logs.json");

        var e = await Assert.ThrowsAsync<MalformedDataException>(() => ReadAllAsync(new EthEtlBlockSource(dir.Path)));
        Assert.Contains("no receipts", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadValueInTransactionsCsv_NamesFileLineAndField()
    {
        using var dir = new TempDir("etl");
        PlaceBlock483920(dir);
        var lines = File.ReadAllLines(dir.File("transactions.csv"));
        lines[2] = lines[2].Replace(",0,150853,", ",12x,150853,", StringComparison.Ordinal);
        File.WriteAllLines(dir.File("transactions.csv"), lines);

        var e = await Assert.ThrowsAsync<MalformedDataException>(() => ReadAllAsync(new EthEtlBlockSource(dir.Path)));

        Assert.Equal("transactions.csv line 3", e.Location);
        Assert.Contains("field 'value'", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimulatorLayout_JsonLines_IngestsNativeTokenInternalAndWithdrawals()
    {
        using var dir = new TempDir("etl");
        SimLayout.Write(dir.Path);
        await using var store = await SqliteGraphStore.OpenAsync(dir.File("graph.db"), CancellationToken.None);

        var summary = await new EthIngestor().RunAsync(new EthEtlBlockSource(dir.Path, Network.Regtest), store, new EthIngestOptions(), null, CancellationToken.None);

        Assert.Equal(2, summary.BlocksWritten);
        Assert.Equal(2, summary.TransfersByKind[TransferKind.Native]);
        Assert.Equal(1, summary.TransfersByKind[TransferKind.Token]);
        Assert.Equal(1, summary.TransfersByKind[TransferKind.Internal]);
        Assert.Equal(1, summary.TransfersByKind[TransferKind.Withdrawal]);
        var bob = await store.GetAddressSummaryAsync(EthAddress.Parse(SimLayout.Bob), CancellationToken.None);
        var eth = Assert.Single(bob!.Totals, t => t.Asset.IsNative);
        // 1 ETH paid directly + 0.25 ETH forwarded by the contract; the reverted 9 ETH frame and the failed tx's 7 ETH never arrived.
        Assert.Equal(UInt256.Parse("1250000000000000000"), eth.Received);
        var token = Assert.Single(bob.Totals, t => !t.Asset.IsNative);
        Assert.Equal(UInt256.Parse("500"), token.Received);
        var validator = await store.GetAddressSummaryAsync(EthAddress.Parse(SimLayout.Validator), CancellationToken.None);
        Assert.Equal(UInt256.Parse("32000000000000000000"), validator!.Totals.Single().Received);

        // Bob is paid natively, by the contract's internal call and in tokens: the in-neighbours credit each
        // transfer's sender with that transfer's value, so per asset they add up to what bob received.
        var page = await store.GetNeighboursAsync(EthAddress.Parse(SimLayout.Bob), Core.Queries.FlowDirection.In, 100, null, CancellationToken.None);
        Assert.Null(page.Next);
        Assert.True(page.Neighbours.Count >= 2, "bob has several payers");
        foreach (var totals in bob.Totals)
        {
            var sum = page.Neighbours.Where(n => n.Asset == totals.Asset).Aggregate(System.Numerics.BigInteger.Zero, (s, n) => s + n.Value.ToBigInteger());
            Assert.Equal(totals.Received.ToBigInteger(), sum);
        }

        // Each neighbour entry carries the first and last block of its transfers (times from blocks.json), and the
        // page its total: Alice's native payment (block 1; her failed 7 ETH moved nothing) and her token payment
        // (block 2) are two entries, the contract's forwarded 0.25 ETH (block 2) a third.
        Assert.Equal(3, page.Total);
        var spans = page.Neighbours.ToDictionary(n => (n.Address.ToString()!, n.Asset.IsNative), n => (n.First!.Height, n.First.Time.ToUnixTimeSeconds(), n.Last!.Height));
        Assert.Equal((1L, 1700000000L, 1L), spans[(SimLayout.Alice, true)]);
        Assert.Equal((2L, 1700000012L, 2L), spans[(SimLayout.Alice, false)]);
        Assert.Equal((2L, 1700000012L, 2L), spans[(SimLayout.Contract, true)]);
        var alicePaid = await store.GetNeighboursAsync(EthAddress.Parse(SimLayout.Alice), Core.Queries.FlowDirection.Out, 1, null, CancellationToken.None);
        Assert.Single(alicePaid.Neighbours);
        Assert.NotNull(alicePaid.Next);
        Assert.True(alicePaid.Total >= 3, $"alice paid bob (ether, token) and the contract: total {alicePaid.Total}");
    }
}
