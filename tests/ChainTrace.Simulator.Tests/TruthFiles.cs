using System.Text.Json;

namespace ChainTrace.Simulator.Tests;

/// <summary>Reads the truth JSON Lines files back as plain JSON, independent of the writer's types.</summary>
internal static class TruthFiles
{
    public static List<JsonElement> Read(string path) =>
        File.ReadLines(path).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    public static List<JsonElement> Truth(string outDir, string name) => Read(Path.Combine(outDir, "truth", name));
}
