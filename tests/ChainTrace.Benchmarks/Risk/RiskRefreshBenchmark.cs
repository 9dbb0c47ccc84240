namespace ChainTrace.Benchmarks.Risk;

/// <summary>
/// The bulk exposure + score pass (<c>risk refresh</c>) over the <see cref="ScoredStore"/> (a simulated
/// <c>large</c> economy, ≥ 1,000,000 addresses). <c>addresses_per_s</c> = addresses scored ÷ the refresh's seconds
/// (label seeds, both exposure passes, features when a model exists, scoring and writing <c>risk/btc.db</c>).
/// The <c>screen</c> benchmark prints the same line for the refresh it runs first. Options: <c>--tx N</c>.
/// </summary>
public sealed class RiskRefreshBenchmark : IBenchmark
{
    public string Name => "risk-refresh";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        using var store = await ScoredStore.BuildAsync(args, cancellationToken);
        Print(await store.RefreshAsync(cancellationToken));
        return 0;
    }

    public static void Print(ChainTrace.Risk.RiskRefreshSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var seconds = summary.Elapsed.TotalSeconds;
        BenchLine.Print("risk-refresh", ("addresses_per_s", Math.Round(summary.Addresses / seconds)), ("seconds", seconds), ("addresses", summary.Addresses));
    }
}
