using ChainTrace.Core.Chains;
using Cronos;
using Microsoft.Extensions.Configuration;

namespace ChainTrace.Jobs.Settings;

/// <summary>
/// The service's job configuration, read and validated once on start: a bad value throws
/// <see cref="ConfigurationException"/> naming its key, and the service does not start.
/// </summary>
public sealed record JobsSettings(
    BtcSourceSettings? Btc,
    EthSourceSettings? Eth,
    IReadOnlyDictionary<string, string> Crons,
    bool AllowPrivateNetworks,
    string? Postgres)
{
    /// <summary><c>retrain-model</c>'s classes (<c>Jobs:RetrainModel:Truth</c>) and held-out kind; without a truth directory the job is skipped.</summary>
    public RetrainModelSettings RetrainModel { get; init; } = new(null, DefaultUnseenKind);

    public const string DefaultSyncCron = "*/30 * * * * *";
    public const string DefaultRescanCron = "0 * * * * *";
    public const string DefaultReclusterCron = "15 * * * * *";
    public const string DefaultRetrainCron = "0 0 3 * * 0";
    public const string DefaultUnseenKind = "hacking";

    public static JobsSettings Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var crons = new Dictionary<string, string>();
        foreach (var (job, fallback) in new[] { (JobNames.SyncBtcKey, DefaultSyncCron), (JobNames.SyncEthKey, DefaultSyncCron), (JobNames.RescanWatchlistsKey, DefaultRescanCron), (JobNames.ReclusterKey, DefaultReclusterCron), (JobNames.RetrainModelKey, DefaultRetrainCron) })
        {
            var key = $"Jobs:{job}:Cron";
            var cron = configuration[key] ?? fallback;
            crons[job] = ValidateCron(key, cron);
        }

        return new JobsSettings(
            LoadBtc(configuration.GetSection("Sources:Btc")),
            LoadEth(configuration.GetSection("Sources:Eth")),
            crons,
            ParseBool(configuration, "Webhooks:AllowPrivateNetworks"),
            configuration.GetConnectionString("Postgres") is { Length: > 0 } pg ? pg : null)
        {
            RetrainModel = LoadRetrain(configuration.GetSection($"Jobs:{JobNames.RetrainModelKey}")),
        };
    }

    private static RetrainModelSettings LoadRetrain(IConfigurationSection section)
    {
        var truth = section["Truth"];
        if (truth is not null && !File.Exists(Path.Combine(truth, "truth", "entities.jsonl")) && !File.Exists(Path.Combine(truth, "entities.jsonl")))
        {
            throw new ConfigurationException($"{section.Path}:Truth", $"'{truth}' has no entities.jsonl (nor truth/entities.jsonl)");
        }

        var kind = section["UnseenKind"] ?? DefaultUnseenKind;
        return kind.Length > 0 && kind.All(c => char.IsAsciiLetterLower(c) || c == '-')
            ? new RetrainModelSettings(truth, kind)
            : throw new ConfigurationException($"{section.Path}:UnseenKind", $"'{kind}' is not a category name");
    }

    private static BtcSourceSettings? LoadBtc(IConfigurationSection section)
    {
        var dir = section["BlocksDir"];
        var rpc = ParseUrl(section, "Rpc");
        var esplora = ParseUrl(section, "Esplora");
        var chosen = new object?[] { dir, rpc, esplora }.Count(v => v is not null);
        if (chosen == 0)
        {
            return null;
        }

        if (chosen > 1)
        {
            throw new ConfigurationException(section.Path, "give exactly one of BlocksDir, Rpc, Esplora");
        }

        if (dir is not null && !Directory.Exists(dir))
        {
            throw new ConfigurationException($"{section.Path}:BlocksDir", $"directory '{dir}' does not exist");
        }

        var user = section["RpcUser"];
        var password = section["RpcPassword"];
        if (user is null != password is null)
        {
            throw new ConfigurationException($"{section.Path}:{(user is null ? "RpcUser" : "RpcPassword")}", "RpcUser and RpcPassword go together");
        }

        return new BtcSourceSettings(dir, rpc, section["RpcCookie"], user, password, esplora, ParseNetwork(section));
    }

    private static EthSourceSettings? LoadEth(IConfigurationSection section)
    {
        var rpc = ParseUrl(section, "Rpc");
        var etl = section["Etl"];
        if (rpc is null && etl is null)
        {
            return null;
        }

        if (rpc is not null && etl is not null)
        {
            throw new ConfigurationException(section.Path, "give exactly one of Rpc, Etl");
        }

        return new EthSourceSettings(rpc, etl, ParseNetwork(section));
    }

    private static Network ParseNetwork(IConfigurationSection section)
    {
        var text = section["Network"] ?? "main";
        try
        {
            return NetworkCodes.Parse(text);
        }
        catch (FormatException)
        {
            throw new ConfigurationException($"{section.Path}:Network", $"'{text}' is not main, test or regtest");
        }
    }

    private static Uri? ParseUrl(IConfigurationSection section, string name)
    {
        var text = section[name];
        if (text is null)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new ConfigurationException($"{section.Path}:{name}", $"'{text}' is not an http(s) URL");
    }

    private static bool ParseBool(IConfiguration configuration, string key) => configuration[key] switch
    {
        null => false,
        var text when bool.TryParse(text, out var value) => value,
        var text => throw new ConfigurationException(key, $"'{text}' is not true or false"),
    };

    private static string ValidateCron(string key, string cron)
    {
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        try
        {
            CronExpression.Parse(cron, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            return cron;
        }
        catch (CronFormatException ex)
        {
            throw new ConfigurationException(key, $"'{cron}' is not a cron expression (5 fields, or 6 with seconds): {ex.Message}");
        }
    }
}
