using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChainTrace.TestSupport.Ethereum;

/// <summary>
/// A mev-inspect-py block file (Parity <c>trace_block</c> entries and reduced receipts of one mainnet block) written
/// as a blockchain-etl export, so the real block goes in through <c>ingest eth --etl</c> like any export: the
/// transactions are the top-level trace frames (what the block lists), fees come from the receipts' gas used and
/// effective gas price. The file has no block hash chain or time: parent hash zero, time 0.
/// </summary>
public static class MevInspectEtl
{
    public static void Write(string mevInspectFile, string directory)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(mevInspectFile));
        var root = doc.RootElement;
        var number = root.GetProperty("block_number").GetInt64();
        var traces = root.GetProperty("traces").EnumerateArray().ToList();
        var receipts = root.GetProperty("receipts").EnumerateArray().ToDictionary(r => r.GetProperty("transaction_hash").GetString()!);
        Directory.CreateDirectory(directory);
        var blockHash = traces.Select(t => t.GetProperty("block_hash").GetString()).First(h => h is not null)!;
        Lines(directory, "blocks", [new JsonObject
        {
            ["number"] = number, ["hash"] = blockHash, ["parent_hash"] = "0x" + new string('0', 64), ["timestamp"] = 0,
            ["miner"] = root.GetProperty("miner").GetString()!.ToLowerInvariant(),
        }]);
        var txs = new List<JsonObject>();
        var receiptRows = new List<JsonObject>();
        var traceRows = new List<JsonObject>();
        foreach (var t in traces)
        {
            var action = t.GetProperty("action");
            var type = t.GetProperty("type").GetString()!;
            var address = t.GetProperty("trace_address").EnumerateArray().Select(e => e.GetInt32()).ToList();
            var hash = t.GetProperty("transaction_hash").GetString();
            var position = t.GetProperty("transaction_position") is { ValueKind: JsonValueKind.Number } p ? p.GetInt32() : (int?)null;
            var (from, to, value) = type switch
            {
                "suicide" => (Text(action, "address"), Text(action, "refundAddress"), Text(action, "balance")),
                "reward" => (null, Text(action, "author"), Text(action, "value")),
                "create" => (Text(action, "from"), t.GetProperty("result") is { ValueKind: JsonValueKind.Object } r ? Text(r, "address") : null, Text(action, "value")),
                _ => (Text(action, "from"), Text(action, "to"), Text(action, "value")),
            };
            var error = t.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            traceRows.Add(new JsonObject
            {
                ["block_number"] = number, ["transaction_hash"] = hash, ["transaction_index"] = position, ["from_address"] = from, ["to_address"] = to,
                ["value"] = Decimal(value), ["trace_type"] = type, ["call_type"] = Text(action, "callType") ?? Text(action, "rewardType"),
                ["trace_address"] = new JsonArray(address.Select(a => (JsonNode)a).ToArray()), ["error"] = error,
            });
            if (hash is null || address.Count != 0)
            {
                continue;
            }

            var receipt = receipts[hash];
            var price = receipt.GetProperty("effective_gas_price").GetInt64().ToString(CultureInfo.InvariantCulture);
            txs.Add(new JsonObject
            {
                ["hash"] = hash, ["block_number"] = number, ["transaction_index"] = position, ["from_address"] = from,
                ["to_address"] = type == "create" ? null : to, ["value"] = Decimal(value), ["gas"] = Decimal(Text(action, "gas")), ["gas_price"] = price,
            });
            receiptRows.Add(new JsonObject
            {
                ["transaction_hash"] = hash, ["block_number"] = number, ["gas_used"] = receipt.GetProperty("gas_used").GetInt64(), ["effective_gas_price"] = price,
                ["contract_address"] = type == "create" ? to : null,
            });
        }

        Lines(directory, "transactions", txs);
        Lines(directory, "receipts", receiptRows);
        Lines(directory, "traces", traceRows);
    }

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()!.ToLowerInvariant() : null;

    private static string Decimal(string? hex) =>
        hex is null ? "0" : BigInteger.Parse("0" + hex[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

    private static void Lines(string directory, string table, IEnumerable<JsonObject> rows) =>
        File.WriteAllLines(Path.Combine(directory, table + ".json"), rows.Select(r => r.ToJsonString()));
}
