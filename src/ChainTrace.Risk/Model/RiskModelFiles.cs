using System.Globalization;
using System.Text.Json;
using Microsoft.ML;

namespace ChainTrace.Risk.Model;

/// <summary>
/// Versioned models on disk: <c>DATA/models/risk/v0001/</c> holds <c>model.zip</c> (ML.NET), <c>medians.json</c>
/// (what explanations compare against) and <c>metrics.json</c> (its held-out evaluation). The highest version is
/// current; a new training writes the next one and never touches the old.
/// </summary>
public static class RiskModelFiles
{
    public static string Root(string dataDirectory) => Path.Combine(dataDirectory, "models", "risk");

    public static string? CurrentDirectory(string dataDirectory)
    {
        var root = Root(dataDirectory);
        return Directory.Exists(root)
            ? Directory.GetDirectories(root, "v*").Where(d => File.Exists(Path.Combine(d, "metrics.json"))).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
    }

    public static string VersionOf(string directory) => "risk-" + Path.GetFileName(directory);

    public static string Save(string dataDirectory, MLContext ml, ITransformer model, float[] medians, Func<string, ModelMetrics> metrics)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(metrics);
        var root = Root(dataDirectory);
        Directory.CreateDirectory(root);
        var next = Directory.GetDirectories(root, "v*").Length + 1;
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
        File.WriteAllText(Path.Combine(temp, "metrics.json"), JsonSerializer.Serialize(metrics(VersionOf(directory)), Storage.RiskStore.Json));
        Directory.Move(temp, directory);
        return directory;
    }

    public static ModelMetrics? LoadMetrics(string directory) =>
        JsonSerializer.Deserialize<ModelMetrics>(File.ReadAllText(Path.Combine(directory, "metrics.json")), Storage.RiskStore.Json);

    public static RiskModel? TryLoadCurrent(string dataDirectory) =>
        CurrentDirectory(dataDirectory) is { } dir ? Load(dir) : null;

    public static RiskModel Load(string directory)
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Model.Load(Path.Combine(directory, "model.zip"), out _);
        var medians = JsonSerializer.Deserialize<float[]>(File.ReadAllText(Path.Combine(directory, "medians.json")))!;
        return new RiskModel(ml, model, VersionOf(directory), medians);
    }
}
