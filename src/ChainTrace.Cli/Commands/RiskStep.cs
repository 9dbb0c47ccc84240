using System.Globalization;
using ChainTrace.Cli.Hosting;
using ChainTrace.Cli.Output;
using ChainTrace.Core.Chains;
using ChainTrace.Risk;
using ChainTrace.Risk.Exposure;
using ChainTrace.Storage.Sqlite;

namespace ChainTrace.Cli.Commands;

/// <summary>A chain's risk refresh with a progress line and its summary line (<c>risk refresh</c>, and ingest when a refresh was stored before).</summary>
internal static class RiskStep
{
    public static bool HasReadModel(DataDirectory data, Chain chain) => Directory.Exists(Path.Combine(data.Path, "index", chain.ToCode()));

    public static bool HasRefresh(DataDirectory data, Chain chain) =>
        File.Exists(chain == Chain.Btc ? RiskRefresh.StorePath(data.Path) : EthRiskRefresh.StorePath(data.Path));

    /// <summary>After an ingest: refreshes the chain's stored risk (incrementally where it can) with the options that refresh used; nothing when none was stored.</summary>
    public static async Task AfterIngestAsync(DataDirectory data, SqliteGraphStore store, Chain chain, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!HasRefresh(data, chain) || !HasReadModel(data, chain))
        {
            return;
        }

        ExposureOptions options;
        using (var stored = Risk.Storage.RiskStore.TryOpen(chain == Chain.Btc ? RiskRefresh.StorePath(data.Path) : EthRiskRefresh.StorePath(data.Path)))
        {
            var s = stored!.Snapshot;
            options = chain == Chain.Btc ? new ExposureOptions { Hops = s.Hops, DustThreshold = (long)s.DustThreshold } : new ExposureOptions { Hops = s.Hops, EthDustThreshold = s.DustThreshold };
        }

        await RunAsync(data, store, chain, options, full: false, output, error, cancellationToken);
    }

    /// <summary>Refreshes <paramref name="chain"/>'s stored risk; <paramref name="store"/> is the graph store the Bitcoin read model reads its address keys from.</summary>
    public static async Task RunAsync(DataDirectory data, SqliteGraphStore store, Chain chain, ExposureOptions options, bool full, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var labels = await data.OpenLabelsAsync(cancellationToken);
        var line = new ProgressLine(error);
        var progress = new SyncProgress<(string Phase, long Done, long Total)>(p => line.Write(string.Create(CultureInfo.InvariantCulture,
            $"risk refresh: {p.Phase} {p.Done}/{p.Total}")));
        var summary = chain == Chain.Btc
            ? await RiskRefresh.RunAsync(data.Path, store, labels, options, progress, cancellationToken, full)
            : await EthRiskRefresh.RunAsync(data.Path, labels, options, progress, cancellationToken, full);

        line.Finish();
        await output.WriteLineAsync(summary.Line());
    }
}
