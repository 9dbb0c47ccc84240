using System.CommandLine;
using ChainTrace.Cli.Hosting;
using ChainTrace.Core.Access;

namespace ChainTrace.Cli.Commands;

/// <summary><c>chaintrace audit verify</c>: recomputes the audit log's hash chain; exit 3 names the first entry that fails.</summary>
public static class AuditCommand
{
    public const int BrokenChain = 3;

    public static Command Build()
    {
        var config = ServiceConfiguration.ConfigOption();
        var verify = new Command("verify", "Check the audit log's hash chain (in DATA/appstate.db, or PostgreSQL when ConnectionStrings:Postgres is configured): every entry linked to the one before and unchanged") { config };
        verify.SetAction(async (parse, cancellationToken) =>
        {
            var (opened, exitCode) = await ConfiguredAppState.OpenAsync(parse, config, cancellationToken);
            if (opened is null)
            {
                return exitCode;
            }

            await using var store = opened;
            var result = await AuditChain.VerifyAsync(store.ReadAllAsync(cancellationToken), cancellationToken);
            if (result.IsIntact)
            {
                parse.InvocationConfiguration.Output.WriteLine($"audit log intact: {result.Checked} entries, hash chain verified");
                return 0;
            }

            parse.InvocationConfiguration.Error.WriteLine($"audit log broken at entry {result.FailedSequence}: {result.Reason} ({result.Checked} entries before it verified)");
            return BrokenChain;
        });
        return new Command("audit", "The append-only audit log") { verify };
    }
}
