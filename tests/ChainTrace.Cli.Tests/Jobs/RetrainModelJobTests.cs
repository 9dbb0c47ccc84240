using System.Text.Json;
using System.Text.Json.Nodes;
using ChainTrace.TestSupport;

namespace ChainTrace.Cli.Tests.Jobs;

/// <summary>
/// <c>retrain-model</c> in a real <c>serve</c> (Hangfire, schedules set to never fire) over the simulator's <c>demo</c>
/// economy with its truth as <c>Jobs:RetrainModel:Truth</c>, run through <c>POST /v1/jobs/retrain-model</c>: without a
/// model the candidate is promoted (v0001, then <c>refresh-risk</c> runs by itself); against a current model whose stored
/// held-out AUC is higher the candidate is kept out (no v0002); against a lower one it is promoted as v0002. Every
/// decision is logged and appended to <c>decisions.jsonl</c>.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RetrainModelJobTests : IDisposable
{
    private const string Never = "0 0 0 1 1 *";
    private readonly TempDir _temp = new("retrain-job");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ACandidate_IsPromotedOnlyWhenNotWorse_AndEveryDecisionIsLogged()
    {
        var sim = _temp.File("sim");
        await Simulator.Simulator.RunAsync(new Simulator.SimulationOptions { Scenario = "demo", Seed = 1, OutDir = sim, Signed = false }, CancellationToken.None);
        var data = _temp.File("data");
        foreach (var args in new[]
        {
            new[] { "ingest", "btc", "--blocks-dir", Path.Combine(sim, "btc", "blocks"), "--network", "regtest" },
            ["labels", "import", Path.Combine(sim, "labels", "tagpack.yaml"), "--network", "regtest"],
            ["cluster", "update"],
        })
        {
            var run = await CliRunner.RunAsync([.. args, "--data", data]);
            Assert.True(run.ExitCode == 0, run.Error);
        }

        await using var serve = await ServeProcess.StartAsync(data, environment: new Dictionary<string, string>
        {
            ["CHAINTRACE__Jobs__RetrainModel__Truth"] = sim,
            ["CHAINTRACE__Jobs__RetrainModel__Cron"] = Never,
            ["CHAINTRACE__Jobs__Recluster__Cron"] = Never,
            ["CHAINTRACE__Jobs__RescanWatchlists__Cron"] = Never,
        });
        var key = (await File.ReadAllTextAsync(Path.Combine(data, "keys", "admin.key"))).Trim();
        using var http = serve.Client(key);
        var models = Path.Combine(data, "models", "risk");

        await JobTrigger.RunAsync(http, serve, "retrain-model", "refresh-risk");
        var first = Decisions(models).Single();
        Assert.True(first["promoted"]!.GetValue<bool>(), first.ToJsonString());
        Assert.Equal("risk-v0001", first["promotedVersion"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(models, "v0001", "model.zip")));
        var auc = first["candidate"]!["auc"]!.GetValue<double>();
        Assert.InRange(auc, 0.5, 0.9999); // the demo's few illicit entities: a real, imperfect model
        Assert.Contains("retrain-model: candidate EVAL model auc=", serve.Output, StringComparison.Ordinal);
        Assert.Contains("promoted as risk-v0001", serve.Output, StringComparison.Ordinal);

        // The current model claims a better held-out AUC than any candidate on this data reaches: kept out.
        SetStoredAuc(Path.Combine(models, "v0001"), (auc + 1) / 2);
        await JobTrigger.RunAsync(http, serve, "retrain-model");
        var second = Decisions(models)[1];
        Assert.False(second["promoted"]!.GetValue<bool>(), second.ToJsonString());
        Assert.Contains("below the current risk-v0001", second["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(models, "v0002")));
        Assert.Contains("kept the current model", serve.Output, StringComparison.Ordinal);
        Assert.Equal(auc, second["candidate"]!["auc"]!.GetValue<double>(), 6); // the same data evaluates the same

        SetStoredAuc(Path.Combine(models, "v0001"), auc / 2);
        await JobTrigger.RunAsync(http, serve, "retrain-model", "refresh-risk");
        var third = Decisions(models)[2];
        Assert.True(third["promoted"]!.GetValue<bool>(), third.ToJsonString());
        Assert.Equal("risk-v0002", third["promotedVersion"]!.GetValue<string>());
        Assert.Equal("risk-v0001", third["current"]!["version"]!.GetValue<string>());
        Assert.Equal(3, Decisions(models).Count);
    }

    private static List<JsonNode> Decisions(string models) =>
        File.ReadAllLines(Path.Combine(models, "decisions.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();

    private static void SetStoredAuc(string modelDir, double auc)
    {
        var path = Path.Combine(modelDir, "metrics.json");
        var metrics = JsonNode.Parse(File.ReadAllText(path))!;
        metrics["auc"] = auc;
        File.WriteAllText(path, metrics.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }
}
