using System.Diagnostics;
using System.Globalization;
using ChainTrace.Index.Utxo;

namespace ChainTrace.Benchmarks.Clustering;

public sealed partial class ClusterBenchmark
{
    /// <summary>
    /// What reading address keys back from the graph store costs (the read model holds none): a key by id and an id by
    /// key for random addresses, and the keys of every address in one scan.
    /// </summary>
    private static string KeyLookups(UtxoIndex index)
    {
        const int samples = 20_000;
        var random = new Random(11);
        var ids = Enumerable.Range(0, samples).Select(_ => random.Next(index.AddressCount)).ToArray();
        var keys = new byte[samples][];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < samples; i++)
        {
            keys[i] = index.KeyOf(ids[i]);
        }

        var keyOfUs = clock.Elapsed.TotalMicroseconds / samples;
        clock.Restart();
        for (var i = 0; i < samples; i++)
        {
            if (index.FindAddress(keys[i]) != ids[i])
            {
                throw new InvalidOperationException($"address {ids[i]}: its key finds another id");
            }
        }

        var findUs = clock.Elapsed.TotalMicroseconds / samples;
        clock.Restart();
        var scanned = index.Keys().Count();
        var scanSeconds = clock.Elapsed.TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"keys from the store: KeyOf {keyOfUs:F1} µs, FindAddress {findUs:F1} µs (mean of {samples} random addresses); all {scanned} keys in one scan {scanSeconds:F1} s");
    }
}
