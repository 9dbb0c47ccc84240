using ChainTrace.Simulator;
using ChainTrace.TestSupport;

namespace ChainTrace.Index.Tests;

/// <summary>A simulator economy generated into a test's temp dir and ingested (no clustering yet) into <see cref="Data"/>.</summary>
internal sealed class SimulatedData
{
    private SimulatedData(string root) => Root = root;

    public string Root { get; }

    public string Sim => Path.Combine(Root, "sim");

    public string Truth => Path.Combine(Sim, "truth");

    public string Data => Path.Combine(Root, "data");

    public static async Task<SimulatedData> CreateAsync(TempDir temp, string scenario, bool eth = false, ulong seed = 1)
    {
        var data = new SimulatedData(temp.Path);
        await Simulator.Simulator.RunAsync(new SimulationOptions { Scenario = scenario, Seed = seed, OutDir = data.Sim, Signed = false }, CancellationToken.None);
        await Cli.RunAsync("ingest", "btc", "--network", "regtest", "--blocks-dir", Path.Combine(data.Sim, "btc", "blocks"), "--data", data.Data, "--no-cluster");
        if (eth)
        {
            await Cli.RunAsync("ingest", "eth", "--etl", Path.Combine(data.Sim, "eth", "etl"), "--data", data.Data, "--no-cluster");
        }

        return data;
    }

    /// <summary>Runs <c>cluster update</c> with <paramref name="options"/>, then <c>eval clustering</c>; returns the EVAL line's figures.</summary>
    public async Task<Dictionary<string, double>> ClusterAndEvaluateAsync(string chain, params string[] options)
    {
        await Cli.RunAsync(["cluster", "update", "--data", Data, .. options]);
        var line = (await Cli.RunAsync("eval", "clustering", "--truth", Truth, "--chain", chain, "--data", Data)).Trim();
        Assert.StartsWith("EVAL clustering precision=", line, StringComparison.Ordinal);
        return line["EVAL clustering ".Length..].Split(' ').Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
