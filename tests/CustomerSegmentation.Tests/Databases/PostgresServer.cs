using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CustomerSegmentation.Tests.Databases;

/// <summary>
/// A throwaway PostgreSQL server: Debian's <c>initdb</c> and <c>pg_ctl</c> (the newest /usr/lib/postgresql/*/bin)
/// start one in a temporary data directory on a free local port with trust authentication, no fsync, and its socket
/// in that directory; <see cref="Dispose"/> stops it and deletes the directory. As root (initdb refuses root) the
/// commands run as the <c>postgres</c> user through <c>runuser</c>. Shared by the tests' collection fixture and the
/// benchmarks (linked into both projects), so it needs nothing but the BCL.
/// </summary>
/// <example>
/// <code>
/// using var server = PostgresServer.Start();
/// string connectionString = server.CreateDatabase("customers");   // Host=127.0.0.1;Port=...;Username=postgres;Database=customers
/// </code>
/// </example>
public sealed class PostgresServer : IDisposable
{
    private const string ServiceUser = "postgres";

    private readonly string _bin;
    private readonly string _root;
    private readonly string _data;
    private bool _disposed;

    private PostgresServer(string bin)
    {
        _bin = bin;
        _root = Directory.CreateTempSubdirectory("cs-postgres-").FullName;
        _data = Path.Combine(_root, "data");
        Port = FreePort();
        if (RunsAsRoot)
        {
            Run("chown", [$"{ServiceUser}:{ServiceUser}", _root], asService: false);
        }

        try
        {
            Run(Path.Combine(_bin, "initdb"), ["-D", _data, "-U", ServiceUser, "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C"], asService: RunsAsRoot);
            Run(
                Path.Combine(_bin, "pg_ctl"),
                ["-D", _data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "-o", $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off", "start"],
                asService: RunsAsRoot);
        }
        catch
        {
            Delete();
            throw;
        }
    }

    /// <summary>The directory of the newest installed server's binaries, or null when none is installed.</summary>
    public static string? BinDirectory { get; } = FindBinaries();

    /// <summary>Why no server can start here (no binaries), or null when one can.</summary>
    public static string? Unavailable => BinDirectory is null
        ? "PostgreSQL's server binaries (initdb, pg_ctl under /usr/lib/postgresql/*/bin) are not installed; `apt-get install postgresql` (mandatory when CI=true)."
        : null;

    /// <summary>The local TCP port the server listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>The directory of the server's Unix-domain socket (Npgsql connects through it with <c>Host=</c> this directory).</summary>
    public string SocketDirectory => _root;

    /// <summary>The connection string of the server's default database "postgres".</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username={ServiceUser};Database=postgres;Pooling=false";

    /// <summary>Starts a server.</summary>
    /// <returns>The running server; dispose it to stop it and delete its files.</returns>
    /// <exception cref="InvalidOperationException">The binaries are absent, or initdb or pg_ctl failed (the message has their output).</exception>
    public static PostgresServer Start()
        => new(BinDirectory ?? throw new InvalidOperationException(Unavailable));

    /// <summary>Creates an empty database (dropping one of that name first).</summary>
    /// <param name="name">The database's name: letters, digits and underscores.</param>
    /// <returns>Its connection string.</returns>
    public string CreateDatabase(string name)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"'{name}' is not a plain database name (letters, digits, underscores).", nameof(name));
        }

        Run(Path.Combine(_bin, "psql"), ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", ServiceUser, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", $"DROP DATABASE IF EXISTS {name}", "-c", $"CREATE DATABASE {name}"], asService: false);
        return $"Host=127.0.0.1;Port={Port};Username={ServiceUser};Database={name};Pooling=false";
    }

    /// <summary>Stops the server (immediately: its data is thrown away) and deletes its directory.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            Run(Path.Combine(_bin, "pg_ctl"), ["-D", _data, "-m", "immediate", "-w", "stop"], asService: RunsAsRoot);
        }
        finally
        {
            Delete();
        }
    }

    private static bool RunsAsRoot => Environment.UserName == "root";

    private void Delete()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")) && File.Exists(Path.Combine(b, "psql")))
            .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out int v) ? v : 0)
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, IReadOnlyList<string> arguments, bool asService)
    {
        var start = new ProcessStartInfo(asService ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asService)
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(ServiceUser);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(program);
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish within two minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {error.Result}{output.Result}");
        }
    }
}
