using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ChainTrace.Cli;
using ChainTrace.Cli.Hosting;
using ChainTrace.Cli.Output;
using ChainTrace.Risk;
using ChainTrace.Risk.Exposure;

namespace ChainTrace.Benchmarks.Risk;

/// <summary>
/// The store the risk benchmarks run on: a fresh simulator <c>large</c> economy (fast mode, default 1,000,000
/// Bitcoin transactions, which make more than a million addresses), ingested through the real command (read model
/// and clusters included) with its TagPack imported and a behaviour model installed (<see cref="InstallModelAsync"/>),
/// then <c>risk refresh</c> over all of it, timed, with progress.
/// Not a synthetic bulk load: every scored address is one the exposure pass and the scorer really computed.
/// <c>--work DIR</c> keeps the store in DIR and reuses it on the next run (for profiling); by default it is a
/// temporary directory removed at the end.
/// </summary>
public sealed class ScoredStore : IDisposable
{
    private readonly bool _keep;

    private ScoredStore(string work, bool keep)
    {
        Work = work;
        _keep = keep;
    }

    public string Work { get; }

    public string Data => Path.Combine(Work, "data");

    public string Sim => Path.Combine(Work, "sim");

    public RiskRefreshSummary? Refresh { get; private set; }

    /// <summary>True when the store was built by an earlier run (<c>--work</c>).</summary>
    public bool Reused { get; private set; }

    /// <summary>True when this run installed or removed the model: a stored refresh from before does not reflect it.</summary>
    public bool ModelChanged { get; private set; }

    public static async Task<ScoredStore> BuildAsync(string[] args, CancellationToken cancellationToken)
    {
        var tx = Option(args, "--tx") ?? "1000000";
        var keep = Option(args, "--work");
        var store = new ScoredStore(keep ?? Path.Combine(Path.GetTempPath(), $"chaintrace-bench-risk-{Guid.NewGuid():N}"), keep is not null);
        if (keep is not null && File.Exists(Path.Combine(store.Work, "built")))
        {
            Console.WriteLine($"reusing the store built before in {keep}");
            store.Reused = true;
            await store.InstallModelAsync(args, cancellationToken);
            return store;
        }

        var clock = Stopwatch.StartNew();
        await CliAsync(["simulate", "--scenario", "large", "--scale", tx, "--seed", "13", "--out", store.Sim, "--fast"], cancellationToken);
        Console.WriteLine($"simulated large economy ({tx} btc tx), {clock.Elapsed.TotalSeconds:F1} s");
        clock.Restart();
        await CliAsync(["--data", store.Data, "ingest", "btc", "--blocks-dir", Path.Combine(store.Sim, "btc", "blocks"), "--network", "regtest"], cancellationToken);
        Console.WriteLine($"ingested, read model and clusters built, {clock.Elapsed.TotalSeconds:F1} s");
        await CliAsync(["--data", store.Data, "labels", "import", Path.Combine(store.Sim, "labels", "tagpack.yaml"), "--network", "regtest"], cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(store.Work, "built"), tx, cancellationToken);
        await store.InstallModelAsync(args, cancellationToken);
        return store;
    }

    /// <summary>
    /// The behaviour model a deployment scores with, so the refresh computes every address's features, probability
    /// and explanation and each screening answer carries them: trained through the real commands on a <c>risk</c>
    /// economy (seed 41; the <c>large</c> one has too few illicit entities to learn from) and its version directory
    /// installed as this store's current model. Skipped with <c>--no-model</c> (then <c>"model": null</c> everywhere)
    /// or when the store already has one.
    /// </summary>
    private async Task InstallModelAsync(string[] args, CancellationToken cancellationToken)
    {
        var installed = Path.Combine(Data, "models", "risk");
        if (args.Contains("--no-model"))
        {
            Console.WriteLine(Directory.Exists(installed) ? $"--no-model: removing the installed model ({installed})" : "--no-model: scoring without a model");
            if (Directory.Exists(installed))
            {
                Directory.Delete(installed, recursive: true);
                ModelChanged = true;
            }

            return;
        }

        if (Directory.Exists(installed))
        {
            Console.WriteLine($"model: the store's own ({installed})");
            return;
        }

        var clock = Stopwatch.StartNew();
        var sim = Path.Combine(Work, "model-sim");
        var data = Path.Combine(Work, "model-data");
        foreach (var dir in new[] { sim, data }.Where(Directory.Exists))
        {
            Directory.Delete(dir, recursive: true);
        }

        await CliAsync(["simulate", "--scenario", "risk", "--seed", "41", "--out", sim, "--fast"], cancellationToken);
        await CliAsync(["--data", data, "ingest", "btc", "--blocks-dir", Path.Combine(sim, "btc", "blocks"), "--network", "regtest"], cancellationToken);
        await CliAsync(["--data", data, "labels", "import", Path.Combine(sim, "labels", "tagpack.yaml"), "--network", "regtest"], cancellationToken);
        using var output = new StringWriter();
        using var error = new StringWriter();
        if (await CliApp.RunAsync(["--data", data, "model", "train", "--truth", sim], output, error) != 0)
        {
            throw new InvalidOperationException($"chaintrace model train failed: {error}");
        }

        var trained = Directory.GetDirectories(Path.Combine(data, "models", "risk"), "v*").Order(StringComparer.Ordinal).Last();
        CopyDirectory(trained, Path.Combine(installed, Path.GetFileName(trained)));
        ModelChanged = true;
        Console.WriteLine($"model trained on a risk economy and installed, {clock.Elapsed.TotalSeconds:F1} s: {output.ToString().Trim()}");
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    /// <summary>The bulk exposure + score pass over the whole store, progress on stderr.</summary>
    public async Task<RiskRefreshSummary> RefreshAsync(CancellationToken cancellationToken)
    {
        var data = new DataDirectory(new DirectoryInfo(Data));
        var labels = await data.OpenLabelsAsync(cancellationToken);
        await using var graph = await ChainTrace.Storage.Sqlite.SqliteGraphStore.OpenAsync(Path.Combine(Data, "graph.db"), cancellationToken);
        Refresh = await RiskRefresh.RunAsync(Data, graph, labels, new ExposureOptions(), Progress(), cancellationToken, full: true);
        Console.WriteLine(Refresh.Line());
        return Refresh;
    }

    /// <summary>Progress on stderr: each phase's start and every tenth of it, with the seconds since the start.</summary>
    private static SyncProgress<(string Phase, long Done, long Total)> Progress()
    {
        var lastPhase = "";
        var nextTenth = 0L;
        var clock = Stopwatch.StartNew();
        return new SyncProgress<(string Phase, long Done, long Total)>(p =>
        {
            if (p.Phase != lastPhase || p.Done >= nextTenth)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"risk refresh: {p.Phase} {p.Done}/{p.Total} at {clock.Elapsed.TotalSeconds:F1} s"));
                nextTenth = p.Phase != lastPhase ? Math.Max(1, p.Total / 10) : p.Done + Math.Max(1, p.Total / 10);
                lastPhase = p.Phase;
            }
        });
    }

    /// <summary>
    /// The incremental refresh over the last <paramref name="blocks"/> blocks: the store is rolled back by that many
    /// blocks and the read model cut back (refresh after the rollback: <c>Cut</c>), then those blocks are ingested again
    /// (refresh after them: <c>Grown</c>). Each refresh continues the one before; the store ends where it began.
    /// </summary>
    public async Task<(RiskRefreshSummary Cut, RiskRefreshSummary Grown)> IncrementalAsync(int blocks, CancellationToken cancellationToken)
    {
        await using (var graph = await ChainTrace.Storage.Sqlite.SqliteGraphStore.OpenAsync(Path.Combine(Data, "graph.db"), cancellationToken))
        {
            var tip = await graph.GetTipAsync(ChainTrace.Core.Chains.Chain.Btc, cancellationToken) ?? throw new InvalidOperationException("the store has no Bitcoin blocks");
            await graph.RollbackToAsync(ChainTrace.Core.Chains.Chain.Btc, tip.Height - blocks, cancellationToken);
        }

        var labels = await new DataDirectory(new DirectoryInfo(Data)).OpenLabelsAsync(cancellationToken);
        await CliAsync(["--data", Data, "cluster", "update"], cancellationToken);
        RiskRefreshSummary cut;
        await using (var graph = await ChainTrace.Storage.Sqlite.SqliteGraphStore.OpenAsync(Path.Combine(Data, "graph.db"), cancellationToken))
        {
            cut = await RiskRefresh.RunAsync(Data, graph, labels, new ExposureOptions(), Progress(), cancellationToken);
        }

        Console.WriteLine(cut.Line());
        await CliAsync(["--data", Data, "ingest", "btc", "--blocks-dir", Path.Combine(Sim, "btc", "blocks"), "--network", "regtest", "--no-cluster"], cancellationToken);
        await CliAsync(["--data", Data, "cluster", "update"], cancellationToken);
        await using var reopened = await ChainTrace.Storage.Sqlite.SqliteGraphStore.OpenAsync(Path.Combine(Data, "graph.db"), cancellationToken);
        var grown = await RiskRefresh.RunAsync(Data, reopened, labels, new ExposureOptions(), Progress(), cancellationToken);
        Console.WriteLine(grown.Line());
        return (cut, grown);
    }

    /// <summary>
    /// Reads the files a screening touches (the stored refresh, the label database, the read model's arrays) once,
    /// so the measurement is of a warm service and not of this shared machine's disk (a service answering all day
    /// has them in the page cache).
    /// </summary>
    public long WarmPageCache()
    {
        long bytes = 0;
        var files = new[] { Path.Combine(Data, "risk", "btc.db"), Path.Combine(Data, "labels.db"), Path.Combine(Data, "labels.db-wal") }
            .Concat(Directory.EnumerateFiles(Path.Combine(Data, "index"), "*", SearchOption.AllDirectories));
        foreach (var file in files.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20);
            stream.CopyTo(Stream.Null);
            bytes += stream.Length;
        }

        return bytes;
    }

    /// <summary>Up to <paramref name="count"/> Bitcoin addresses of the economy (the simulator's truth), evenly spread.</summary>
    public List<string> SampleAddresses(int count)
    {
        var all = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(Sim, "truth", "addresses.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.GetProperty("chain").GetString() == "btc")
            {
                all.Add(doc.RootElement.GetProperty("address").GetString()!);
            }
        }

        var step = Math.Max(1, all.Count / count);
        return all.Where((_, i) => i % step == 0).Take(count).ToList();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_keep && Directory.Exists(Work))
        {
            Directory.Delete(Work, recursive: true);
        }
    }

    internal static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    internal static async Task CliAsync(string[] args, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var error = new StringWriter();
        if (await CliApp.RunAsync(args, TextWriter.Null, error) != 0)
        {
            throw new InvalidOperationException($"chaintrace {string.Join(' ', args)} failed: {error}");
        }
    }
}
