using ChainTrace.TestSupport;

namespace ChainTrace.Simulator.Tests;

/// <summary>One generated data set shared by the tests of a class; deleted afterwards.</summary>
public abstract class SimulatedRun : IAsyncLifetime, IDisposable
{
    private readonly TempDir _dir = new("sim");

    protected abstract SimulationOptions Options(string outDir);

    public SimulationSummary Summary { get; private set; } = null!;

    public string OutDir => _dir.Path;

    public async Task InitializeAsync() => Summary = await Simulator.RunAsync(Options(_dir.Path), CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SmallSignedRun : SimulatedRun
{
    protected override SimulationOptions Options(string outDir) =>
        new() { Scenario = "small", Seed = 42, OutDir = outDir, Signed = true, RecordTransactions = true };
}

public sealed class SmallFastRun : SimulatedRun
{
    protected override SimulationOptions Options(string outDir) =>
        new() { Scenario = "small", Seed = 42, OutDir = outDir, Signed = false, RecordTransactions = true };
}

public sealed class RiskFastRun : SimulatedRun
{
    protected override SimulationOptions Options(string outDir) =>
        new() { Scenario = "risk", Seed = 7, OutDir = outDir, Signed = false };
}
