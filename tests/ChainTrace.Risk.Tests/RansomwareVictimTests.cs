using System.Text.Json;
using ChainTrace.Core.Access;
using ChainTrace.TestSupport;
using ChainTrace.TestSupport.Api;

namespace ChainTrace.Risk.Tests;

/// <summary>
/// The simulator's <c>ransomware-to-exchange</c> economy through the real pipeline and service: the users who paid
/// the ransom are victims, not the criminals they paid; the ransomware's own addresses stay severe.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RansomwareVictimTests : IAsyncLifetime
{
    private readonly TempDir _temp = new("risk-victims");
    private InProcessApi? _api;
    private List<(string Address, string Category)> _addresses = [];

    public async Task InitializeAsync()
    {
        var sim = _temp.File("sim");
        var data = _temp.File("data");
        await Cli.ScoredEconomyAsync("ransomware-to-exchange", 29, sim, data);
        var categories = File.ReadLines(Path.Combine(sim, "truth", "entities.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("entity_id").GetInt32(), e => e.GetProperty("category").GetString()!);
        _addresses = File.ReadLines(Path.Combine(sim, "truth", "addresses.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(a => a.GetProperty("chain").GetString() == "btc")
            .Select(a => (a.GetProperty("address").GetString()!, categories[a.GetProperty("entity_id").GetInt32()]))
            .ToList();
        _api = await InProcessApi.StartAsync(data, ApiRole.Exchange);
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        _temp.Dispose();
    }

    [Fact]
    public async Task UsersWhoPaidTheRansom_AreMediumAtMost_WithTheVictimReason_WhileTheRansomwareIsSevere()
    {
        var victims = 0;
        foreach (var (address, _) in _addresses.Where(a => a.Category == "user"))
        {
            var risk = await RiskAsync(address);
            var paidRansom = risk.GetProperty("exposures").EnumerateArray().Any(e =>
                e.GetProperty("category").GetString() == "ransomware" && e.GetProperty("direction").GetString() == "outgoing" && e.GetProperty("type").GetString() == "direct");
            if (!paidRansom)
            {
                continue;
            }

            victims++;
            Assert.Contains(risk.GetProperty("level").GetString(), new[] { "low", "medium" });
            Assert.NotEqual("block", risk.GetProperty("decision").GetString());
            Assert.Contains(risk.GetProperty("reasons").EnumerateArray(), r =>
                r.GetProperty("category").GetString() == "ransomware" && r.GetProperty("detail").GetString()!.Contains("victims", StringComparison.Ordinal));
        }

        Assert.True(victims >= 5, $"only {victims} users paid the ransom directly");
        foreach (var (address, _) in _addresses.Where(a => a.Category == "ransomware"))
        {
            var risk = await RiskAsync(address);
            Assert.Equal("severe", risk.GetProperty("level").GetString());
            Assert.Equal("block", risk.GetProperty("decision").GetString());
        }
    }

    private Task<JsonElement> RiskAsync(string address) => Cli.RiskAsync(_api!.Http, address);
}
