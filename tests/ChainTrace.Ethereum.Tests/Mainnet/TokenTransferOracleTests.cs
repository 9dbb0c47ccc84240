using ChainTrace.Core.Account;
using ChainTrace.Core.Chains;
using ChainTrace.Ethereum.Model;
using ChainTrace.Ethereum.Normalization;
using ChainTrace.Ethereum.Parsing;
using ChainTrace.Ethereum.Tests.Support;

namespace ChainTrace.Ethereum.Tests.Mainnet;

/// <summary>Block 483 920 (Nov 2015): two ERC-20 transfers of token 0xf4eced2f…, recorded as RPC responses.</summary>
public class TokenTransferOracleTests
{
    private const string Token = "0xf4eced2f682ce333f96f2d8966c613ded8fc95dd";

    internal static RawBlock Block483920() =>
        RpcBlockReader.ReadBlock(
            Recorded.Result(Path.Combine(Recorded.EtlCase("test_export_blocks_job", "block_with_logs"), "web3_response.eth_getBlockByNumber_0x76250_true.json")),
            "block 483920");

    internal static IReadOnlyList<RawReceipt> BlockReceipts483920() =>
        RpcBlockReader.ReadReceipts(
            Recorded.Result(Path.Combine(Recorded.EtlCase("test_export_block_receipts_job", "receipts_with_logs"), "web3_response.eth_getBlockReceipts_483920.json")),
            "receipts 483920");

    [Fact]
    public void BlockReceipts_GiveEthereumEtlsExpectedTokenTransfers()
    {
        var block = EthBlockNormalizer.Normalize(new BlockData(Block483920(), BlockReceipts483920(), null), Network.Main);

        var expected = Recorded.Csv(Path.Combine(Recorded.EtlCase("test_export_token_transfers_job", "block_with_transfers"), "expected_token_transfers.csv"))
            .Select(r => $"{r["token_address"]} {r["from_address"]}>{r["to_address"]} {r["value"]} 0x{r["transaction_hash"][2..]} @{r["log_index"]}")
            .ToList();
        var actual = block.Transfers.Where(t => t.Kind == TransferKind.Token)
            .Select(t => $"{t.Asset.Token} {t.From}>{t.To} {t.Value} 0x{t.TxHash} @{t.Position}")
            .ToList();
        Assert.Equal(2, expected.Count);
        Assert.Equal(expected, actual);
        Assert.All(block.Transfers.Where(t => t.Kind == TransferKind.Token), t => Assert.Equal(Token, t.Asset.Token!.ToString()));
    }

    [Fact]
    public void PerTransactionReceipts_GiveTheSameTransfersAsBlockReceipts()
    {
        var dir = Recorded.EtlCase("test_export_receipts_job", "receipts_with_logs");
        var receipts = Directory.GetFiles(dir, "web3_response.eth_getTransactionReceipt_*.json")
            .Select(f => RpcBlockReader.ReadReceipt(Recorded.Result(f), f))
            .ToList();

        var perTx = EthBlockNormalizer.Normalize(new BlockData(Block483920(), receipts, null), Network.Main);
        var perBlock = EthBlockNormalizer.Normalize(new BlockData(Block483920(), BlockReceipts483920(), null), Network.Main);

        Assert.Equal(perBlock.Transfers, perTx.Transfers);
        Assert.Equal(perBlock.Transactions, perTx.Transactions);
    }

    [Fact]
    public void NativeTransfers_AreTheValueCarryingTransactionsOfEthereumEtlsExpectedExport()
    {
        var block = EthBlockNormalizer.Normalize(new BlockData(Block483920(), BlockReceipts483920(), null), Network.Main);

        var expected = Recorded.Csv(Path.Combine(Recorded.EtlCase("test_export_blocks_job", "block_with_logs"), "expected_transactions.csv"))
            .Where(r => r["value"] != "0")
            .Select(r => $"{r["from_address"]}>{r["to_address"]} {r["value"]}")
            .ToList();
        var actual = block.Transfers.Where(t => t.Kind == TransferKind.Native).Select(t => $"{t.From}>{t.To} {t.Value}").ToList();
        Assert.Equal(2, expected.Count);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Fees_AreGasUsedTimesGasPrice_FromTheReceipts()
    {
        var block = EthBlockNormalizer.Normalize(new BlockData(Block483920(), BlockReceipts483920(), null), Network.Main);

        // expected_receipts.csv: tx 0 used 50 853 gas at 50 gwei.
        var first = block.Transactions[0];
        Assert.Equal(50_853, first.GasUsed);
        Assert.Equal(Core.Primitives.UInt256.Parse("2542650000000000"), first.Fee);
        Assert.Null(first.Succeeded);
    }
}
