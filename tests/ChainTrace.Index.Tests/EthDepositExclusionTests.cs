using ChainTrace.Core.Account;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Clustering;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;
using ChainTrace.Index.Account;
using ChainTrace.Index.Clustering;
using ChainTrace.Storage.Sqlite;
using ChainTrace.TestSupport;

namespace ChainTrace.Index.Tests;

/// <summary>
/// The customer exclusion is global: an address that becomes a receiver (its first deposit forwards to it) stops
/// counting as a customer of every deposit it once paid into, although those deposits see no new transfer. The
/// incremental update must drop that link as a full run does (a real SQLite store written block by block).
/// </summary>
public sealed class EthDepositExclusionTests : IDisposable
{
    private const ulong Ether = 1_000_000_000_000_000_000;
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly TempDir _temp = new("eth-exclusion");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task AddressBecomingAReceiver_LeavesTheCustomersOfDepositsItPaid_AsInAFullRun()
    {
        var (r, x, f, e, c1, c2, c3) = (A(1), A(2), A(3), A(4), A(5), A(6), A(7));
        var (d1, d2, d3) = (A(11), A(12), A(13));
        await using var store = await SqliteGraphStore.OpenAsync(_temp.File("graph.db"), Ct);
        var indexDir = _temp.File("index");
        var clusterDir = _temp.File("clusters");

        // Block 0: customers pay three deposits, X pays into D1 as well; block 1: the deposits forward to R.
        await store.WriteBlocksAsync([Block(0, (c1, d1, Ether), (x, d1, Ether), (c2, d2, Ether), (c3, d3, Ether))], Ct);
        await store.WriteBlocksAsync([Block(1, (d1, r, 2 * Ether), (d2, r, Ether), (d3, r, Ether))], Ct);
        var before = await UpdateAsync(store, indexDir, clusterDir);
        Assert.Contains(before, l => l.Heuristic == LinkHeuristic.EthDepositCustomer && l.B == Id(indexDir, x));

        // Blocks 2 and 3: E receives from F and forwards it to X, so X is a receiver now.
        await store.WriteBlocksAsync([Block(2, (f, e, Ether))], Ct);
        await store.WriteBlocksAsync([Block(3, (e, x, Ether))], Ct);
        var after = await UpdateAsync(store, indexDir, clusterDir);
        Assert.DoesNotContain(after, l => l.Heuristic == LinkHeuristic.EthDepositCustomer);
        Assert.Equal(3, after.Count(l => l.Heuristic == LinkHeuristic.EthDeposit));
    }

    /// <summary>The incremental update, checked equal (links and digest) to a full run over a rebuilt read model; returns its links.</summary>
    private async Task<List<ClusterLink>> UpdateAsync(SqliteGraphStore store, string indexDir, string clusterDir)
    {
        var options = new EthDepositOptions();
        var (index, _) = await EthIndex.UpdateAsync(indexDir, store, store, Ct);
        using (index)
        using (var clusters = ClusterStore.Open(clusterDir))
        {
            EthClusterer.Update(index, clusters, options);
        }

        var name = Guid.NewGuid().ToString("N");
        using var rebuilt = await EthIndex.RebuildAsync(_temp.File("rebuilt-" + name), store, Ct);
        using var full = ClusterStore.Open(_temp.File("full-" + name));
        EthClusterer.Rebuild(rebuilt, full, options);
        using var incremental = ClusterStore.Open(clusterDir);
        var links = Enumerable.Range(0, (int)incremental.LinkCount).Select(i => incremental.Link(i)).ToList();
        Assert.Equal(Enumerable.Range(0, (int)full.LinkCount).Select(i => full.Link(i)).ToList(), links);
        Assert.Equal(full.Digest(), incremental.Digest());
        return links;
    }

    private static int Id(string indexDir, EthAddress address)
    {
        using var index = EthIndex.Open(indexDir);
        return index.FindAddress(address.Key);
    }

    private static EthAddress A(int n) => EthAddress.Parse("0x" + n.ToString("x40", System.Globalization.CultureInfo.InvariantCulture));

    private static Hash32 H(int n, int salt)
    {
        var bytes = new byte[32];
        bytes[0] = (byte)(0x20 + salt);
        BitConverter.TryWriteBytes(bytes.AsSpan(28), n);
        return new Hash32(bytes);
    }

    /// <summary>Block <paramref name="n"/> with one native transaction per payment.</summary>
    private static AccountBlock Block(int n, params (EthAddress From, EthAddress To, ulong Value)[] payments)
    {
        var transactions = payments.Select((p, i) => new EthTransactionInfo(H((n * 100) + i, 1), i, p.From, p.To, null, p.Value, true, 21_000, 21_000, 21UL)).ToList();
        var transfers = payments.Select((p, i) => new Transfer(TransferKind.Native, Asset.Eth, p.From, p.To, p.Value, transactions[i].Hash, Transfer.TransactionPosition)).ToList();
        return new AccountBlock(
            new BlockHeader(Chain.Eth, n, H(n, 0), n == 0 ? Hash32.Zero : H(n - 1, 0), DateTimeOffset.FromUnixTimeSeconds(1_700_000_000 + n)),
            Network.Main, transactions, transfers, true, NormalizationWarnings.None);
    }
}
