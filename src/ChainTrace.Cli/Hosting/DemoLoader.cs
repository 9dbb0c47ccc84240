using System.Text.Json;
using ChainTrace.Bitcoin.Blocks;
using ChainTrace.Cli.Commands;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ingest;
using ChainTrace.Core.Labels;
using ChainTrace.Index.Labels;
using ChainTrace.Labels.Formats;
using ChainTrace.Labels.Import;
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

    public static async Task<bool> LoadIfEmptyAsync(DataDirectory data, SqliteGraphStore store, TextWriter log, CancellationToken cancellationToken)
    {
        foreach (var chain in Enum.GetValues<Chain>())
        {
            if (await store.GetTipAsync(chain, cancellationToken) is not null)
            {
                return false;
            }
        }

        var directory = Path.Combine(data.Path, "demo");
        log.WriteLine($"empty store: generating the demo data set (scenario demo, seed {Seed}) into {directory} ...");
        var summary = await Simulator.Simulator.RunAsync(new SimulationOptions { Scenario = "demo", Seed = Seed, OutDir = directory }, cancellationToken);

        var btcSource = new BlocksDirectorySource(new BlocksDirectorySourceOptions(Path.Combine(directory, "btc", "blocks"), Network.Regtest));
        var btc = await new UtxoIngestor(store, btcSource).RunAsync(new UtxoIngestOptions(), null, cancellationToken);
        log.WriteLine(IngestCommand.SummaryLine("btc", btcSource.Description, btc));
        await EthDemo.IngestAsync(directory, store, log, cancellationToken);
        foreach (var chain in new[] { Chain.Btc, Chain.Eth })
        {
            await ClusterStep.RunAsync(data, store, chain, null, log, TextWriter.Null, cancellationToken);
        }

        // After clustering, so the TagPack's cluster-defining tags reach the clusters they define.
        using var clusters = data.OpenClusters(store);
        var tagPack = Path.Combine(directory, "labels", "tagpack.yaml");
        var labels = await new LabelImporter(await data.OpenLabelsAsync(cancellationToken), new ClusterOfAddress(clusters)).ImportAsync(
            [LabelInput.FromFile(tagPack)], new LabelImportOptions(LabelFormat.TagPack, OnErrorPolicy.Reject, Network.Regtest), null, cancellationToken);
        log.WriteLine($"labels from {tagPack}: {labels.SummaryLine()}");

        log.WriteLine($"demo loaded: {summary.Entities} entities, {summary.Addresses} addresses; ground truth in {Path.Combine(directory, "truth")}, labels in {Path.Combine(directory, "labels", "tagpack.yaml")}");
        foreach (var (category, address) in ExampleAddresses(directory))
        {
            log.WriteLine($"  try ({category}): /v1/addresses/{address}  (and /v1/addresses/{address}/labels)");
            var chain = ChainCodes.Parse(address[..address.IndexOf('/', StringComparison.Ordinal)]);
            var parsed = Core.Addresses.Address.Parse(chain, address[(address.IndexOf('/', StringComparison.Ordinal) + 1)..], Network.Regtest);
            if (category == "exchange" && await clusters.GetClusterIdAsync(parsed, cancellationToken) is { } id)
            {
                log.WriteLine($"  try ({category} cluster): /v1/clusters/{chain.ToCode()}/{id} and /v1/clusters/{chain.ToCode()}/{id}/links");
            }
        }

        return true;
    }

    /// <summary>One address per chain of a few telling categories, from the simulator's ground truth: "chain/address".</summary>
    private static IEnumerable<(string Category, string Address)> ExampleAddresses(string directory)
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
