using System.Globalization;
using Hangfire;

namespace ChainTrace.Jobs.Operability;

/// <summary>
/// The sources' last status and each job's last success, kept in the job storage (hashes) rather than in memory: the
/// job ran on some worker, and every process (the API node's <c>/health</c> and <c>/metrics</c> included) reads the same answer.
/// </summary>
public sealed class OperationalState(JobStorage storage)
{
    private const string Prefix = "chaintrace:source:";
    private const string Successes = "chaintrace:job-success";

    public void JobSucceeded(string job, DateTimeOffset at)
    {
        using var connection = storage.GetConnection();
        connection.SetRangeInHash(Successes, new Dictionary<string, string> { [job] = at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) });
    }

    public IReadOnlyDictionary<string, DateTimeOffset> LastSuccesses()
    {
        using var connection = storage.GetConnection();
        return (connection.GetAllEntriesFromHash(Successes) ?? []).ToDictionary(
            e => e.Key, e => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(e.Value, NumberStyles.None, CultureInfo.InvariantCulture)));
    }

    public void Write(SourceStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        using var connection = storage.GetConnection();
        connection.SetRangeInHash(Prefix + status.Chain, new Dictionary<string, string>
        {
            ["reachable"] = status.Reachable ? "true" : "false",
            ["sourceTip"] = status.SourceTip?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["storedTip"] = status.StoredTip?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["checkedAt"] = status.CheckedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["error"] = status.Error ?? "",
        });
    }

    public IReadOnlyList<SourceStatus> ReadAll(IEnumerable<string> chains)
    {
        ArgumentNullException.ThrowIfNull(chains);
        using var connection = storage.GetConnection();
        var statuses = new List<SourceStatus>();
        foreach (var chain in chains)
        {
            if (connection.GetAllEntriesFromHash(Prefix + chain) is not { Count: > 0 } hash)
            {
                continue;
            }

            statuses.Add(new SourceStatus(
                chain,
                hash.GetValueOrDefault("reachable") == "true",
                Long(hash, "sourceTip"),
                Long(hash, "storedTip"),
                DateTimeOffset.FromUnixTimeMilliseconds(Long(hash, "checkedAt") ?? 0),
                hash.GetValueOrDefault("error") is { Length: > 0 } error ? error : null));
        }

        return statuses;
    }

    private static long? Long(Dictionary<string, string> hash, string key) =>
        long.TryParse(hash.GetValueOrDefault(key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
}
