using System.Numerics;
using ChainTrace.Core.Account;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Queries;

namespace ChainTrace.Ethereum.Tests.Anvil;

[Trait("Category", "Integration")]
public class AnvilIngestTests(AnvilScenario chain) : IClassFixture<AnvilScenario>
{
    private static readonly BigInteger Eth = AnvilScenario.Eth;
    private static CancellationToken Ct => CancellationToken.None;

    private static UInt256 Wei(BigInteger value) => UInt256.FromBigInteger(value);

    private async Task<AssetTotals> NativeAsync(string address)
    {
        var summary = await chain.ParityStore.GetAddressSummaryAsync(EthAddress.Parse(address), Ct);
        return Assert.Single(summary!.Totals, t => t.Asset.IsNative);
    }

    private Task<Core.Queries.AccountTransactionView?> TxAsync(string name) =>
        chain.ParityStore.GetAccountTransactionAsync(Hash32.Parse(chain.Txs[name]), Ct);

    [Fact]
    public void AllThreeBlocksAndTheGenesis_AreStored()
    {
        Assert.Equal(4, chain.ParitySummary.BlocksWritten);
        Assert.Equal(0, chain.ParitySummary.Warnings.Total);
    }

    [Fact]
    public async Task Dave_ReceivedTheForwardedAndSplitEth_ButNotTheRevertedFrame()
    {
        var dave = await NativeAsync(chain.Dave);

        // 0.5 forwarded by Bob + 0.5 half of Alice's split; the 3 ETH tryForward frame reverted.
        Assert.Equal(Wei(Eth), dave.Received);
        Assert.Equal(Wei(7 * Eth / 10), dave.Sent);
    }

    [Fact]
    public async Task Carol_Totals_IncludeSelfDestructProceedsAndTokens()
    {
        var summary = await chain.ParityStore.GetAddressSummaryAsync(EthAddress.Parse(chain.Carol), Ct);

        var eth = Assert.Single(summary!.Totals, t => t.Asset.IsNative);
        Assert.Equal(Wei(2 * Eth + Eth / 2 + 7 * Eth / 10), eth.Received);
        Assert.Equal(Wei(3 * Eth), eth.Sent);
        var token = Assert.Single(summary.Totals, t => !t.Asset.IsNative);
        Assert.Equal(Asset.Erc20(EthAddress.Parse(chain.Token)), token.Asset);
        Assert.Equal((UInt256)300UL, token.Received);
    }

    [Fact]
    public async Task StoredNetFlows_MatchTheNodesBalanceChanges()
    {
        // For every account the node's balance change since genesis equals received − sent − fees paid, all
        // computed from the stored edges: nothing is missing or counted twice.
        foreach (var address in new[] { chain.Bob, chain.Carol, chain.Dave, chain.Forwarder })
        {
            var summary = await chain.ParityStore.GetAddressSummaryAsync(EthAddress.Parse(address), Ct);
            var eth = summary!.Totals.Single(t => t.Asset.IsNative);
            var fees = BigInteger.Zero;
            foreach (var hash in chain.Txs.Values)
            {
                var view = await chain.ParityStore.GetAccountTransactionAsync(Hash32.Parse(hash), Ct);
                if (view!.Transaction.From.Equals(EthAddress.Parse(address)))
                {
                    fees += view.Transaction.Fee!.Value.ToBigInteger();
                }
            }

            var change = await chain.Node.BalanceAsync(address, "latest", Ct) - await chain.Node.BalanceAsync(address, "0x0", Ct);
            Assert.Equal(change, eth.Received.ToBigInteger() - eth.Sent.ToBigInteger() - fees);
        }
    }

    [Fact]
    public async Task FailedTransaction_IsStoredAsFailed_WithNoTransfers()
    {
        var view = await TxAsync("fail bob");

        Assert.False(view!.Transaction.Succeeded);
        Assert.Empty(view.Transfers);
        Assert.NotNull(view.Transaction.Fee);
    }

    [Fact]
    public async Task TryForward_KeepsOnlyTheTopLevelPayment()
    {
        var view = await TxAsync("tryForward carol->dave");

        Assert.True(view!.Transaction.Succeeded);
        var only = Assert.Single(view.Transfers);
        Assert.Equal(TransferKind.Native, only.Kind);
        Assert.Equal(EthAddress.Parse(chain.Forwarder), only.To);
    }

    [Fact]
    public async Task Split_HasTwoInternalTransfers_AtTraceAddresses0And1()
    {
        var view = await TxAsync("split alice->carol,dave");

        var internals = view!.Transfers.Where(t => t.Kind == TransferKind.Internal).OrderBy(t => t.Position, StringComparer.Ordinal).ToList();
        Assert.Equal(["0", "1"], internals.Select(t => t.Position));
        Assert.Equal([EthAddress.Parse(chain.Carol), EthAddress.Parse(chain.Dave)], internals.Select(t => t.To));
        Assert.All(internals, t => Assert.Equal(Wei(Eth / 2), t.Value));
    }

    [Fact]
    public async Task ForwardToken_TokenTransferFromAnInternalCall_IsStored()
    {
        var view = await TxAsync("forwardToken alice->carol");

        var token = Assert.Single(view!.Transfers);
        Assert.Equal(TransferKind.Token, token.Kind);
        Assert.Equal(EthAddress.Parse(chain.Alice), token.From);
        Assert.Equal(EthAddress.Parse(chain.Carol), token.To);
        Assert.Equal((UInt256)300UL, token.Value);
    }

    [Fact]
    public async Task SpawnAndKill_RecordsTheCreationWithValue_AndTheSelfDestructRefund()
    {
        var view = await TxAsync("spawnAndKill dave->carol");

        var creation = Assert.Single(view!.Transfers, t => t.Kind == TransferKind.Creation);
        Assert.Equal(EthAddress.Parse(chain.Forwarder), creation.From);
        Assert.Equal(Wei(7 * Eth / 10), creation.Value);
        var refund = Assert.Single(view.Transfers, t => t.Kind == TransferKind.Internal);
        Assert.Equal(creation.To, refund.From);
        Assert.Equal(EthAddress.Parse(chain.Carol), refund.To);
        Assert.Equal(Wei(7 * Eth / 10), refund.Value);
    }

    [Fact]
    public async Task ContractDeployment_IsACreationEdgeToTheContract()
    {
        var view = await TxAsync("deploy-token");

        Assert.Equal(EthAddress.Parse(chain.Token), view!.Transaction.CreatedContract);
        var creation = Assert.Single(view.Transfers, t => t.Kind == TransferKind.Creation);
        Assert.Equal(EthAddress.Parse(chain.Token), creation.To);
        Assert.Contains(view.Transfers, t => t.Kind == TransferKind.Token && t.To.Equals(EthAddress.Parse(chain.Alice)) && t.Value == (UInt256)1_000_000UL);
    }

    [Fact]
    public async Task GethCallTracer_GivesTheSameTransfersAsParityTraces()
    {
        foreach (var (name, hash) in chain.Txs)
        {
            var parity = await chain.ParityStore.GetAccountTransactionAsync(Hash32.Parse(hash), Ct);
            var geth = await chain.GethStore.GetAccountTransactionAsync(Hash32.Parse(hash), Ct);
            Assert.True(parity!.Transfers.SequenceEqual(geth!.Transfers), name);
            Assert.Equal(parity.Transaction, geth.Transaction);
        }

        Assert.Equal(chain.ParitySummary.TransfersByKind, chain.GethSummary.TransfersByKind);
    }

    [Fact]
    public async Task Neighbours_OfTheForwarder_AreItsRecipients()
    {
        var outs = (await chain.ParityStore.GetNeighboursAsync(EthAddress.Parse(chain.Forwarder), FlowDirection.Out, 10, null, Ct)).Neighbours;

        Assert.Contains(outs, n => n.Address.Equals(EthAddress.Parse(chain.Dave)) && n.Value == Wei(Eth) && n.TxCount == 2);
        Assert.Contains(outs, n => n.Address.Equals(EthAddress.Parse(chain.Carol)) && n.Asset.IsNative && n.Value == Wei(Eth / 2));
    }

    [Fact]
    public async Task WritingTheSameBlocksAgain_ChangesNothing()
    {
        using var source = new ChainTrace.Ethereum.Rpc.EthRpcBlockSource(new ChainTrace.Ethereum.Rpc.EthRpcOptions { Endpoint = chain.Node.Endpoint, Traces = ChainTrace.Ethereum.Rpc.TraceMode.Parity, Network = Network.Regtest });
        var blocks = new List<AccountBlock>();
        await foreach (var block in source.ReadBlocksAsync(0, 3, Ct))
        {
            blocks.Add(block);
        }

        var before = await chain.ParityStore.GetAddressSummaryAsync(EthAddress.Parse(chain.Carol), Ct);
        var again = await chain.ParityStore.WriteBlocksAsync(blocks, Ct);
        var after = await chain.ParityStore.GetAddressSummaryAsync(EthAddress.Parse(chain.Carol), Ct);

        Assert.Equal(0, again.BlocksWritten);
        Assert.Equal(4, again.BlocksSkipped);
        Assert.Equal(before!.Totals, after!.Totals);
    }
}
