using ChainTrace.TestSupport;

namespace ChainTrace.Cli.Tests.Jobs;

/// <summary>
/// The <c>serve</c> processes of one deployment on one data directory: a single <c>--role all</c> process, or one
/// <c>--role api</c> and several <c>--role worker</c> processes sharing a PostgreSQL database. <see cref="Api"/>
/// answers the test's calls.
/// </summary>
internal sealed class ServiceNodes(string data, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> roles) : IAsyncDisposable
{
    private readonly List<ServeProcess> _nodes = [];
    private readonly List<(string Role, string Output)> _finished = [];

    public ServeProcess Api => _nodes[0];

    /// <summary>What every process printed, those stopped before included, with its role.</summary>
    public IReadOnlyList<(string Role, string Output)> Outputs => [.. _finished, .. _nodes.Select((n, i) => (roles[i], n.Output))];

    public string Output => string.Join("\n", Outputs.Select(o => $"--- {o.Role} ---\n{o.Output}"));

    /// <summary>Starts the first role alone (it writes the admin key and migrates), then the others together.</summary>
    public async Task StartAsync()
    {
        _nodes.Add(await ServeProcess.StartAsync(data, environment: environment, arguments: ["--role", roles[0]]));
        _nodes.AddRange(await Task.WhenAll(roles.Skip(1).Select(role => ServeProcess.StartAsync(data, environment: environment, arguments: ["--role", role]))));
    }

    /// <summary>SIGKILL every process (no shutdown hooks), then start them all again on the same data.</summary>
    public async Task KillAndRestartAsync()
    {
        await Task.WhenAll(_nodes.Select(n => n.KillAsync()));
        await DisposeAsync();
        await StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < _nodes.Count; i++)
        {
            await _nodes[i].DisposeAsync();
            _finished.Add((roles[i], _nodes[i].Output));
        }

        _nodes.Clear();
    }
}
