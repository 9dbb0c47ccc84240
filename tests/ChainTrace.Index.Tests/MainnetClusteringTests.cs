using ChainTrace.Core.Clustering;
using ChainTrace.Index.Clustering;
using ChainTrace.Index.Service;
using ChainTrace.Index.Utxo;
using ChainTrace.TestSupport;
using NBitcoin;

namespace ChainTrace.Index.Tests;

/// <summary>Co-spend clustering on the shared mainnet blocks, checked against an independent count made with NBitcoin.</summary>
public sealed class MainnetClusteringTests : IDisposable
{
    private const string JoinMarketShaped = "79150a157185d883955fc9489247198a976c665b5a18127b2be64d80ce4b6bef";
    // block_413567.raw is left out: the shared copy's merkle root does not match its transactions (checked
    // independently with NBitcoin's CheckMerkleRoot), so ingest refuses it as damaged (see the test below).
    private static readonly string[] Blocks = ["block_277647.blk", "block_363703.raw", "block_370661.raw", "block_383616.raw", "block_481815.raw", "block_574200.raw"];
    private readonly TempDir _temp = new("cluster-mainnet");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task SharedBlocks_CoSpendMergesPerBlock_EqualAnIndependentCountFromTheRawInputs()
    {
        var data = _temp.File("data");
        await Cli.RunAsync(["ingest", "btc", "--data", data, "--raw", .. Blocks.Select(Raw)]);
        var paths = new ReadModelPaths(data);
        using var model = await BtcReadModel.OpenAsync(data);
        var index = model.Index;
        using var clusters = ClusterStore.Open(paths.BtcClusters);
        Assert.Equal(Blocks.Length, index.BlockCount);

        var oracle = new Dictionary<string, string>();
        string Root(string key)
        {
            while (oracle[key] != key)
            {
                key = oracle[key];
            }

            return key;
        }

        var flaggedTotal = 0;
        for (var b = 0; b < index.BlockCount; b++)
        {
            var block = Block.Load(ReadBlockBytes(Blocks[b]), NBitcoin.Network.Main);
            var first = index.Block(b).FirstTx;
            Assert.Equal(block.GetHash().ToString(), index.Block(b).BlockHash.ToString());
            long expected = 0;
            for (var t = 0; t < block.Transactions.Count; t++)
            {
                var tx = block.Transactions[t];
                // Which transactions are CoinJoins is our detectors' call; the addresses and the merging are recomputed here.
                var coinJoin = CoinJoinDetectors.Detect(index.Facts(first + t));
                if (tx.IsCoinBase || coinJoin is { ExcludesCoSpend: true })
                {
                    flaggedTotal += coinJoin is null ? 0 : 1;
                    continue;
                }

                // NBitcoin's own script-shape derivation (obsolete for wallets, which must not trust it; an oracle here).
#pragma warning disable CS0618
                var addresses = tx.Inputs.Select(i => i.GetSigner()?.ScriptPubKey.ToHex()).OfType<string>().Distinct().ToList();
#pragma warning restore CS0618
                foreach (var address in addresses)
                {
                    oracle.TryAdd(address, address);
                }

                foreach (var other in addresses.Skip(1))
                {
                    var (ra, rb) = (Root(addresses[0]), Root(other));
                    if (ra != rb)
                    {
                        oracle[rb] = ra;
                        expected++;
                    }
                }
            }

            var end = b + 1 < index.BlockCount ? index.Block(b + 1).FirstTx : index.TxCount;
            var actual = Enumerable.Range(0, (int)clusters.LinkCount).Select(i => clusters.Link(i)).Count(l => l.Tx >= first && l.Tx < end && l.Heuristic == LinkHeuristic.CoSpend);
            Assert.True(expected == actual, $"block {index.Block(b).Height}: {actual} co-spend merges, the raw inputs give {expected}");
            Assert.True(expected > 0 || b == 0, $"block {index.Block(b).Height} has no co-spend merge: the test checks nothing there");
        }

        Assert.True(flaggedTotal >= 2, $"{flaggedTotal} CoinJoins flagged");

        // Every real address key the store holds reads back from it through the read model, and finds its own id.
        var stored = new HashSet<string>();
        await foreach (var block in model.Store.ReadUtxoBlocksAsync(0, CancellationToken.None))
        {
            stored.UnionWith(block.Transactions.SelectMany(t => t.Inputs.Select(i => i.AddressKey).Concat(t.Outputs.Select(o => o.AddressKey)))
                .OfType<byte[]>().Select(Convert.ToHexString));
        }

        var keys = index.Keys().ToList();
        Assert.Equal(stored.Order(StringComparer.Ordinal), keys.Select(k => Convert.ToHexString(k.Key)).Order(StringComparer.Ordinal));
        Assert.All(keys, k => Assert.Equal(k.Address, index.FindAddress(k.Key)));
    }

    [Fact]
    public async Task Block413567_TheSharedCopyIsDamaged_IngestRefusesIt_AndStoresNothing()
    {
        // The JoinMarket-shaped 79150a15... lives in this block, but the shared file's merkle root does not match its
        // transactions, so the integrity checks refuse it; the joinmarket detector is covered by the Core unit tests.
        var raw = await File.ReadAllBytesAsync(Raw("block_413567.raw"));
        Assert.False(Block.Load(raw, NBitcoin.Network.Main).CheckMerkleRoot());

        var data = _temp.File("data");
        var (code, output, error) = await Cli.TryAsync("ingest", "btc", "--data", data, "--raw", Raw("block_413567.raw"));
        Assert.Equal(2, code);
        Assert.Contains("merkle", error + output, StringComparison.OrdinalIgnoreCase);
        var (lookup, _, _) = await Cli.TryAsync("tx", "btc", JoinMarketShaped, "--json", "--data", data);
        Assert.NotEqual(0, lookup);
    }

    [Fact]
    public async Task MegaTransaction_5569Inputs_FormOneClusterOfItsDistinctInputAddresses()
    {
        var tx = await Bitcoin.RawFiles.RawTransactionFile.ReadAsync(Raw("tx_bb41a757f405890fb0f5856228e23b715702d714d59bf2b1feb70d8b2b4e3e08.bin"), CancellationToken.None);
        var header = new Core.Utxo.BlockHeader(Core.Chains.Chain.Btc, 364292, Core.Primitives.Hash32.Parse(new string('1', 64)), Core.Primitives.Hash32.Zero, DateTimeOffset.UnixEpoch);
        var dir = _temp.File("index");
        // A first build asks the graph store nothing: an empty one stands beside it.
        await using var graph = await ChainTrace.Storage.Sqlite.SqliteGraphStore.OpenAsync(_temp.File("graph.db"), CancellationToken.None);
        using var index = UtxoIndex.Open(Path.Combine(dir, "btc"), graph);
        index.Append([new Core.Utxo.UtxoBlock(header, Core.Chains.Network.Main, [tx])]);
        using var store = ClusterStore.Open(Path.Combine(dir, "clusters"));

        var summary = UtxoClusterer.Update(index, store, ClusteringPolicy.Default);

        var distinct = tx.Inputs.Select(i => Convert.ToHexString(i.AddressKey!)).Distinct().Count();
        var inputIds = Enumerable.Range(0, index.InputCount).Select(i => index.Input(i).Address).ToList();
        Assert.Equal(distinct, inputIds.Distinct().Count());
        Assert.Single(inputIds.Select(store.Forest.Find).Distinct());
        Assert.Equal(distinct, store.Forest.SizeOf(inputIds[0]));
        Assert.Equal(distinct - 1, summary.LinksAdded);
        Assert.Equal(5569, summary.Inputs);
    }

    private static string Raw(string name) => SharedData.Path("bitcoin", "raw", name);

    /// <summary>The block bytes, without the blk-file frame (magic + length) the .blk file has.</summary>
    private static byte[] ReadBlockBytes(string name)
    {
        var bytes = File.ReadAllBytes(Raw(name));
        return bytes is [0xf9, 0xbe, 0xb4, 0xd9, ..] ? bytes[8..] : bytes;
    }
}
