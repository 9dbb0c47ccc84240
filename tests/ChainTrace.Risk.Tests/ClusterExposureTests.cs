using ChainTrace.Core.Risk;
using ChainTrace.Index.Clustering;
using ChainTrace.Index.Service;
using ChainTrace.Index.Utxo;
using ChainTrace.Risk.Storage;
using ChainTrace.TestSupport;

namespace ChainTrace.Risk.Tests;

/// <summary>
/// Cluster exposure on the simulator's <c>demo</c> economy through the real pipeline: only value crossing a cluster's
/// boundary counts. The expected totals are computed here straight from the read model (each output to a member
/// weighted by the share its outside inputs paid; each member's spend by the share that leaves the cluster).
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClusterExposureTests : IDisposable
{
    private readonly TempDir _temp = new("risk-cluster");

    [Fact]
    public async Task ClusterTotals_CountOnlyValueCrossingTheBoundary_SoAnExchangesOwnSweepsAreNoExposure()
    {
        var sim = _temp.File("sim");
        var data = _temp.File("data");
        await Cli.ScoredEconomyAsync("demo", 3, sim, data);

        var paths = new ReadModelPaths(data);
        using var model = await BtcReadModel.OpenAsync(data);
        var index = model.Index;
        var roots = RiskRefresh.Roots(paths, index);
        var (received, sent, memberReceived) = ExpectedTotals(index, roots);
        using var store = RiskStore.TryOpen(RiskRefresh.StorePath(data))!;
        var checkedClusters = 0;
        var withInternalFlow = 0;
        foreach (var (root, expectedIn) in received)
        {
            var facts = store.FindCluster(root);
            Assert.NotNull(facts);
            Assert.InRange((long)facts.Received, expectedIn - 2_000, expectedIn + 2_000);
            var expectedOut = sent.GetValueOrDefault(root);
            Assert.InRange((long)facts.Sent, expectedOut - 2_000, expectedOut + 2_000);
            withInternalFlow += memberReceived[root] > expectedIn + 100_000 ? 1 : 0;
            checkedClusters++;
        }

        Assert.True(checkedClusters > 50, $"{checkedClusters} clusters");
        Assert.True(withInternalFlow > 10, $"{withInternalFlow} clusters move value between their own addresses");

        // An exchange sweeps its deposit addresses to its hot wallet: inside the exchange's cluster that is no
        // exposure to "exchange", so its incoming exchange exposure is what other exchanges sent it, a small share.
        var exchange = received.Keys.Select(r => (Root: r, Facts: store.FindCluster(r)!))
            .Where(c => store.Find(index.AddressKey(c.Root)) is not null)
            .OrderByDescending(c => memberReceived[c.Root]).First();
        var own = exchange.Facts.Exposures.Where(e => e is { Category: "exchange", Direction: ExposureDirection.Incoming, Type: ExposureType.Direct }).Sum(e => e.Share);
        Assert.True(own < 0.2, $"largest cluster's incoming direct exchange share {own}");
    }

    /// <summary>Per multi-address cluster: value received from outside, sent outside, and the plain sum its members received.</summary>
    private static (Dictionary<int, long> Received, Dictionary<int, long> Sent, Dictionary<int, long> MemberReceived) ExpectedTotals(UtxoIndex index, int[] roots)
    {
        var size = roots.GroupBy(r => r).Where(g => g.Count() > 1).ToDictionary(g => g.Key, g => g.Count());
        var received = size.Keys.ToDictionary(r => r, _ => 0.0);
        var sent = size.Keys.ToDictionary(r => r, _ => 0.0);
        var member = size.Keys.ToDictionary(r => r, _ => 0L);
        for (var tx = 0; tx < index.TxCount; tx++)
        {
            var (inStart, inCount) = index.Inputs(tx);
            var (outStart, outCount) = index.Outputs(tx);
            var inValue = new Dictionary<int, long>();
            long inTotal = 0;
            for (var i = inStart; i < inStart + inCount; i++)
            {
                var input = index.Input(i);
                var v = input.SpentOutput >= 0 ? index.Output(input.SpentOutput).Value : 0;
                inTotal += v;
                if (input.Address >= 0)
                {
                    inValue[roots[input.Address]] = inValue.GetValueOrDefault(roots[input.Address]) + v;
                }
            }

            var outValue = new Dictionary<int, long>();
            long outTotal = 0;
            for (var o = outStart; o < outStart + outCount; o++)
            {
                var output = index.Output(o);
                outTotal += output.Value;
                if (output.Address >= 0)
                {
                    outValue[roots[output.Address]] = outValue.GetValueOrDefault(roots[output.Address]) + output.Value;
                }
            }

            if (inCount > 0 && CoinJoinTxs.IsMix(index, tx))
            {
                // A CoinJoin: an input funds an output by at most the output's value, so each output weighs the
                // inputs from outside its cluster by min(input value, output value).
                for (var o = outStart; o < outStart + outCount; o++)
                {
                    var output = index.Output(o);
                    if (output.Address < 0 || !size.ContainsKey(roots[output.Address]))
                    {
                        continue;
                    }

                    double all = 0, outside = 0;
                    for (var i = inStart; i < inStart + inCount; i++)
                    {
                        var input = index.Input(i);
                        var w = input.SpentOutput >= 0 ? Math.Min(output.Value, index.Output(input.SpentOutput).Value) : 0;
                        all += w;
                        outside += input.Address >= 0 && roots[input.Address] == roots[output.Address] ? 0 : w;
                    }

                    member[roots[output.Address]] += output.Value;
                    received[roots[output.Address]] += all == 0 ? 0 : output.Value * outside / all;
                }
            }
            else
            {
                foreach (var (root, value) in outValue)
                {
                    if (size.ContainsKey(root))
                    {
                        member[root] += value;
                        received[root] += inCount == 0 ? value : value * (double)(inTotal - inValue.GetValueOrDefault(root)) / inTotal;
                    }
                }
            }

            if (inCount > 0 && CoinJoinTxs.IsMix(index, tx))
            {
                // Backward the same: a member's input of value v weighs each output by min(output value, v).
                for (var i = inStart; i < inStart + inCount; i++)
                {
                    var input = index.Input(i);
                    if (input.Address < 0 || input.SpentOutput < 0 || !size.ContainsKey(roots[input.Address]))
                    {
                        continue;
                    }

                    var v = index.Output(input.SpentOutput).Value;
                    double all = 0, outside = 0;
                    for (var o = outStart; o < outStart + outCount; o++)
                    {
                        var output = index.Output(o);
                        var w = Math.Min(v, output.Value);
                        all += w;
                        outside += output.Address >= 0 && roots[output.Address] == roots[input.Address] ? 0 : w;
                    }

                    sent[roots[input.Address]] += all == 0 ? 0 : v * outside / all;
                }
            }
            else
            {
                foreach (var (root, value) in inValue)
                {
                    if (size.ContainsKey(root) && outTotal > 0)
                    {
                        sent[root] += value * (double)(outTotal - outValue.GetValueOrDefault(root)) / outTotal;
                    }
                }
            }
        }

        return (received.ToDictionary(r => r.Key, r => (long)Math.Round(r.Value)), sent.ToDictionary(s => s.Key, s => (long)Math.Round(s.Value)), member);
    }

    public void Dispose() => _temp.Dispose();
}
