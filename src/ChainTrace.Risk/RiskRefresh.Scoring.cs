using ChainTrace.Core.Risk;
using ChainTrace.Risk.Exposure;
using ChainTrace.Risk.Model;

namespace ChainTrace.Risk;

public static partial class RiskRefresh
{
    private const int ScoreBlock = 1 << 16;

    /// <summary>
    /// The facts and score of each of <paramref name="addresses"/>, in that order. With a model, its predictions and
    /// explanations (most of a refresh's time with one) run on every core, a prediction engine per worker; an
    /// address's answer depends on its own row alone, so the result is the same as one by one. Progress (addresses
    /// done) after each block of 65,536.
    /// </summary>
    internal static (RiskFacts Facts, RiskScore Score)[] Rows(
        IReadOnlyList<int> addresses, AddressExposures exposures, int[] roots, LabelSeeds seeds, RiskModel? model, FeatureTable? features, Action<int>? progress)
    {
        var result = new (RiskFacts, RiskScore)[addresses.Count];
        var workers = model is null || features is null ? 1 : Environment.ProcessorCount;
        var idle = new Stack<RiskModel?>();
        var forks = new List<RiskModel>();
        idle.Push(model);
        try
        {
            for (var start = 0; start < addresses.Count; start += ScoreBlock)
            {
                var end = Math.Min(addresses.Count, start + ScoreBlock);
                Parallel.For(start, end, new ParallelOptions { MaxDegreeOfParallelism = workers },
                    () => Take(idle, forks, model),
                    (i, _, engine) =>
                    {
                        result[i] = Row(exposures, addresses[i], roots, seeds, engine, features);
                        return engine;
                    },
                    engine =>
                    {
                        lock (idle)
                        {
                            idle.Push(engine);
                        }
                    });
                progress?.Invoke(end);
            }
        }
        finally
        {
            forks.ForEach(f => f.Dispose());
        }

        return result;
    }

    /// <summary>An engine no worker holds: the model itself first, then forks of it (kept for the next block).</summary>
    private static RiskModel? Take(Stack<RiskModel?> idle, List<RiskModel> forks, RiskModel? model)
    {
        lock (idle)
        {
            if (idle.Count > 0)
            {
                return idle.Pop();
            }

            var fork = model!.Fork();
            forks.Add(fork);
            return fork;
        }
    }
}
