using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using NBitcoin;
using Xunit.Abstractions;

namespace ChainTrace.Web.Tests;

/// <summary>
/// <c>GET /v1/trends</c> against an independent computation: the demo's Bitcoin blocks parsed by NBitcoin and its
/// Ethereum traces and blocks read from the blockchain-etl export with a JSON parser (not our parsers), each address's
/// category and cluster taken from the label API, and the README's rule applied here in a few lines.
/// </summary>
[Collection("web")]
[Trait("Category", "Integration")]
public sealed class TrendsApiTests(WebFixture web, ITestOutputHelper output)
{
    private static readonly string[] Severities = ["none", "low", "medium", "high", "severe"];

    [Fact]
    public async Task Trends_EqualTheValuePaidIntoEachCategory_ComputedFromTheBlocks()
    {
        using var api = web.Api();
        var blocks = DemoBlocks.Read(web.Data);
        var addresses = blocks.SelectMany(b => b.Block.Transactions).SelectMany(t => t.Outputs)
            .Select(o => o.ScriptPubKey.GetDestinationAddress(Network.RegTest)?.ToString()).OfType<string>().Distinct().ToList();
        var facts = await LabelFactsAsync(api, "btc", addresses);

        // Expected, per UTC day: source any, source flagged, source ransomware.
        var expected = new Dictionary<string, Dictionary<(string Day, string Category), long>> { ["any"] = [], ["flagged"] = [], ["ransomware"] = [] };
        var coins = new Dictionary<OutPoint, (long Value, string? Address)>();
        foreach (var (block, day, _) in blocks)
        {
            foreach (var tx in block.Transactions)
            {
                long known = 0, flagged = 0, ransomware = 0;
                var payers = new HashSet<string>();
                if (!tx.IsCoinBase)
                {
                    foreach (var input in tx.Inputs)
                    {
                        var (value, address) = coins[input.PrevOut];
                        known += value;
                        if (address is null)
                        {
                            continue;
                        }

                        payers.Add(facts[address].Cluster);
                        flagged += facts[address].Severity >= 3 ? value : 0;
                        ransomware += facts[address].Category == "ransomware" ? value : 0;
                    }
                }

                for (var i = 0; i < tx.Outputs.Count; i++)
                {
                    var address = tx.Outputs[i].ScriptPubKey.GetDestinationAddress(Network.RegTest)?.ToString();
                    var value = tx.Outputs[i].Value.Satoshi;
                    coins[new OutPoint(tx, i)] = (value, address);
                    if (address is null || facts[address].Category is not { } category || value == 0 || payers.Contains(facts[address].Cluster))
                    {
                        continue;
                    }

                    Add(expected["any"], (day, category), value);
                    if (known > 0)
                    {
                        Add(expected["flagged"], (day, category), (long)((Int128)value * flagged / known));
                        Add(expected["ransomware"], (day, category), (long)((Int128)value * ransomware / known));
                    }
                }
            }
        }

        foreach (var (source, sums) in expected)
        {
            var answer = await api.GetFromJsonAsync<JsonElement>($"/v1/trends?chain=btc&bucket=day&source={source}");
            var actual = new Dictionary<(string, string), long>();
            foreach (var bucket in answer.GetProperty("buckets").EnumerateArray())
            {
                Assert.Equal(bucket.GetProperty("start").GetString(), bucket.GetProperty("end").GetString());
                foreach (var value in bucket.GetProperty("values").EnumerateObject())
                {
                    actual[(bucket.GetProperty("start").GetString()!, value.Name)] = long.Parse(value.Value.GetString()!, CultureInfo.InvariantCulture);
                }
            }

            var nonZero = sums.Where(s => s.Value > 0).ToDictionary();
            output.WriteLine($"source={source}: {nonZero.Count} (day, category) cells, e.g. {string.Join(", ", nonZero.OrderByDescending(s => s.Value).Take(3).Select(s => $"{s.Key.Day} {s.Key.Category} {s.Value}"))}");
            Assert.NotEmpty(nonZero);
            Assert.Equal(nonZero.OrderBy(s => s.Key).ToList(), actual.OrderBy(s => s.Key).ToList());
        }

        // Weeks are the days summed, Monday first.
        var weeks = await api.GetFromJsonAsync<JsonElement>("/v1/trends?chain=btc&bucket=week&source=flagged");
        var weekly = weeks.GetProperty("buckets").EnumerateArray().ToList();
        Assert.All(weekly, w => Assert.Equal(DayOfWeek.Monday, DateOnly.Parse(w.GetProperty("start").GetString()!, CultureInfo.InvariantCulture).DayOfWeek));
        Assert.Equal(expected["flagged"].Where(s => s.Key.Category == "exchange").Sum(s => s.Value),
            weekly.Sum(w => w.GetProperty("values").TryGetProperty("exchange", out var v) ? long.Parse(v.GetString()!, CultureInfo.InvariantCulture) : 0));
    }

    [Fact]
    public async Task EthTrends_EqualTheNativeEtherTransferredIntoEachCategory_ComputedFromTheExport()
    {
        using var api = web.Api();
        var etl = Path.Combine(web.Data, "demo", "eth", "etl");
        var days = new Dictionary<long, string>();
        foreach (var line in File.ReadLines(Path.Combine(etl, "blocks.json")))
        {
            using var block = JsonDocument.Parse(line);
            var time = DateTimeOffset.FromUnixTimeSeconds(block.RootElement.GetProperty("timestamp").GetInt64());
            days[block.RootElement.GetProperty("number").GetInt64()] = time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        // Native ether moves in the successful calls (the transaction's own call and its internal calls); token transfers are not counted.
        var moves = new List<(string Day, string From, string To, BigInteger Value)>();
        foreach (var line in File.ReadLines(Path.Combine(etl, "traces.json")))
        {
            using var trace = JsonDocument.Parse(line);
            var t = trace.RootElement;
            var value = BigInteger.Parse(t.GetProperty("value").GetRawText(), CultureInfo.InvariantCulture);
            if (t.GetProperty("status").GetInt32() == 1 && t.GetProperty("to_address").GetString() is { } to && value > 0)
            {
                moves.Add((days[t.GetProperty("block_number").GetInt64()], t.GetProperty("from_address").GetString()!, to, value));
            }
        }

        var facts = await LabelFactsAsync(api, "eth", moves.SelectMany(m => new[] { m.From, m.To }).Distinct().ToList());
        var reached = moves.Where(m => facts[m.To].Category is not null && facts[m.From].Cluster != facts[m.To].Cluster).ToList();
        var flaggedSource = reached.Where(m => facts[m.From].Severity >= 3).GroupBy(m => facts[m.From].Category!).OrderByDescending(g => g.Count()).First().Key;
        var expected = new Dictionary<string, Func<(string Day, string From, string To, BigInteger Value), bool>>
        {
            ["any"] = _ => true,
            ["flagged"] = m => facts[m.From].Severity >= 3,
            [flaggedSource] = m => facts[m.From].Category == flaggedSource,
        };
        foreach (var (source, counts) in expected)
        {
            var sums = reached.Where(counts).GroupBy(m => (m.Day, facts[m.To].Category!)).ToDictionary(g => g.Key, g => g.Aggregate(BigInteger.Zero, (s, m) => s + m.Value));
            var answer = await api.GetFromJsonAsync<JsonElement>($"/v1/trends?chain=eth&bucket=day&source={source}");
            Assert.Equal("eth", answer.GetProperty("asset").GetString());
            Assert.Equal(18, answer.GetProperty("decimals").GetInt32());
            var actual = new Dictionary<(string, string), BigInteger>();
            foreach (var bucket in answer.GetProperty("buckets").EnumerateArray())
            {
                foreach (var value in bucket.GetProperty("values").EnumerateObject())
                {
                    actual[(bucket.GetProperty("start").GetString()!, value.Name)] = BigInteger.Parse(value.Value.GetString()!, CultureInfo.InvariantCulture);
                }
            }

            output.WriteLine($"eth source={source}: {sums.Count} (day, category) cells, e.g. {string.Join(", ", sums.OrderByDescending(s => s.Value).Take(3).Select(s => $"{s.Key.Day} {s.Key.Item2} {s.Value} wei"))}");
            Assert.NotEmpty(sums);
            Assert.Equal(sums.OrderBy(s => s.Key).ToList(), actual.OrderBy(s => s.Key).ToList());
        }

        // A deposit address's sweep into its exchange's hot wallet stays inside the exchange's cluster: the flow into exchanges is the deposits, counted once.
        Assert.Contains(moves, m => facts[m.To].Category == "exchange" && facts[m.From].Category == "exchange" && facts[m.From].Cluster == facts[m.To].Cluster);
        var weeks = await api.GetFromJsonAsync<JsonElement>("/v1/trends?chain=eth&bucket=week&source=any");
        Assert.Equal(reached.Aggregate(BigInteger.Zero, (s, m) => s + m.Value),
            weeks.GetProperty("totals").EnumerateObject().Aggregate(BigInteger.Zero, (s, t) => s + BigInteger.Parse(t.Value.GetString()!, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("chain=btc&bucket=month", 400, "invalid-parameter")]
    [InlineData("chain=btc&from=2023-13-01", 400, "invalid-parameter")]
    [InlineData("chain=btc&from=2023-11-15&to=2023-11-14", 400, "invalid-parameter")]
    [InlineData("chain=btc&from=1900-01-01&to=2023-11-14", 400, "invalid-parameter")]
    [InlineData("chain=btc&source=bananas", 400, "unknown-category")]
    [InlineData("chain=doge", 400, "unknown-chain")]
    [InlineData("chain=eth&bucket=month", 400, "invalid-parameter")]
    [InlineData("chain=eth&source=bananas", 400, "unknown-category")]
    public async Task Trends_RefuseBadParameters_WithACode(string query, int status, string code)
    {
        using var api = web.Api();
        using var answer = await api.GetAsync($"/v1/trends?{query}");
        Assert.Equal((HttpStatusCode)status, answer.StatusCode);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Trends_AreAudited_AndNeedAReadKey()
    {
        using var exchange = web.Api(web.ExchangeKey);
        using var refused = await exchange.GetAsync("/v1/trends?chain=btc");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var api = web.Api();
        (await api.GetAsync("/v1/trends?chain=btc&bucket=week")).Dispose();
        using var admin = web.Api(web.AdminKey);
        var audit = await admin.GetFromJsonAsync<JsonElement>("/v1/audit?subject=trends&limit=100");
        Assert.Contains(audit.GetProperty("entries").EnumerateArray(), e => e.GetRawText().Contains("\"trends\"", StringComparison.Ordinal));
    }

    private static void Add(Dictionary<(string, string), long> sums, (string, string) key, long value) =>
        sums[key] = sums.GetValueOrDefault(key) + value;

    /// <summary>Each address's strongest tracked label (severity, then confidence, as the README says) and its cluster, as the label API states them.</summary>
    private static async Task<Dictionary<string, (string? Category, int Severity, string Cluster)>> LabelFactsAsync(HttpClient api, string chain, List<string> addresses)
    {
        var facts = new System.Collections.Concurrent.ConcurrentDictionary<string, (string?, int, string)>();
        await Parallel.ForEachAsync(addresses, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (address, ct) =>
        {
            JsonElement labels;
            while (true)
            {
                using var response = await api.GetAsync($"/v1/addresses/{chain}/{address}/labels", ct);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    await Task.Delay(200, ct);
                    continue;
                }

                labels = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                break;
            }

            var strongest = labels.GetProperty("labels").EnumerateArray()
                .Select(l => (Category: l.GetProperty("category").GetString()!, Severity: Array.IndexOf(Severities, l.GetProperty("severity").GetString()), Confidence: l.GetProperty("confidence").GetProperty("level").GetInt32()))
                .Where(l => l.Severity > 0)
                .OrderByDescending(l => l.Severity).ThenByDescending(l => l.Confidence).FirstOrDefault();
            var cluster = labels.GetProperty("cluster").ValueKind == JsonValueKind.Number ? "c" + labels.GetProperty("cluster").GetInt64() : "a" + address;
            facts[address] = (strongest.Category, strongest.Severity, cluster);
        });
        return new Dictionary<string, (string?, int, string)>(facts);
    }
}
