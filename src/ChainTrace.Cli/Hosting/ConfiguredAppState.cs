using System.CommandLine;
using ChainTrace.Cli.Output;
using ChainTrace.Core.Ports;
using ChainTrace.Jobs.Settings;
using Npgsql;

namespace ChainTrace.Cli.Hosting;

/// <summary>
/// The app state a command works on, chosen as <c>serve</c> chooses it (<see cref="ServiceConfiguration"/>): PostgreSQL
/// when <c>ConnectionStrings:Postgres</c> is configured, else <c>DATA/appstate.db</c>. A bad configuration or an
/// unreachable database is printed as one error line with its exit code, not a stack trace.
/// </summary>
public static class ConfiguredAppState
{
    public static async Task<(IAppStateStore? Store, int ExitCode)> OpenAsync(ParseResult parse, Option<FileInfo?> config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var error = parse.InvocationConfiguration.Error;
        string? postgres;
        try
        {
            postgres = ServiceConfiguration.Postgres(ServiceConfiguration.Read(parse.GetValue(config)));
        }
        catch (Exception ex) when (ex is ConfigurationException or InvalidDataException or FormatException)
        {
            error.WriteLine($"error: {ex.Message}");
            return (null, ExitCodes.BadData);
        }

        var data = new DataDirectory(parse.GetValue(Commands.CommonOptions.Data)!);
        try
        {
            return (await data.OpenAppStateAsync(postgres, cancellationToken).ConfigureAwait(false), ExitCodes.Ok);
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException && postgres is not null)
        {
            error.WriteLine($"error: app state on PostgreSQL (ConnectionStrings:Postgres): {ex.Message}");
            return (null, ExitCodes.SourceFailure);
        }
    }
}
