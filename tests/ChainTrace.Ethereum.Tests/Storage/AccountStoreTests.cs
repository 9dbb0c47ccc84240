using ChainTrace.Core.Account;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;
using ChainTrace.Storage.Sqlite;
using ChainTrace.TestSupport;

namespace ChainTrace.Ethereum.Tests.Storage;

/// <summary>The account part of the SQLite store, on real files, with hand-built blocks whose totals are known.</summary>
public class AccountStoreTests
{
    private static readonly EthAddress Alice = EthAddress.Parse("0x00000000000000000000000000000000000a11ce");
    private static readonly EthAddress Bob = EthAddress.Parse("0x0000000000000000000000000000000000000b0b");
    private static readonly EthAddress Token = EthAddress.Parse("0xdac17f958d2ee523a2206206994597c13d831ec7");
    private static CancellationToken Ct => CancellationToken.None;

    private static Hash32 H(int n, int salt = 0)
    {
        var bytes = new byte[32];
        bytes[0] = (byte)(0x10 + salt);
        BitConverter.TryWriteBytes(bytes.AsSpan(28), n);
        return new Hash32(bytes);
    }

    /// <summary>Block n pays Bob n ETH-wei from Alice, and n×1000 token units; fee 21 wei.</summary>
    private static AccountBlock Block(int n, int salt = 0, Network network = Network.Main, Hash32? parent = null)
    {
        var tx = H(1000 + n, salt);
        return new AccountBlock(
            new BlockHeader(Chain.Eth, n, H(n, salt), parent ?? (n == 0 ? Hash32.Zero : H(n - 1, salt)), DateTimeOffset.FromUnixTimeSeconds(1_700_000_000 + n)),
            network,
            [new EthTransactionInfo(tx, 0, Alice, Bob, null, (ulong)n, true, 50_000, 21, 21UL)],
            [
                new Transfer(TransferKind.Native, Asset.Eth, Alice, Bob, (ulong)n, tx, Transfer.TransactionPosition),
                new Transfer(TransferKind.Token, Asset.Erc20(Token), Alice, Bob, (ulong)n * 1000, tx, "0"),
            ],
            true,
            NormalizationWarnings.None);
    }

    [Fact]
    public async Task BlocksWithoutTraces_AreRecorded_ReportedPerTransaction_AndRolledBack()
    {
        using var dir = new TempDir("acct-traces");
        await using var store = await SqliteGraphStore.OpenAsync(dir.File("graph.db"), Ct);
        await store.WriteBlocksAsync([Block(0), Block(1) with { HasTraces = false }, Block(2) with { HasTraces = false }], Ct);

        Assert.Equal(2, await store.CountBlocksWithoutTracesAsync(Ct));
        Assert.True((await store.GetAccountTransactionAsync(H(1000), Ct))!.TracesAvailable);
        Assert.False((await store.GetAccountTransactionAsync(H(1001), Ct))!.TracesAvailable);

        await store.RollbackToAsync(Chain.Eth, 1, Ct);
        Assert.Equal(1, await store.CountBlocksWithoutTracesAsync(Ct));
    }

    [Fact]
    public async Task Totals_ArePerAsset_AndBalanceSubtractsFeesPaid()
    {
        using var dir = new TempDir("acct");
        await using var store = await SqliteGraphStore.OpenAsync(dir.File("graph.db"), Ct);
        await store.WriteBlocksAsync([Block(0), Block(1), Block(2)], Ct);
        await store.WriteBlocksAsync(
        [
            new AccountBlock(new BlockHeader(Chain.Eth, 3, H(3), H(2), DateTimeOffset.FromUnixTimeSeconds(1_700_000_003)), Network.Main,
                [new EthTransactionInfo(H(2003), 0, Bob, Alice, null, 1UL, true, 21_000, 21, 1UL)],
                [new Transfer(TransferKind.Native, Asset.Eth, Bob, Alice, 1UL, H(2003), Transfer.TransactionPosition)], true, NormalizationWarnings.None),
        ], Ct);

        var bob = await store.GetAddressSummaryAsync(Bob, Ct);

        Assert.Equal(4, bob!.TxCount);
        Assert.Equal(0, bob.FirstSeen.Height);
        Assert.Equal(3, bob.LastSeen.Height);
        var eth = Assert.Single(bob.Totals, t => t.Asset.IsNative);
        Assert.Equal((UInt256)3UL, eth.Received);
        Assert.Equal((UInt256)1UL, eth.Sent);
        Assert.Equal((UInt256)1UL, eth.Balance);
        var token = Assert.Single(bob.Totals, t => !t.Asset.IsNative);
        Assert.Equal((UInt256)3000UL, token.Received);
        Assert.Equal((UInt256)3000UL, token.Balance);
        Assert.Null(await store.GetAddressSummaryAsync(EthAddress.Parse("0x000000000000000000000000000000000000dead"), Ct));
    }

    [Fact]
    public async Task BlockWhoseParentIsNotTheStoredBlockBelow_IsRefused_AndTheBatchLeavesNoTrace()
    {
        using var dir = new TempDir("acct");
        await using var store = await SqliteGraphStore.OpenAsync(dir.File("graph.db"), Ct);
        await store.WriteBlocksAsync([Block(0), Block(1)], Ct);

        await Assert.ThrowsAsync<ChainTrace.Core.Ports.IngestConflictException>(() => store.WriteBlocksAsync([Block(2), Block(3, parent: H(99))], Ct));

        Assert.Equal(1, (await store.GetTipAsync(Chain.Eth, Ct))!.Height);
    }

    [Fact]
    public async Task OtherBlockAtAStoredHeight_IsRefused_UntilRolledBack()
    {
        using var dir = new TempDir("acct");
        await using var store = await SqliteGraphStore.OpenAsync(dir.File("graph.db"), Ct);
        await store.WriteBlocksAsync([Block(0), Block(1), Block(2)], Ct);

        await Assert.ThrowsAsync<ChainTrace.Core.Ports.IngestConflictException>(() => store.WriteBlocksAsync([Block(2, salt: 1, parent: H(1))], Ct));
        await store.RollbackToAsync(Chain.Eth, 1, Ct);
        var result = await store.WriteBlocksAsync([Block(2, salt: 1, parent: H(1))], Ct);

        Assert.Equal(1, result.BlocksWritten);
        Assert.Null(await store.GetAccountTransactionAsync(H(1002), Ct));
        Assert.NotNull(await store.GetAccountTransactionAsync(H(1002, 1), Ct));
        Assert.Equal((UInt256)3UL, (await store.GetAddressSummaryAsync(Bob, Ct))!.Totals.Single(t => t.Asset.IsNative).Received);
    }

    [Fact]
    public async Task BlocksOfAnotherNetwork_AreRefused()
    {
        using var dir = new TempDir("acct");
        await using var store = await SqliteGraphStore.OpenAsync(dir.File("graph.db"), Ct);
        await store.WriteBlocksAsync([Block(0, network: Network.Regtest)], Ct);

        var e = await Assert.ThrowsAsync<ChainTrace.Core.Ports.IngestConflictException>(() => store.WriteBlocksAsync([Block(1)], Ct));

        Assert.Contains("separate data directory", e.Message, StringComparison.Ordinal);
        Assert.Equal(Network.Regtest, await store.GetNetworkAsync(Chain.Eth, Ct));
    }

    [Fact]
    public async Task MaximumValue_RoundTrips_AndSumsPastIt_Saturate_WithUnknownBalance()
    {
        using var dir = new TempDir("acct");
        await using var store = await SqliteGraphStore.OpenAsync(dir.File("graph.db"), Ct);
        var tx = H(7);
        var block = new AccountBlock(
            new BlockHeader(Chain.Eth, 0, H(0), Hash32.Zero, DateTimeOffset.UnixEpoch), Network.Main,
            [new EthTransactionInfo(tx, 0, Alice, Token, null, UInt256.Zero, true, 60_000, 50_000, UInt256.Zero)],
            [
                new Transfer(TransferKind.Token, Asset.Erc20(Token), Alice, Bob, UInt256.MaxValue, tx, "0"),
                new Transfer(TransferKind.Token, Asset.Erc20(Token), Alice, Bob, UInt256.MaxValue, tx, "1"),
            ],
            true, NormalizationWarnings.None);
        await store.WriteBlocksAsync([block], Ct);

        var view = await store.GetAccountTransactionAsync(tx, Ct);

        Assert.All(view!.Transfers, t => Assert.Equal(UInt256.MaxValue, t.Value));
        var totals = (await store.GetAddressSummaryAsync(Bob, Ct))!.Totals.Single();
        Assert.Equal(UInt256.MaxValue, totals.Received);
        Assert.Null(totals.Balance);
    }
}
