using System.Text.Json;
using ChainTrace.Bitcoin.Blocks;
using ChainTrace.Cli.Commands;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ingest;
using ChainTrace.Core.Labels;
using ChainTrace.Index.Labels;
using ChainTrace.Labels.Formats;
using ChainTrace.Labels.Import;
using ChainTrace.Risk;
using ChainTrace.Risk.Exposure;
using ChainTrace.Simulator;
using ChainTrace.Storage.Sqlite;

namespace ChainTrace.Cli.Hosting;

/// <summary>
/// On first start with an empty store, generates the simulator's <c>demo</c> economy under the data directory and
/// ingests it through the same sources as real data, so a newcomer can query something within a minute.
/// </summary>
public static class DemoLoader
{
    public const ulong Seed = 1;

    /// <summary>Written under the demo directory once both chains are loaded.</summary>
    public const string LoadedMarker = "loaded";

    /// <summary>
    /// Loads the demo into an empty store, or finishes a load a previous start left half done (generation, the
    /// Bitcoin part or the Ethereum part: each part resumes from what the store holds). A store holding other
    /// data, or a demo already loaded, is left alone. True when anything was loaded.
    /// </summary>
    public static async Task<bool> LoadIfEmptyAsync(DataDirectory data, SqliteGraphStore store, TextWriter log, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(data.Path, "demo");
        var manifest = Path.Combine(directory, "manifest.json");
        if (File.Exists(Path.Combine(directory, LoadedMarker)))
        {
            return false;
        }

        var resuming = File.Exists(manifest);
        if (!resuming)
        {
            foreach (var chain in Enum.GetValues<Chain>())
            {
                if (await store.GetTipAsync(chain, cancellationToken) is not null)
                {
                    return false;
                }
            }

            // The manifest is written last: without it the files are incomplete and are generated again (same bytes).
            await log.WriteLineAsync($"empty store: generating the demo data set (scenario demo, seed {Seed}) into {directory} ...");
            await Simulator.Simulator.RunAsync(new SimulationOptions { Scenario = "demo", Seed = Seed, OutDir = directory }, cancellationToken);
        }
        else
        {
            await log.WriteLineAsync($"resuming the demo load from {directory} (a previous start did not finish it) ...");
        }

        var btcSource = new BlocksDirectorySource(new BlocksDirectorySourceOptions(Path.Combine(directory, "btc", "blocks"), Network.Regtest));
        var btc = await new UtxoIngestor(store, btcSource).RunAsync(new UtxoIngestOptions(), null, cancellationToken);
        await log.WriteLineAsync(IngestCommand.SummaryLine("btc", btcSource.Description, btc));
        await EthDemo.IngestAsync(directory, store, log, cancellationToken);
        foreach (var chain in new[] { Chain.Btc, Chain.Eth })
        {
            await ClusterStep.RunAsync(data, store, chain, null, log, TextWriter.Null, cancellationToken);
        }

        // Labels after clustering: a label of a cluster-defining kind then reaches the cluster's addresses.
        using var clusters = data.OpenClusters(store);
        var tagPack = Path.Combine(directory, "labels", "tagpack.yaml");
        var labelStore = await data.OpenLabelsAsync(cancellationToken);
        var labels = await new LabelImporter(labelStore, clusters).ImportAsync(
            [LabelInput.FromFile(tagPack)], new LabelImportOptions(LabelFormat.TagPack, OnErrorPolicy.Reject, Network.Regtest), null, cancellationToken);
        await log.WriteLineAsync($"labels from {tagPack}: {labels.SummaryLine()}");

        await log.WriteLineAsync(await DemoModel.TrainIfMissingAsync(data, store, labelStore, Path.Combine(directory, "truth"), cancellationToken));

        // Exposures and scores last (they read the labels and the model), so the demo's risk answers are there from the first call.
        var risk = await RiskRefresh.RunAsync(data.Path, store, labelStore, new ExposureOptions(), null, cancellationToken);
        await log.WriteLineAsync(risk.Line());
        if (Directory.Exists(new Index.Service.ReadModelPaths(data.Path).Eth))
        {
            await log.WriteLineAsync((await EthRiskRefresh.RunAsync(data.Path, labelStore, new ExposureOptions(), null, cancellationToken)).Line());
        }
        await File.WriteAllTextAsync(Path.Combine(directory, LoadedMarker), $"demo seed {Seed} loaded into {data.GraphDatabase}\n", cancellationToken);

        var (entities, addresses) = Counts(manifest);
        await log.WriteLineAsync($"demo loaded: {entities} entities, {addresses} addresses; ground truth in {Path.Combine(directory, "truth")}, labels in {tagPack}");
        return true;
    }

    private static (long Entities, long Addresses) Counts(string manifest)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
        var counts = doc.RootElement.GetProperty("counts");
        return (counts.GetProperty("entities").GetInt64(), counts.GetProperty("addresses").GetInt64());
    }

    /// <summary>One address per chain of a few telling categories, from the simulator's ground truth: "chain/address".</summary>
    public static IEnumerable<(string Category, string Address)> ExampleAddresses(string directory)
    {
        var categories = new Dictionary<long, string>();
        foreach (var line in File.ReadLines(Path.Combine(directory, "truth", "entities.jsonl")))
        {
            using var entity = JsonDocument.Parse(line);
            categories[entity.RootElement.GetProperty("entity_id").GetInt64()] = entity.RootElement.GetProperty("category").GetString()!;
        }

        var wanted = new HashSet<string> { "btc/ransomware", "btc/exchange", "btc/mixing_service", "btc/market", "eth/exchange", "eth/mixing_service", "eth/hacking" };
        foreach (var line in File.ReadLines(Path.Combine(directory, "truth", "addresses.jsonl")))
        {
            using var address = JsonDocument.Parse(line);
            var root = address.RootElement;
            var chain = root.GetProperty("chain").GetString();
            if (categories.TryGetValue(root.GetProperty("entity_id").GetInt64(), out var category) && wanted.Remove($"{chain}/{category}"))
            {
                yield return (category, $"{chain}/{root.GetProperty("address").GetString()}");
            }
        }
    }
}
