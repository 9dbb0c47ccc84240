using ChainTrace.Core.Labels;
using ChainTrace.Labels.Import;
using ChainTrace.Labels.Storage;
using ChainTrace.TestSupport;

namespace ChainTrace.Labels.Tests;

/// <summary>The shared real label files, and an import into a fresh label store of a test's own.</summary>
internal static class LabelFiles
{
    public static string TagPack(string name) => SharedData.Path("labels", "graphsense-tagpacks", "packs", name);

    public static string ActorPack => SharedData.Path("labels", "graphsense-tagpacks", "actors", "graphsense.actorpack.yaml");

    public static string Ofac(string name) => SharedData.Path("labels", "ofac-0xB10C", name);

    public static string Etherscan(string name) => SharedData.Path("labels", "etherscan-labels-brianleect", "accounts", name);

    public static IEnumerable<string> AllTagPacks => Directory.GetFiles(SharedData.Path("labels", "graphsense-tagpacks", "packs"), "*.yaml").Order(StringComparer.Ordinal);

    public static ParsedLabelFile Parse(string path, Core.Chains.Network network = Core.Chains.Network.Main)
    {
        var text = File.ReadAllText(path);
        var format = Formats.FormatDetector.Detect(path, text) ?? throw new InvalidOperationException($"no format for {path}");
        return LabelImporter.Parse(path, text, format, new LabelReadOptions(network));
    }

    public static async Task<LabelImportSummary> ImportAsync(ILabelStore store, OnErrorPolicy policy, params string[] paths) =>
        await new LabelImporter(store).ImportAsync(
            paths.Select(LabelInput.FromFile).ToList(), new LabelImportOptions(OnError: policy), null, CancellationToken.None);

    public static Task<SqliteLabelStore> OpenStoreAsync(TempDir temp) => SqliteLabelStore.OpenAsync(temp.File("labels.db"), CancellationToken.None);
}
