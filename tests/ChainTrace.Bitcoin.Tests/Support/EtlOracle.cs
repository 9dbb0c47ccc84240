using System.Text.Json;
using ChainTrace.TestSupport;

namespace ChainTrace.Bitcoin.Tests.Support;

/// <summary>bitcoin-etl's NDJSON exports, derived from the recorded RPC responses: an independent oracle.</summary>
internal static class EtlOracle
{
    public static List<JsonElement> Read(string folder, string file) =>
        [.. File.ReadLines(SharedData.Path("bitcoin", "rpc", "bitcoin-etl", folder, file))
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonDocument.Parse(l).RootElement)];
}
