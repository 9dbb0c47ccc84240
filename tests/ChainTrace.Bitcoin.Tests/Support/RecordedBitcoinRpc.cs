using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChainTrace.TestSupport;

namespace ChainTrace.Bitcoin.Tests.Support;

/// <summary>
/// Answers Bitcoin Core JSON-RPC POSTs from bitcoin-etl's recorded bare results
/// (<c>rpc_response_&lt;method&gt;_&lt;args&gt;.json</c>), wrapped in the JSON-RPC envelope, behind Basic auth.
/// </summary>
internal sealed class RecordedBitcoinRpc
{
    private readonly Dictionary<string, string> _files;
    private int _failuresLeft;

    public RecordedBitcoinRpc(string expectedCredentials)
    {
        ExpectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(expectedCredentials));
        _files = Directory.EnumerateFiles(SharedData.Path("bitcoin", "rpc", "bitcoin-etl"), "rpc_response_*.json", SearchOption.AllDirectories)
            .GroupBy(Path.GetFileName)
            .ToDictionary(g => g.Key!, g => g.First());
    }

    public string ExpectedAuthorization { get; }

    public long TipHeight { get; init; } = 50_002;

    /// <summary>
    /// When true, <c>getblock … 3</c> is answered by adding <c>prevout</c> objects, taken from the recorded
    /// <c>getrawtransaction</c> results, to the recorded verbosity-2 block (what a v23+ node returns);
    /// otherwise it is refused with error -8 as older nodes do.
    /// </summary>
    public bool SupportsVerbosity3 { get; init; }

    public List<string> Calls { get; } = [];

    /// <summary>Methods answered with an RPC error instead of their recording.</summary>
    public Dictionary<string, (int Code, string Message)> Errors { get; init; } = [];

    public int FailStatus { get; init; } = 503;

    public int FailFirst
    {
        init => _failuresLeft = value;
    }

    public async Task HandleAsync(HttpListenerContext context)
    {
        if (context.Request.Headers["Authorization"] != ExpectedAuthorization)
        {
            context.Response.StatusCode = 401;
            return;
        }

        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            context.Response.StatusCode = FailStatus;
            await LocalHttpServer.WriteAsync(context.Response, "<html>unavailable</html>", "text/html");
            return;
        }

        using var reader = new StreamReader(context.Request.InputStream);
        var request = JsonNode.Parse(await reader.ReadToEndAsync())!;
        var method = request["method"]!.GetValue<string>();
        var args = request["params"]!.AsArray().Select(p => p!.ToJsonString().Trim('"')).ToList();
        lock (Calls)
        {
            Calls.Add(string.Join(' ', [method, .. args]));
        }

        var (result, errorCode, errorMessage) = Answer(method, args);
        var envelope = new JsonObject
        {
            ["result"] = result,
            ["error"] = errorCode is null ? null : new JsonObject { ["code"] = errorCode, ["message"] = errorMessage },
            ["id"] = request["id"]?.DeepClone(),
        };

        // Bitcoin Core answers RPC errors with HTTP 500 and the error in the body.
        context.Response.StatusCode = errorCode is null ? 200 : 500;
        await LocalHttpServer.WriteAsync(context.Response, envelope.ToJsonString(), "application/json");
    }

    private (JsonNode? Result, int? Code, string? Message) Answer(string method, List<string> args)
    {
        if (Errors.TryGetValue(method, out var error))
        {
            return (null, error.Code, error.Message);
        }

        if (method == "getblockchaininfo")
        {
            return (new JsonObject { ["chain"] = "main", ["blocks"] = TipHeight }, null, null);
        }

        if (method == "getblock" && args[1] == "3")
        {
            if (!SupportsVerbosity3)
            {
                return (null, -8, "Verbosity must be in range 0..2");
            }

            return (WithPrevouts(Load($"getblock_{args[0]}_2")!), null, null);
        }

        // bitcoin-etl named its verbose getrawtransaction recordings by txid alone.
        var recorded = Load($"{method}_{string.Join('_', args)}")
            ?? (method == "getrawtransaction" && args is [var txid, "true"] ? Load($"{method}_{txid}") : null);
        if (recorded is not null)
        {
            return (recorded, null, null);
        }

        return method == "getblockhash" ? (null, -8, "Block height out of range") : (null, -5, "not found");
    }

    private JsonNode WithPrevouts(JsonNode block)
    {
        foreach (var tx in block["tx"]!.AsArray())
        {
            foreach (var vin in tx!["vin"]!.AsArray())
            {
                if (vin!["txid"] is { } txid && Load($"getrawtransaction_{txid.GetValue<string>()}") is { } prev)
                {
                    var spent = prev["vout"]!.AsArray()[vin["vout"]!.GetValue<int>()]!;
                    vin["prevout"] = new JsonObject
                    {
                        ["generated"] = prev["vin"]!.AsArray()[0]!["coinbase"] is not null,
                        ["value"] = spent["value"]!.DeepClone(),
                        ["scriptPubKey"] = spent["scriptPubKey"]!.DeepClone(),
                    };
                }
            }
        }

        return block;
    }

    private JsonNode? Load(string name) =>
        _files.TryGetValue($"rpc_response_{name}.json", out var path) ? JsonNode.Parse(File.ReadAllText(path)) : null;
}
