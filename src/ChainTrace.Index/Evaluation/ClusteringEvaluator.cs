using System.Text.Json;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;

namespace ChainTrace.Index.Evaluation;

/// <summary>
/// Scores clusters against a simulator truth directory (<c>addresses.jsonl</c>: chain, address, entity_id). Only
/// truth addresses the read model has seen count (an address never used on chain cannot be clustered). Pairs are
/// counted per (cluster, entity) cell, so the cost is linear in the addresses.
/// </summary>
public static class ClusteringEvaluator
{
    /// <param name="clusterOf">The predicted cluster of an address, null when the read model has not seen it.</param>
    public static ClusteringScore Score(string truthDirectory, Chain chain, Network network, Func<Address, long?> clusterOf)
    {
        ArgumentNullException.ThrowIfNull(clusterOf);
        var path = Path.Combine(truthDirectory, "addresses.jsonl");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such truth file (expected a simulator truth directory)", path);
        }

        var cells = new Dictionary<(long Cluster, long Entity), long>();
        var clusters = new Dictionary<long, long>();
        var entities = new Dictionary<long, long>();
        var lineNumber = 0;
        var code = chain.ToCode();
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var (lineChain, text, entity) = ParseLine(path, lineNumber, line);
            if (lineChain != code)
            {
                continue;
            }

            Address address;
            try
            {
                address = Address.Parse(chain, text, network);
            }
            catch (AddressFormatException ex)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: {ex.Message}", ex);
            }

            if (clusterOf(address) is not { } cluster)
            {
                continue;
            }

            cells[(cluster, entity)] = cells.GetValueOrDefault((cluster, entity)) + 1;
            clusters[cluster] = clusters.GetValueOrDefault(cluster) + 1;
            entities[entity] = entities.GetValueOrDefault(entity) + 1;
        }

        double Pairs(long n) => n * (n - 1) / 2.0;
        var truePositive = cells.Values.Sum(Pairs);
        var predictedPairs = clusters.Values.Sum(Pairs);
        var truePairs = entities.Values.Sum(Pairs);
        return new ClusteringScore(
            predictedPairs == 0 ? 1 : truePositive / predictedPairs,
            truePairs == 0 ? 1 : truePositive / truePairs,
            clusters.Count, entities.Count,
            clusters.Count == 0 ? 0 : clusters.Values.Max(), entities.Count == 0 ? 0 : entities.Values.Max(),
            clusters.Values.Sum());
    }

    private static (string Chain, string Address, long Entity) ParseLine(string path, int lineNumber, string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return (root.GetProperty("chain").GetString()!, root.GetProperty("address").GetString()!, root.GetProperty("entity_id").GetInt64());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}:{lineNumber}: not a truth line (chain, address, entity_id): {ex.Message}", ex);
        }
    }
}
