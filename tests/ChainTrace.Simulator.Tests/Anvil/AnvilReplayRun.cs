using ChainTrace.TestSupport;
using ChainTrace.TestSupport.Ethereum;

namespace ChainTrace.Simulator.Tests.Anvil;

/// <summary>The small scenario (seed 42) generated and replayed onto a fresh Anvil node (killed by its PID afterwards), shared by a test class.</summary>
public sealed class AnvilReplayRun : IAsyncLifetime, IDisposable
{
    private readonly TempDir _dir = new("sim-anvil");
    private AnvilNode? _anvil;

    public SimulationSummary Summary { get; private set; } = null!;

    public Uri Rpc => _anvil!.Endpoint;

    public long BlockBefore { get; private set; }

    public string OutDir => _dir.Path;

    public async Task InitializeAsync()
    {
        _anvil = await AnvilNode.StartAsync(CancellationToken.None);
        BlockBefore = (long)(await new Nethereum.Web3.Web3(Rpc.ToString()).Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
        Summary = await Simulator.RunAsync(
            new SimulationOptions { Scenario = "small", Seed = 42, OutDir = _dir.Path, Signed = false, AnvilRpc = _anvil.Endpoint },
            CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_anvil is not null)
        {
            await _anvil.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }
}
