using System.Data.Common;

using BenchmarkDotNet.Attributes;
using CustomerSegmentation.Benchmarks.Columns;
using CustomerSegmentation.Benchmarks.Datasets;
using CustomerSegmentation.Data;
using CustomerSegmentation.Tests.Databases;
using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CustomerSegmentation.Benchmarks.Data;

/// <summary>
/// Reading N customers (a text id and d double-precision features) from a real engine with
/// <see cref="CustomerDatabase.Read(DbConnection, string, IReadOnlyList{string}, CustomerCsvOptions?, CancellationToken)"/>
/// (ours), against the provider's own reader loop that fetches the same values into arrays with typed getters and does
/// nothing else (the baseline: what any reader pays). PostgreSQL is a throwaway local server started the way the tests
/// start it (skipped with a message when its binaries are absent), read through its Unix-domain socket with a 64 KiB
/// read buffer; SQLite and DuckDB are files in a temporary directory.
/// The Rows/s column gives the throughput.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RowThroughputConfig))]
public class DatabaseLoadBenchmarks : SizedBenchmark
{
    private const string Sql = "SELECT * FROM customers";
    private PostgresServer? _postgres;
    private string _directory = string.Empty;
    private Func<DbConnection> _connect = null!;
    private string[] _features = [];
    private CustomerCsvOptions _options = null!;
    private string? _skipped;

    /// <summary>The engine read from.</summary>
    [ParamsSource(nameof(Engines))]
    public string Engine { get; set; } = "PostgreSQL";

    /// <summary>PostgreSQL, SQLite and DuckDB, or those listed in <c>CS_BENCH_ENGINES</c> (comma-separated, e.g. <c>PostgreSQL</c>).</summary>
    public static IEnumerable<string> Engines
    {
        get
        {
            string[] all = ["PostgreSQL", "SQLite", "DuckDB"];
            string? listed = Environment.GetEnvironmentVariable("CS_BENCH_ENGINES");
            if (string.IsNullOrWhiteSpace(listed))
            {
                return all;
            }

            string[] chosen = [.. listed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
            string? unknown = chosen.FirstOrDefault(e => !all.Contains(e, StringComparer.Ordinal));
            return unknown is null ? chosen : throw new InvalidOperationException($"CS_BENCH_ENGINES holds '{unknown}'; use PostgreSQL, SQLite and/or DuckDB.");
        }
    }

    /// <summary>Starts the engine and loads the customers (uniform data from a fixed seed).</summary>
    [GlobalSetup]
    public void Setup()
    {
        FeatureMatrix data = SyntheticFeatures.Generate(DataShape.Uniform, N, D);
        _features = [.. data.FeatureNames.Select((_, j) => $"f{j}")];
        _options = new CustomerCsvOptions { IdColumn = "id" };
        _directory = Directory.CreateTempSubdirectory("cs-bench-db-").FullName;
        string columns = string.Join(", ", _features.Select(f => $"{f} DOUBLE PRECISION"));
        switch (Engine)
        {
            case "PostgreSQL":
                if (PostgresServer.Unavailable is { } reason)
                {
                    _skipped = reason;
                    Console.WriteLine($"// PostgreSQL benchmark skipped: {reason}");
                    return;
                }

                _postgres = PostgresServer.Start();
                // The Unix-domain socket and a 64 KiB read buffer: the fastest way Npgsql reads a large result locally.
                string connectionString = $"Host={_postgres.SocketDirectory};Port={_postgres.Port};Username=postgres;Database={new NpgsqlConnectionStringBuilder(_postgres.CreateDatabase("bench")).Database};Pooling=false;Read Buffer Size=65536";
                _connect = () => new NpgsqlConnection(connectionString);
                Execute($"CREATE TABLE customers (id TEXT, {columns})");
                using (var connection = new NpgsqlConnection(connectionString))
                {
                    connection.Open();
                    using NpgsqlBinaryImporter copy = connection.BeginBinaryImport($"COPY customers (id, {string.Join(", ", _features)}) FROM STDIN (FORMAT BINARY)");
                    for (int i = 0; i < N; i++)
                    {
                        copy.StartRow();
                        copy.Write($"C{i}");
                        for (int j = 0; j < D; j++)
                        {
                            copy.Write((double)data[i, j]);
                        }
                    }

                    copy.Complete();
                }

                break;
            case "SQLite":
                string file = Path.Combine(_directory, "bench.db");
                _connect = () => new SqliteConnection($"Data Source={file};Pooling=False");
                Execute($"CREATE TABLE customers (id TEXT, {columns})");
                InsertRows(data, "@");
                break;
            default:
                string duck = Path.Combine(_directory, "bench.duckdb");
                _connect = () => new DuckDBConnection($"Data Source={duck}");
                Execute($"CREATE TABLE customers (id VARCHAR, {columns})");
                using (var connection = new DuckDBConnection($"Data Source={duck}"))
                {
                    connection.Open();
                    using DuckDBAppender appender = connection.CreateAppender("customers");
                    for (int i = 0; i < N; i++)
                    {
                        IDuckDBAppenderRow row = appender.CreateRow().AppendValue($"C{i}");
                        for (int j = 0; j < D; j++)
                        {
                            row = row.AppendValue((double)data[i, j]);
                        }

                        row.EndRow();
                    }
                }

                break;
        }
    }

    /// <summary>Stops the server and deletes the files.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _postgres?.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The provider's reader alone: the same values into arrays with typed getters.</summary>
    /// <returns>The number of rows read.</returns>
    [Benchmark(Baseline = true)]
    public int ProviderReader()
    {
        if (_skipped is not null)
        {
            return 0;
        }

        using DbConnection connection = _connect();
        connection.Open();
        using DbCommand command = connection.CreateCommand();
        command.CommandText = Sql;
        using DbDataReader reader = command.ExecuteReader();
        var ids = new List<string>(N);
        var values = new double[D][];
        for (int j = 0; j < D; j++)
        {
            values[j] = new double[N];
        }

        int i = 0;
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
            for (int j = 0; j < D; j++)
            {
                values[j][i] = reader.GetDouble(j + 1);
            }

            i++;
        }

        return i;
    }

    /// <summary>Our reader: names, checks, the bad-row policy, float32 columns padded for the kernels, ids.</summary>
    /// <returns>The customer table.</returns>
    [Benchmark]
    public CustomerTable? CustomerDatabaseRead()
    {
        if (_skipped is not null)
        {
            return null;
        }

        using DbConnection connection = _connect();
        return CustomerDatabase.Read(connection, Sql, _features, _options);
    }

    private void Execute(string sql)
    {
        using DbConnection connection = _connect();
        connection.Open();
        using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void InsertRows(FeatureMatrix data, string marker)
    {
        using DbConnection connection = _connect();
        connection.Open();
        using DbTransaction transaction = connection.BeginTransaction();
        using DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO customers VALUES ({marker}id, {string.Join(", ", _features.Select(f => marker + f))})";
        DbParameter id = command.CreateParameter();
        id.ParameterName = "id";
        command.Parameters.Add(id);
        DbParameter[] values = [.. _features.Select(f =>
        {
            DbParameter p = command.CreateParameter();
            p.ParameterName = f;
            command.Parameters.Add(p);
            return p;
        })];
        for (int i = 0; i < N; i++)
        {
            id.Value = $"C{i}";
            for (int j = 0; j < D; j++)
            {
                values[j].Value = (double)data[i, j];
            }

            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
