using System.CommandLine;
using ChainTrace.Jobs.Settings;
using Microsoft.Extensions.Configuration;

namespace ChainTrace.Cli.Hosting;

/// <summary>
/// The configuration every command that opens app state reads (<c>serve</c>, <c>keys</c>, <c>audit</c>), so they all
/// find the same store: <c>appsettings.json</c> in the current directory when present, then <c>--config FILE</c>
/// (JSON), then environment variables <c>CHAINTRACE__Section__Key</c>; a later source wins.
/// </summary>
public static class ServiceConfiguration
{
    public const string SettingsFile = "appsettings.json";

    public static Option<FileInfo?> ConfigOption(bool recursive = false) => new("--config")
    {
        Description = $"JSON configuration file (Sources, Jobs, ConnectionStrings, Webhooks), over ./{SettingsFile}; CHAINTRACE__ environment variables win",
        Recursive = recursive,
    };

    public static IConfiguration Read(FileInfo? file)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), SettingsFile), optional: true, reloadOnChange: false);
        if (file is not null)
        {
            if (!file.Exists)
            {
                throw new ConfigurationException("--config", $"file '{file.FullName}' does not exist");
            }

            builder.AddJsonFile(file.FullName, optional: false, reloadOnChange: false);
        }

        return builder.AddEnvironmentVariables("CHAINTRACE__").Build();
    }

    /// <summary><c>ConnectionStrings:Postgres</c>, or null (app state in <c>DATA/appstate.db</c>) when unset or empty.</summary>
    public static string? Postgres(IConfiguration configuration) =>
        configuration.GetConnectionString("Postgres") is { Length: > 0 } postgres ? postgres : null;
}
