using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace ChainTrace.Api;

/// <summary>
/// ASP.NET Core writes six Information lines per request (routing, endpoint, hosting): at any load they drown the
/// service's own messages and cost more than the lookup. Its categories default to Warning; configuration still
/// decides (e.g. <c>Logging__LogLevel__Microsoft.AspNetCore=Information</c> in the environment). The same for the
/// SQLite job storage's housekeeping, which writes sixteen Information lines every half hour and buried the start
/// banner (keys, example calls, page address) under them.
/// </summary>
public static class ApiLogging
{
    public const string RequestCategory = "Microsoft.AspNetCore";
    public const string JobStorageHousekeepingCategory = "Hangfire.Storage.SQLite.ExpirationManager";

    /// <summary>Adds the default as the first configuration source, so appsettings, environment and command line override it.</summary>
    public static IConfigurationBuilder AddRequestLoggingDefault(this IConfigurationBuilder configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = [new($"Logging:LogLevel:{RequestCategory}", "Warning"), new($"Logging:LogLevel:{JobStorageHousekeepingCategory}", "Warning")],
        });
        return configuration;
    }
}
