namespace ChainTrace.Jobs.Settings;

/// <summary>A configuration value the service refuses to start with; <see cref="Key"/> names it (<c>Jobs:SyncBtc:Cron</c>).</summary>
public sealed class ConfigurationException(string key, string message) : Exception($"configuration {key}: {message}")
{
    public string Key { get; } = key;
}
