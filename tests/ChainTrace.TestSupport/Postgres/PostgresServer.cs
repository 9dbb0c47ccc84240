using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ChainTrace.TestSupport.Postgres;

/// <summary>
/// A real, throwaway PostgreSQL 15 server for a test class: <c>initdb</c> in a fresh temp directory, started by
/// <c>pg_ctl</c> on a free loopback port, stopped by the postmaster's PID (SIGINT, PostgreSQL's fast shutdown) and
/// deleted when disposed. Each test takes a fresh database with <see cref="CreateDatabaseAsync"/>. As root (the CI
/// image) the server runs as the <c>postgres</c> user, since PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private readonly string _root;
    private int _databases;

    private PostgresServer(string root, int port, int pid)
    {
        _root = root;
        Port = port;
        Pid = pid;
    }

    public int Port { get; }

    /// <summary>The postmaster's process id, from <c>postmaster.pid</c>.</summary>
    public int Pid { get; }

    public string AdminConnectionString => Connection("postgres");

    public static async Task<PostgresServer> StartAsync()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({BinDirectory}/initdb missing): run scripts/test.sh, or apt-get install -y postgresql");
        }

        var root = Path.Combine(Path.GetTempPath(), $"chaintrace-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["postgres", root], asPostgres: false);
        }

        var data = Path.Combine(root, "data");
        await RunAsync(Path.Combine(BinDirectory, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"], asRoot);
        var port = FreePort();
        await RunAsync(
            Path.Combine(BinDirectory, "pg_ctl"),
            ["-D", data, "-o", $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "start"],
            asRoot);
        var pid = int.Parse((await File.ReadAllLinesAsync(Path.Combine(data, "postmaster.pid")))[0], CultureInfo.InvariantCulture);
        return new PostgresServer(root, port, pid);
    }

    /// <summary>A new empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
#pragma warning disable CA2100 // the name is made here from a prefix, a counter and a GUID
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
        return Connection(name);
    }

    public string Connection(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = true }.ToString();

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsync("kill", ["-INT", Pid.ToString(CultureInfo.InvariantCulture)], asPostgres: false);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (IsAlive(Pid) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var info = asPostgres ? new ProcessStartInfo("runuser") { ArgumentList = { "-u", "postgres", "--", file } } : new ProcessStartInfo(file);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{await output}\n{await error}");
        }
    }
}
