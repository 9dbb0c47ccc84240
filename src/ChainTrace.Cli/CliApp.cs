using System.CommandLine;
using ChainTrace.Cli.Commands;

namespace ChainTrace.Cli;

/// <summary>The <c>chaintrace</c> command tree. Every command takes <c>--data DIR</c>, the embedded store's directory.</summary>
public static class CliApp
{
    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var root = Build();
        var parsed = root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
        };
        return parsed.InvokeAsync(configuration);
    }

    public static RootCommand Build()
    {
        var root = new RootCommand("ChainTrace: blockchain forensics — ingest, trace, screen.");
        root.Options.Add(CommonOptions.Data);
        root.Subcommands.Add(ServeCommand.Build());
        root.Subcommands.Add(IngestCommand.Build());
        root.Subcommands.Add(AddressCommand.Build());
        root.Subcommands.Add(TransactionCommand.Build());
        root.Subcommands.Add(SimulateCommand.Build());
        root.Subcommands.Add(ClusterCommand.Build());
        root.Subcommands.Add(EvalCommand.Build());
        root.Subcommands.Add(KeysCommand.Build());
        root.Subcommands.Add(AuditCommand.Build());
        root.Subcommands.Add(LabelsCommand.Build());
        root.Subcommands.Add(RiskCommand.Build());
        root.Subcommands.Add(ModelCommand.Build());
        root.Subcommands.Add(TraceCommand.Build());
        root.Subcommands.Add(PathsCommand.Build());
        return root;
    }
}
