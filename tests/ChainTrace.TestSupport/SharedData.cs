namespace ChainTrace.TestSupport;

/// <summary>
/// Locates <c>../shared/data</c> beside the repository (CI lays it there); <c>CHAINTRACE_SHARED_DATA</c>
/// overrides. Test data is read in place, never copied into the repository.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Dir => Root.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Dir, .. parts]);

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "ChainTrace.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException($"ChainTrace.sln not found above {AppContext.BaseDirectory}");
        }
    }

    private static string Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable("CHAINTRACE_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }

        var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepoRoot, "..", "shared", "data"));
        return Directory.Exists(candidate)
            ? candidate
            : throw new DirectoryNotFoundException($"shared test data not found at {candidate}; set CHAINTRACE_SHARED_DATA");
    }
}
