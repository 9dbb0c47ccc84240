using ChainTrace.Core.Access;
using ChainTrace.Core.Ports;

namespace ChainTrace.Cli.Hosting;

/// <summary>
/// Keys written to files on first start: with an empty key store, one admin key in <c>DATA/keys/admin.key</c>; with
/// the demo data set, an investigator and an exchange key beside it. Files are mode 0600 from the moment they
/// exist; only their paths are ever printed.
/// </summary>
public static class KeyFiles
{
    public const string AdminName = "admin";
    public const string DemoInvestigatorName = "demo-investigator";
    public const string DemoExchangeName = "demo-exchange";

    public static string PathOf(DataDirectory data, string name)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Path.Combine(data.KeysDirectory, name + ".key");
    }

    /// <summary>Creates the admin key when the store has no key at all; true when it did.</summary>
    public static async Task<bool> EnsureAdminKeyAsync(DataDirectory data, IApiKeyStore store, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(log);
        if ((await store.ListAsync(cancellationToken)).Count > 0)
        {
            return false;
        }

        var path = await IssueToFileAsync(data, store, AdminName, ApiRole.Admin, cancellationToken);
        log.WriteLine($"empty key store: created the admin key in {path} (mode 0600)");
        return true;
    }

    /// <summary>The demo data set's investigator and exchange keys, created once.</summary>
    public static async Task EnsureDemoKeysAsync(DataDirectory data, IApiKeyStore store, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        foreach (var (name, role) in new[] { (DemoInvestigatorName, ApiRole.Investigator), (DemoExchangeName, ApiRole.Exchange) })
        {
            if (!File.Exists(PathOf(data, name)))
            {
                log.WriteLine($"demo: created the {role.ToCode()} key in {await IssueToFileAsync(data, store, name, role, cancellationToken)} (mode 0600)");
            }
        }
    }

    private static async Task<string> IssueToFileAsync(DataDirectory data, IApiKeyStore store, string name, ApiRole role, CancellationToken cancellationToken)
    {
        var issued = await ApiKeyIssuer.IssueAsync(store, name, role, null, DateTimeOffset.UtcNow, cancellationToken)
            ?? throw new InvalidOperationException($"a key named '{name}' exists but its file {PathOf(data, name)} does not; revoke it (chaintrace keys revoke {name}) or create a key under another name");
        Directory.CreateDirectory(data.KeysDirectory);
        var path = PathOf(data, name);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var file = new StreamWriter(path, System.Text.Encoding.ASCII, options))
        {
            await file.WriteLineAsync(issued.Text.AsMemory(), cancellationToken);
        }

        return path;
    }
}
