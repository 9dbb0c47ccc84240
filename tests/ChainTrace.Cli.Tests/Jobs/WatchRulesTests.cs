using System.Globalization;
using System.Text.Json;
using ChainTrace.Cli.Hosting;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Watchlists;
using ChainTrace.Jobs.Rules;
using ChainTrace.Storage.Sqlite;
using ChainTrace.Storage.Sqlite.AppState;
using ChainTrace.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ChainTrace.Cli.Tests.Jobs;

/// <summary>
/// The <c>reaches</c> and <c>score-above</c> rules over the simulator's <c>ransomware-to-exchange</c> economy, ingested,
/// clustered, labelled and risk-refreshed through the CLI, evaluated by the services <c>serve</c> composes.
/// </summary>
[Trait("Category", "Integration")]
public sealed class WatchRulesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDir _temp = new("watch-rules");
    private SqliteGraphStore? _store;
    private SqliteAppStateStore? _appState;
    private WebApplication? _app;
    private string _ransom = "";
    private HashSet<string> _exchanges = [];

    private string Data => _temp.File("data");

    public async Task InitializeAsync()
    {
        var sim = _temp.File("sim");
        await Simulator.Simulator.RunAsync(new Simulator.SimulationOptions { Scenario = "ransomware-to-exchange", Seed = 1, OutDir = sim, Signed = false }, CancellationToken.None);
        Assert.Equal(0, (await CliRunner.RunAsync("ingest", "btc", "--network", "regtest", "--blocks-dir", Path.Combine(sim, "btc", "blocks"), "--data", Data)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("labels", "import", Path.Combine(sim, "labels", "tagpack.yaml"), "--network", "regtest", "--data", Data)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("risk", "refresh", "--data", Data)).ExitCode);
        var addresses = File.ReadLines(Path.Combine(sim, "truth", "addresses.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("chain").GetString() == "btc").ToList();
        _ransom = addresses.First(e => e.GetProperty("role").GetString() == "ransom_payment").GetProperty("address").GetString()!;
        var exchangeEntities = File.ReadLines(Path.Combine(sim, "truth", "entities.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("category").GetString() == "exchange").Select(e => e.GetProperty("entity_id").GetInt64()).ToHashSet();
        _exchanges = addresses.Where(a => exchangeEntities.Contains(a.GetProperty("entity_id").GetInt64())).Select(a => a.GetProperty("address").GetString()!).ToHashSet();
        _store = await SqliteGraphStore.OpenAsync(Path.Combine(Data, "graph.db"), CancellationToken.None);
        _appState = await SqliteAppStateStore.OpenAsync(Path.Combine(Data, "appstate.db"), CancellationToken.None);
        _app = ServiceHost.Build(_store, _appState, "http://127.0.0.1:0", modules: JobsModule.Create(
            ServiceConfiguration.Read(null), ChainTrace.Jobs.Settings.JobsSettings.Load(ServiceConfiguration.Read(null)), ChainTrace.Jobs.Hosting.ServeRole.Api, Data));
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_appState is not null)
        {
            await _appState.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        _temp.Dispose();
    }

    [Fact]
    public async Task Reaches_RaisesOneAlertPerExchangeReached_AndARescanRaisesNothingNew()
    {
        var watchlist = new Watchlist("wl_r", "ransom", Chain.Btc, [_ransom], [new WatchRule(WatchRule.Reaches, "exchange", 10)], null, Now);
        await _appState!.AddWatchlistAsync(watchlist, CancellationToken.None);

        var first = await EvaluateAsync(watchlist);
        var again = await EvaluateAsync(watchlist);

        Assert.NotEmpty(first);
        Assert.Equal(first.Select(a => (a.Cause, a.Amount, string.Join(',', a.Txs))), again.Select(a => (a.Cause, a.Amount, string.Join(',', a.Txs))));
        Assert.Equal(first.Count, first.Select(a => a.Cause).Distinct().Count());
        foreach (var alert in first)
        {
            Assert.StartsWith($"reaches:btc:{_ransom}:exchange:", alert.Cause, StringComparison.Ordinal);
            Assert.True(alert.Entity!.StartsWith("cluster:", StringComparison.Ordinal) || _exchanges.Contains(alert.Entity), $"{alert.Entity} is no exchange of the truth");
            Assert.True(long.Parse(alert.Amount, CultureInfo.InvariantCulture) > 0);
            Assert.NotEmpty(alert.Txs);
        }

        var raised = 0;
        foreach (var alert in first.Concat(again))
        {
            raised += await _appState.TryRaiseAsync(alert, null, CancellationToken.None) is null ? 0 : 1;
        }

        Assert.Equal(first.Count, raised);
        Assert.Equal(first.Count, (await _appState.ListAlertsAsync("wl_r", 0, 1000, CancellationToken.None)).Count);

        var oneHop = await EvaluateAsync(watchlist with { Rules = [new WatchRule(WatchRule.Reaches, "exchange", 1)] });
        Assert.True(oneHop.Count <= first.Count);
        Assert.Subset(first.Select(a => a.Entity).ToHashSet(), oneHop.Select(a => a.Entity).ToHashSet());
    }

    [Fact]
    public async Task ScoreAbove_FiresForTheLabelledRansomAddress_BelowItsScoreOnly()
    {
        using var scope = _app!.Services.CreateScope();
        var lookup = scope.ServiceProvider.GetRequiredService<ChainTrace.Api.Screening.RiskLookup>();
        var score = (await lookup.AnswerAsync(BtcAddress.Parse(_ransom, Network.Regtest), CancellationToken.None))!.Score.Score;
        Assert.True(score > 0, "the ransom address is labelled and scores above 0");
        var below = new Watchlist("wl_s", "score", Chain.Btc, [_ransom], [new WatchRule(WatchRule.ScoreAbove, Value: score - 1)], null, Now);

        var alert = Assert.Single(await EvaluateAsync(below));
        var none = await EvaluateAsync(below with { Rules = [new WatchRule(WatchRule.ScoreAbove, Value: score)] });

        Assert.Equal(AlertCause.ScoreAbove(BtcAddress.Parse(_ransom, Network.Regtest), score - 1), alert.Cause);
        Assert.Contains($"score {score}", alert.Entity, StringComparison.Ordinal);
        Assert.Empty(none);
    }

    private async Task<List<Alert>> EvaluateAsync(Watchlist watchlist)
    {
        using var scope = _app!.Services.CreateScope();
        var evaluators = scope.ServiceProvider.GetServices<IWatchRuleEvaluator>().ToDictionary(e => e.Kind);
        var alerts = new List<Alert>();
        foreach (var subject in await scope.ServiceProvider.GetRequiredService<SubjectResolver>().ResolveAsync(watchlist, CancellationToken.None))
        {
            foreach (var rule in watchlist.Rules)
            {
                alerts.AddRange(await evaluators[rule.Kind].EvaluateAsync(watchlist, rule, subject, Now, CancellationToken.None));
            }
        }

        return alerts;
    }
}
