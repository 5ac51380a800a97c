using System.Data.Common;

using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CustomerSegmentation.Tests.Databases;

/// <summary>One real database engine for a test: how to connect, its column types and parameter marker, and how to load rows.</summary>
public abstract class TestEngine : IDisposable
{
    /// <summary>The engine's name in messages.</summary>
    public abstract string Name { get; }

    /// <summary>What goes before a parameter name in SQL.</summary>
    public virtual string Marker => "@";

    /// <summary>The column type of a double.</summary>
    public virtual string DoubleType => "DOUBLE PRECISION";

    /// <summary>The column type of money.</summary>
    public virtual string MoneyType => "NUMERIC(14,2)";

    /// <summary>The column type of a timestamp without time zone.</summary>
    public virtual string TimestampType => "TIMESTAMP";

    /// <summary>The column type of a calendar day.</summary>
    public virtual string DateType => "DATE";

    /// <summary>A new, closed connection.</summary>
    public abstract DbConnection Connect();

    /// <summary>Runs statements.</summary>
    public void Execute(params string[] statements)
    {
        using DbConnection connection = Connect();
        connection.Open();
        foreach (string sql in statements)
        {
            using DbCommand command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Inserts rows (values bound as parameters) in one transaction.</summary>
    public void Insert(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        using DbConnection connection = Connect();
        connection.Open();
        using DbTransaction transaction = connection.BeginTransaction();
        using DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"{Marker}p{i}"))})";
        var parameters = new DbParameter[columns.Count];
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = $"p{i}";
            command.Parameters.Add(parameters[i]);
        }

        foreach (object?[] row in rows)
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = row[i] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <inheritdoc/>
    public abstract void Dispose();
}

/// <summary>An engine embedded in the test process, its database in a temporary directory deleted afterwards.</summary>
public abstract class EmbeddedEngine : TestEngine
{
    /// <summary>The temporary directory of the database file.</summary>
    protected string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("cs-embedded-").FullName;

    /// <summary>The embedded engine of that name ("SQLite" or "DuckDB").</summary>
    public static EmbeddedEngine Named(string name) => name == "SQLite" ? new SqliteEngine() : new DuckDbEngine();

    /// <inheritdoc/>
    public override void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

/// <summary>SQLite (Microsoft.Data.Sqlite) in a temporary file.</summary>
public sealed class SqliteEngine : EmbeddedEngine
{
    /// <inheritdoc/>
    public override string Name => "SQLite";

    /// <inheritdoc/>
    public override string DoubleType => "REAL";

    /// <summary>SQLite has no decimal: money is stored as integer cents (<c>TransactionTable.AmountScale = 2</c>).</summary>
    public override string MoneyType => "INTEGER";

    /// <inheritdoc/>
    public override string TimestampType => "TEXT";

    /// <inheritdoc/>
    public override string DateType => "TEXT";

    /// <inheritdoc/>
    public override DbConnection Connect() => new SqliteConnection($"Data Source={Path.Combine(Directory, "test.db")};Pooling=False");
}

/// <summary>DuckDB (DuckDB.NET) in a temporary file.</summary>
public sealed class DuckDbEngine : EmbeddedEngine
{
    /// <inheritdoc/>
    public override string Name => "DuckDB";

    /// <inheritdoc/>
    public override string Marker => "$";

    /// <inheritdoc/>
    public override string DoubleType => "DOUBLE";

    /// <inheritdoc/>
    public override string MoneyType => "DECIMAL(14,2)";

    /// <inheritdoc/>
    public override DbConnection Connect() => new DuckDBConnection($"Data Source={Path.Combine(Directory, "test.duckdb")}");
}

/// <summary>A fresh database on the test run's PostgreSQL server (Npgsql).</summary>
public sealed class PostgresEngine(PostgresFixture fixture) : TestEngine
{
    private readonly string _connectionString = fixture.NewDatabase();

    /// <inheritdoc/>
    public override string Name => "PostgreSQL";

    /// <inheritdoc/>
    public override DbConnection Connect() => new NpgsqlConnection(_connectionString);

    /// <inheritdoc/>
    public override void Dispose()
    {
    }
}
