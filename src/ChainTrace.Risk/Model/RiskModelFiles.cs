using System.Globalization;
using System.Text.Json;
using ChainTrace.Core.Chains;
using Microsoft.ML;

namespace ChainTrace.Risk.Model;

/// <summary>
/// Versioned models on disk, one series per chain (their features differ): <c>DATA/models/risk/v0001/</c> (Bitcoin)
/// and <c>DATA/models/risk-eth/v0001/</c> (Ethereum) hold <c>model.zip</c> (ML.NET), <c>medians.json</c> (what
/// explanations compare against), <c>features.json</c> (the input columns' names; a model saved without it is a
/// Bitcoin one) and <c>metrics.json</c> (its held-out evaluation). The highest version is current; a new training
/// writes the next one and never touches the old.
/// </summary>
public static class RiskModelFiles
{
    public static string Root(string dataDirectory, Chain chain = Chain.Btc) =>
        Path.Combine(dataDirectory, "models", chain == Chain.Btc ? "risk" : "risk-" + chain.ToCode());

    public static string? CurrentDirectory(string dataDirectory, Chain chain = Chain.Btc)
    {
        var root = Root(dataDirectory, chain);
        return Directory.Exists(root)
            ? Directory.GetDirectories(root, "v*").Where(d => File.Exists(Path.Combine(d, "metrics.json"))).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
    }

    /// <summary><c>risk-v0001</c> (Bitcoin), <c>risk-eth-v0001</c> (Ethereum): the series' folder and the version's.</summary>
    public static string VersionOf(string directory) =>
        Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar))) + "-" + Path.GetFileName(directory.TrimEnd(Path.DirectorySeparatorChar));

    public static string Save(string dataDirectory, MLContext ml, ITransformer model, float[] medians, Func<string, ModelMetrics> metrics, Chain chain = Chain.Btc)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(metrics);
        var root = Root(dataDirectory, chain);
        Directory.CreateDirectory(root);
        var next = Directory.GetDirectories(root, "v*").Count(d => !d.EndsWith(".tmp", StringComparison.Ordinal)) + 1;
        var directory = Path.Combine(root, "v" + next.ToString("0000", CultureInfo.InvariantCulture));
        var temp = directory + ".tmp";
        if (Directory.Exists(temp))
        {
            Directory.Delete(temp, recursive: true);
        }

        Directory.CreateDirectory(temp);
        var schema = ml.Data.LoadFromEnumerable(Array.Empty<FeatureRow>()).Schema;
        ml.Model.Save(model, schema, Path.Combine(temp, "model.zip"));
        File.WriteAllText(Path.Combine(temp, "medians.json"), JsonSerializer.Serialize(medians));
        File.WriteAllText(Path.Combine(temp, "features.json"), JsonSerializer.Serialize(FeatureNamesOf(chain)));
        File.WriteAllText(Path.Combine(temp, "metrics.json"), JsonSerializer.Serialize(metrics(VersionOf(directory)), Storage.RiskStore.Json));
        Directory.Move(temp, directory);
        return directory;
    }

    /// <summary>The input columns of a chain's model.</summary>
    public static IReadOnlyList<string> FeatureNamesOf(Chain chain) => chain == Chain.Eth ? EthFeatureExtractor.Names : FeatureExtractor.Names;

    public static ModelMetrics? LoadMetrics(string directory) =>
        JsonSerializer.Deserialize<ModelMetrics>(File.ReadAllText(Path.Combine(directory, "metrics.json")), Storage.RiskStore.Json);

    public static RiskModel? TryLoadCurrent(string dataDirectory, Chain chain = Chain.Btc) =>
        CurrentDirectory(dataDirectory, chain) is { } dir ? Load(dir) : null;

    public static RiskModel Load(string directory)
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Model.Load(Path.Combine(directory, "model.zip"), out _);
        var medians = JsonSerializer.Deserialize<float[]>(File.ReadAllText(Path.Combine(directory, "medians.json")))!;
        var namesFile = Path.Combine(directory, "features.json");
        var names = File.Exists(namesFile) ? JsonSerializer.Deserialize<string[]>(File.ReadAllText(namesFile))! : FeatureExtractor.Names;
        if (names.Count != medians.Length)
        {
            throw new InvalidDataException($"{directory}: {names.Count} feature names for {medians.Length} inputs");
        }

        return new RiskModel(ml, model, VersionOf(directory), medians, names);
    }
}
