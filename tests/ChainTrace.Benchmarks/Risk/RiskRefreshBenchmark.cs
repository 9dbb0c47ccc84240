namespace ChainTrace.Benchmarks.Risk;

/// <summary>
/// The bulk exposure + score pass (<c>risk refresh</c>) over the <see cref="ScoredStore"/> (a simulated
/// <c>large</c> economy, ≥ 1,000,000 addresses). <c>addresses_per_s</c> = addresses scored ÷ the refresh's seconds
/// (label seeds, both exposure passes, features when a model exists, scoring and writing <c>risk/btc.db</c>).
/// The <c>screen</c> benchmark prints the same line for the refresh it runs first. Then the incremental refresh
/// (<see cref="ScoredStore.IncrementalAsync"/>): <c>incremental_seconds</c> after the last <c>incremental_blocks</c>
/// blocks were ingested again (<c>incremental_recomputed</c> address rows), <c>rollback_seconds</c> after they were
/// rolled back. Options: <c>--tx N</c>, <c>--no-model</c> (no behaviour model: no features or probabilities), <c>--incremental-blocks N</c> (default 25: the simulated economy is ~500
/// blocks of ~2,000 transactions, so 1,000 blocks is more than it has).
/// </summary>
public sealed class RiskRefreshBenchmark : IBenchmark
{
    public string Name => "risk-refresh";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        using var store = await ScoredStore.BuildAsync(args, cancellationToken);
        var full = await store.RefreshAsync(cancellationToken);
        var blocks = int.Parse(ScoredStore.Option(args, "--incremental-blocks") ?? "25", System.Globalization.CultureInfo.InvariantCulture);
        var (cut, grown) = await store.IncrementalAsync(blocks, cancellationToken);
        var seconds = full.Elapsed.TotalSeconds;
        BenchLine.Print("risk-refresh", ("addresses_per_s", Math.Round(full.Addresses / seconds)), ("seconds", seconds), ("addresses", full.Addresses),
            ("incremental_blocks", blocks), ("incremental_recomputed", grown.Recomputed), ("incremental_seconds", grown.Elapsed.TotalSeconds),
            ("incremental_mode", grown.Mode), ("rollback_seconds", cut.Elapsed.TotalSeconds), ("rollback_recomputed", cut.Recomputed));
        return 0;
    }

    public static void Print(ChainTrace.Risk.RiskRefreshSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var seconds = summary.Elapsed.TotalSeconds;
        BenchLine.Print("risk-refresh", ("addresses_per_s", Math.Round(summary.Addresses / seconds)), ("seconds", seconds), ("addresses", summary.Addresses));
    }
}
