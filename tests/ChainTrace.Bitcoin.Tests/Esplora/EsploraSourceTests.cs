using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ChainTrace.Bitcoin.Blocks;
using ChainTrace.Bitcoin.Esplora;
using ChainTrace.Bitcoin.Http;
using ChainTrace.Bitcoin.Tests.Support;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Bitcoin.Tests.Esplora;

[Trait("Category", "Integration")]
public class EsploraSourceTests
{
    private static readonly RetryOptions FastRetry = new(3, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10));

    [Fact]
    public async Task ReadBlocks_GivesTheSameBlocksAsTheBlocksDirectory()
    {
        var esplora = new RawBlockEsplora();
        await using var server = new LocalHttpServer(esplora.HandleAsync);
        using var source = new EsploraSource(new(server.Url, Network.Main, Retry: FastRetry));
        using var dir = BtcData.BlocksDir();
        var expected = await BtcData.ReadAllAsync(new BlocksDirectorySource(new(dir.Path, Network.Main)), 0, 320);

        var actual = await BtcData.ReadAllAsync(source, 0, null);

        Assert.Equal(599, await source.GetTipHeightAsync(CancellationToken.None));
        Assert.Equal(600, actual.Count);
        Assert.Equal(expected.Select(b => b.Header), actual.Take(321).Select(b => b.Header));
        Assert.Equal(
            expected.SelectMany(b => b.Transactions).Select(t => (t.TxId, t.Size, t.Outputs.Count, t.Outputs.Sum(o => o.Value))),
            actual.Take(321).SelectMany(b => b.Transactions).Select(t => (t.TxId, t.Size, t.Outputs.Count, t.Outputs.Sum(o => o.Value))));
        Assert.Null(await source.GetBlockHashAsync(600, CancellationToken.None));
    }

    [Fact]
    public async Task Source_RetriesA503Twice_ThenSucceeds()
    {
        var esplora = new RawBlockEsplora { FailFirst = 2 };
        await using var server = new LocalHttpServer(esplora.HandleAsync);
        var logger = new RecordingLogger<EsploraSource>();
        using var source = new EsploraSource(new(server.Url, Network.Main, Retry: FastRetry), logger: logger);

        var block = Assert.Single(await BtcData.ReadAllAsync(source, 170, 170));

        Assert.Equal(170, block.Header.Height);
        // Two 503s, then the genesis hash (the network check), the block hash and the raw block.
        Assert.Equal(2 + 3, server.Requests);
        Assert.Equal(2, logger.Messages.Count(m => m.Level == Microsoft.Extensions.Logging.LogLevel.Warning && m.Message.Contains("retry", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Source_GivesUpWithAClearError_WhenEvery500()
    {
        var esplora = new RawBlockEsplora { FailFirst = int.MaxValue, FailStatus = 500 };
        await using var server = new LocalHttpServer(esplora.HandleAsync);
        using var source = new EsploraSource(new(server.Url, Network.Main, Retry: FastRetry));

        var ex = await Assert.ThrowsAsync<SourceUnavailableException>(() => source.GetTipHeightAsync(CancellationToken.None));

        Assert.Equal($"esplora {server.Url} unavailable after 4 attempts: HTTP 500 for blocks/tip/height", ex.Message);
    }

    [Fact]
    public async Task ReadBlocks_Rejects_WhenTheRawBytesAreNotTheAskedBlock()
    {
        var esplora = new RawBlockEsplora { ServeWrongBlockFor = 5 };
        await using var server = new LocalHttpServer(esplora.HandleAsync);
        using var source = new EsploraSource(new(server.Url, Network.Main, Retry: FastRetry));

        var ex = await Assert.ThrowsAsync<MalformedDataException>(() => BtcData.ReadAllAsync(source, 5, 5));

        Assert.Contains("the bytes hash to", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadBlocks_FillsPrevouts_FromTheTxsPages_WhenEnabled()
    {
        var esplora = new RawBlockEsplora();
        await using var server = new LocalHttpServer(esplora.HandleAsync);
        using var source = new EsploraSource(new(server.Url, Network.Main, FetchPrevouts: true, Retry: FastRetry));

        var block = Assert.Single(await BtcData.ReadAllAsync(source, 170, 170));

        var payment = block.Transactions[1];
        var input = Assert.Single(payment.Inputs);
        Assert.Equal(PrevoutSource.Source, input.Source);
        Assert.Equal(50_0000_0000, input.Value);
        Assert.Equal(OutputKind.P2PK, input.PrevKind);
        Assert.Equal("12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S", BtcData.Address(input.AddressKey));
        Assert.Equal(0, payment.Fee);
        Assert.Equal(PrevoutSource.Coinbase, block.Transactions[0].Inputs[0].Source);
    }

    /// <summary>Serves Esplora's block endpoints from the real mainnet blocks 0–599 of the shared blk files.</summary>
    private sealed class RawBlockEsplora
    {
        private readonly List<byte[]> _blocks = [.. BtcData.Frames(BtcData.Blk0), .. BtcData.Frames(BtcData.Blk1)];
        private readonly Dictionary<string, int> _heightOf = [];
        private readonly Dictionary<string, JsonObject> _spendable = [];
        private int _failuresLeft;

        public RawBlockEsplora()
        {
            for (var h = 0; h < _blocks.Count; h++)
            {
                _heightOf[BlockFileIndexer.HeaderHash(_blocks[h].AsSpan(0, 80)).ToString()] = h;
                foreach (var tx in NBitcoin.Block.Load(_blocks[h], NBitcoin.Network.Main).Transactions)
                {
                    for (var n = 0; n < tx.Outputs.Count; n++)
                    {
                        _spendable[$"{tx.GetHash()}:{n}"] = new JsonObject
                        {
                            ["value"] = tx.Outputs[n].Value.Satoshi,
                            ["scriptpubkey"] = Convert.ToHexStringLower(tx.Outputs[n].ScriptPubKey.ToBytes()),
                        };
                    }
                }
            }
        }

        public int FailFirst
        {
            init => _failuresLeft = value;
        }

        public int FailStatus { get; init; } = 503;

        public int? ServeWrongBlockFor { get; init; }

        public async Task HandleAsync(HttpListenerContext context)
        {
            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            {
                context.Response.StatusCode = FailStatus;
                return;
            }

            var parts = context.Request.Url!.AbsolutePath.Trim('/').Split('/');
            switch (parts)
            {
                case ["blocks", "tip", "height"]:
                    await LocalHttpServer.WriteAsync(context.Response, (_blocks.Count - 1).ToString(CultureInfo.InvariantCulture));
                    break;
                case ["block-height", var h] when int.Parse(h, CultureInfo.InvariantCulture) < _blocks.Count:
                    await LocalHttpServer.WriteAsync(context.Response, BlockFileIndexer.HeaderHash(_blocks[int.Parse(h, CultureInfo.InvariantCulture)].AsSpan(0, 80)).ToString());
                    break;
                case ["block", var hash, "raw"] when _heightOf.TryGetValue(hash, out var height):
                    await LocalHttpServer.WriteAsync(context.Response, _blocks[height == ServeWrongBlockFor ? height + 1 : height]);
                    break;
                case ["block", var hash, "txs", var start] when _heightOf.TryGetValue(hash, out var height):
                    await LocalHttpServer.WriteAsync(context.Response, TxsPage(height, int.Parse(start, CultureInfo.InvariantCulture)), "application/json");
                    break;
                default:
                    context.Response.StatusCode = 404;
                    await LocalHttpServer.WriteAsync(context.Response, "Block not found");
                    break;
            }
        }

        /// <summary>Esplora's transaction page shape, reduced to what prevouts need, built from the real blocks.</summary>
        private string TxsPage(int height, int start)
        {
            var page = new JsonArray();
            foreach (var tx in NBitcoin.Block.Load(_blocks[height], NBitcoin.Network.Main).Transactions.Skip(start).Take(25))
            {
                var vin = new JsonArray();
                foreach (var input in tx.Inputs)
                {
                    vin.Add(tx.IsCoinBase
                        ? new JsonObject { ["is_coinbase"] = true, ["prevout"] = null }
                        : new JsonObject { ["is_coinbase"] = false, ["prevout"] = _spendable[$"{input.PrevOut.Hash}:{input.PrevOut.N}"].DeepClone() });
                }

                page.Add(new JsonObject { ["txid"] = tx.GetHash().ToString(), ["vin"] = vin });
            }

            return page.ToJsonString();
        }
    }
}
