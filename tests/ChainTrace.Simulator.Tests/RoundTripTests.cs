using ChainTrace.Bitcoin.Blocks;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Ingest;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;
using ChainTrace.Storage.Sqlite;
using ChainTrace.TestSupport;
using CoreNetwork = ChainTrace.Core.Chains.Network;

namespace ChainTrace.Simulator.Tests;

/// <summary>Generated blocks go through the same blocks-dir source (and store) as real data and give back exactly what the simulator recorded.</summary>
public sealed class RoundTripTests(SmallFastRun run) : IClassFixture<SmallFastRun>
{
    private string BlocksDir => Path.Combine(run.OutDir, "btc", "blocks");

    [Fact]
    public async Task BlocksDirectorySource_YieldsTheRecordedTransactions_ValuesAndInputAddresses()
    {
        var source = new BlocksDirectorySource(new BlocksDirectorySourceOptions(BlocksDir, CoreNetwork.Regtest));
        Assert.Equal(run.Summary.BitcoinBlocks - 1, await source.GetTipHeightAsync(CancellationToken.None));

        var read = new List<(long Height, UtxoTransaction Tx)>();
        await foreach (var block in source.ReadBlocksAsync(1, null, CancellationToken.None))
        {
            read.AddRange(block.Transactions.Select(t => (block.Header.Height, t)));
        }

        var recorded = run.Summary.RecordedBitcoinTransactions!;
        Assert.Equal(recorded.Count, read.Count);
        var derivedInputs = 0;
        for (var i = 0; i < read.Count; i++)
        {
            var (height, tx) = read[i];
            var rec = recorded[i];
            Assert.Equal(rec.TxId, tx.TxId.ToString());
            Assert.Equal(rec.Height, height);
            Assert.Equal(rec.Position, tx.Position);
            Assert.Equal(rec.IsCoinbase, tx.IsCoinbase);
            Assert.Equal(rec.Outputs.Select(o => o.Value), tx.Outputs.Select(o => o.Value));
            Assert.Equal(rec.Outputs.Select(o => o.Address), tx.Outputs.Select(o => o.AddressKey is null ? null : BtcAddressKey.ToAddress(o.AddressKey, CoreNetwork.Regtest).ToString()));
            if (rec.IsCoinbase)
            {
                continue;
            }

            Assert.Equal(rec.Inputs.Select(x => $"{x.PrevTxId}:{x.PrevIndex}"), tx.Inputs.Select(x => x.PrevOut.ToString()));
            foreach (var (input, recIn) in tx.Inputs.Zip(rec.Inputs))
            {
                if (recIn.AddressDerivableFromInput)
                {
                    Assert.NotNull(input.AddressKey);
                    Assert.Equal(recIn.Address, BtcAddressKey.ToAddress(input.AddressKey, CoreNetwork.Regtest).ToString());
                    derivedInputs++;
                }
            }
        }

        Assert.True(derivedInputs > 100, $"only {derivedInputs} input addresses derived");
    }

    [Fact]
    public async Task IngestingIntoTheStore_ResolvesEveryInputValue_AsTheSimulatorRecordedIt()
    {
        using var dir = new TempDir("sim-store");
        await using var store = await SqliteGraphStore.OpenAsync(dir.File("graph.db"), CancellationToken.None);
        var source = new BlocksDirectorySource(new BlocksDirectorySourceOptions(BlocksDir, CoreNetwork.Regtest));
        var summary = await new UtxoIngestor(store, source).RunAsync(new UtxoIngestOptions(), null, CancellationToken.None);

        // The store also holds the regtest genesis coinbase, which the simulator did not make.
        Assert.Equal(run.Summary.BitcoinTransactions + 1, summary.Transactions);
        Assert.Equal(run.Summary.BitcoinBlocks - 1, summary.Tip!.Height);

        foreach (var rec in run.Summary.RecordedBitcoinTransactions!.Where(t => !t.IsCoinbase && t.Inputs.Count > 1).Take(60))
        {
            var view = await store.GetTransactionAsync(Hash32.Parse(rec.TxId), CancellationToken.None);
            Assert.NotNull(view);
            Assert.Equal(rec.Inputs.Select(i => (long?)i.Value), view.Inputs.Select(i => i.Value));
            Assert.Equal(rec.Inputs.Select(i => i.Address), view.Inputs.Select(i => i.Address?.ToString()));
            Assert.Equal(rec.Inputs.Sum(i => i.Value) - rec.Outputs.Sum(o => o.Value), view.Fee);
        }
    }

    [Fact]
    public async Task AddressTotals_AndInNeighbours_AgreeWithTheRecordedTransactions()
    {
        using var dir = new TempDir("sim-totals");
        await using var store = await SqliteGraphStore.OpenAsync(dir.File("graph.db"), CancellationToken.None);
        var source = new BlocksDirectorySource(new BlocksDirectorySourceOptions(BlocksDir, CoreNetwork.Regtest));
        await new UtxoIngestor(store, source).RunAsync(new UtxoIngestOptions(), null, CancellationToken.None);

        // The oracle: per address, from the simulator's own record of every transaction.
        var expected = new Dictionary<string, (long Received, long Sent, int Txs, long PaidByOthers, bool SelfFunded)>();
        foreach (var tx in run.Summary.RecordedBitcoinTransactions!)
        {
            var payers = tx.Inputs.Select(i => i.Address).ToHashSet();
            foreach (var address in tx.Outputs.Select(o => o.Address).Concat(tx.Inputs.Select(i => i.Address)).OfType<string>().Distinct())
            {
                var e = expected.GetValueOrDefault(address);
                var received = tx.Outputs.Where(o => o.Address == address).Sum(o => o.Value);
                e.Received += received;
                e.Sent += tx.Inputs.Where(i => i.Address == address).Sum(i => i.Value);
                e.Txs++;
                e.PaidByOthers += tx.IsCoinbase ? 0 : received;
                e.SelfFunded |= received > 0 && payers.Contains(address);
                expected[address] = e;
            }
        }

        var multiPayer = 0;
        foreach (var (text, e) in expected)
        {
            var address = BtcAddress.Parse(text, CoreNetwork.Regtest);
            var summary = await store.GetAddressSummaryAsync(address, CancellationToken.None);
            Assert.NotNull(summary);
            Assert.Equal(e.Txs, summary.TxCount);
            Assert.Equal((UInt256)(ulong)e.Received, summary.Totals.Single().Received);
            Assert.Equal((UInt256)(ulong)e.Sent, summary.Totals.Single().Sent);

            var inNeighbours = new List<Core.Queries.AddressNeighbour>();
            Core.Queries.NeighbourCursor? cursor = null;
            do
            {
                var page = await store.GetNeighboursAsync(address, Core.Queries.FlowDirection.In, 7, cursor, CancellationToken.None);
                inNeighbours.AddRange(page.Neighbours);
                cursor = page.Next;
            }
            while (cursor is not null);

            // Each payer is credited with its share of what the address was paid: without self-funding the
            // shares add up to what others paid it, and never to more in any case.
            var sum = inNeighbours.Aggregate(System.Numerics.BigInteger.Zero, (s, n) => s + n.Value.ToBigInteger());
            Assert.True(sum <= e.PaidByOthers, $"{text}: in-neighbours sum to {sum}, more than the {e.PaidByOthers} it was paid");
            if (!e.SelfFunded)
            {
                Assert.Equal(e.PaidByOthers, (long)sum);
                multiPayer += inNeighbours.Select(n => n.Address).Distinct().Count() > 1 ? 1 : 0;
            }
        }

        Assert.True(multiPayer > 10, $"only {multiPayer} addresses were paid by several payers");
    }
}
