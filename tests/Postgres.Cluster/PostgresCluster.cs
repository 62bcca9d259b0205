using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace LeadDesk.Postgres.Cluster;

/// <summary>
/// A real PostgreSQL server of Debian's binaries (<c>/usr/lib/postgresql/*/bin</c>, or <c>PG_BIN</c>), started once per
/// process in a temp directory: <c>initdb</c> (run as the unprivileged <c>postgres</c> user when the tests run as root,
/// since initdb refuses root), listening on 127.0.0.1 on a free port, trust authentication, no fsync. Each test
/// takes a database of its own (<see cref="CreateDatabaseAsync"/>). The server is stopped and its directory removed
/// when the process exits.
/// </summary>
public sealed class PostgresCluster
{
    private static readonly Lazy<Task<PostgresCluster>> Shared = new(StartAsync);
    private static int _databases;

    private readonly string _directory;
    private readonly string _bin;
    private readonly string? _runAs;

    private PostgresCluster(string directory, string bin, string? runAs, int port)
    {
        _directory = directory;
        _bin = bin;
        _runAs = runAs;
        Port = port;
    }

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The superuser the cluster was made with.</summary>
    public const string User = "leaddesk";

    /// <summary>A connection string to <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = User,
            Database = database,
            // Tests open many small pools; keep each small so the server's connection limit is never the test.
            MaxPoolSize = 20,
        }.ConnectionString;

    /// <summary>
    /// The process's cluster, started on first use. Throws <see cref="PostgresUnavailableException"/> naming why when
    /// no server can be started here (no binaries, no unprivileged user, initdb or pg_ctl failed).
    /// </summary>
    public static Task<PostgresCluster> GetAsync() => Shared.Value;

    /// <summary>The process's cluster, or the test skips (xunit v3 <c>Assert.Skip</c>) saying why there is none.</summary>
    public static async Task<PostgresCluster> GetOrSkipAsync()
    {
        try
        {
            return await GetAsync().ConfigureAwait(false);
        }
        catch (PostgresUnavailableException e)
        {
            Xunit.Assert.Skip("no PostgreSQL server for the tests: " + e.Message);
            throw;
        }
    }

    /// <summary>A new empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = "t" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "_"
            + Interlocked.Increment(ref _databases).ToString(CultureInfo.InvariantCulture);
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return ConnectionString(name);
    }

    /// <summary>Drops the database of <paramref name="connectionString"/>, closing whatever is still connected to it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static async Task<PostgresCluster> StartAsync()
    {
        var bin = FindBin() ?? throw new PostgresUnavailableException(
            "no PostgreSQL server binaries: looked at $PG_BIN and /usr/lib/postgresql/*/bin (Debian package postgresql)");
        string? runAs = null;
        if (Environment.UserName == "root" || IsRoot())
        {
            // initdb refuses to run as root; Debian's package made this user.
            runAs = "postgres";
            if (await RunAsync("id", ["-u", runAs]).ConfigureAwait(false) is { Code: not 0 })
            {
                throw new PostgresUnavailableException("running as root and there is no 'postgres' user to run initdb as");
            }
        }

        var directory = Path.Combine(Path.GetTempPath(), "leaddesk-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        if (runAs is not null)
        {
            await MustAsync("chown", [runAs, directory], "chown of the cluster directory").ConfigureAwait(false);
        }

        var data = Path.Combine(directory, "data");
        var port = FreePort();
        var cluster = new PostgresCluster(directory, bin, runAs, port);
        await cluster.PgAsync("initdb", ["-D", data, "-U", User, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]).ConfigureAwait(false);
        var options = string.Join(' ',
            "-c listen_addresses=127.0.0.1",
            "-p " + port.ToString(CultureInfo.InvariantCulture),
            "-k " + directory,
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            // A container's /dev/shm is often 64 MB: keep parallel queries' shared memory out of it.
            "-c dynamic_shared_memory_type=mmap",
            "-c max_connections=400");
        await cluster.PgAsync("pg_ctl", ["-D", data, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "-o", options, "start"]).ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        return cluster;
    }

    private void Stop()
    {
        try
        {
            PgAsync("pg_ctl", ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop"]).GetAwaiter().GetResult();
        }
        catch (PostgresUnavailableException)
        {
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private Task PgAsync(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_bin, tool);
        return _runAs is null
            ? MustAsync(path, arguments, tool)
            : MustAsync("runuser", ["-u", _runAs, "--", path, .. arguments], tool);
    }

    private static async Task MustAsync(string file, IReadOnlyList<string> arguments, string what)
    {
        var result = await RunAsync(file, arguments).ConfigureAwait(false);
        if (result.Code != 0)
        {
            var said = result.Output.ReplaceLineEndings(" ").Trim();
            throw new PostgresUnavailableException($"{what} failed (exit {result.Code}): {(said.Length > 300 ? said[..300] : said)}");
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"{file}: {e.Message}");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().ConfigureAwait(false);
            return (process.ExitCode, await output.ConfigureAwait(false) + await error.ConfigureAwait(false));
        }
    }

    private static string? FindBin()
    {
        if (Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } configured && File.Exists(Path.Combine(configured, "initdb")))
        {
            return configured;
        }

        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
            .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    private static bool IsRoot() =>
        File.Exists("/proc/self/status")
        && File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal)) is { } uid
        && uid.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) == "0";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>No PostgreSQL server can be started here; the message says why, for a test's skip reason.</summary>
public sealed class PostgresUnavailableException(string message) : Exception(message);
