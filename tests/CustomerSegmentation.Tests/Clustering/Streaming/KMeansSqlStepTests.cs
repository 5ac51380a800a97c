using System.Data.Common;
using CustomerSegmentation.Clustering.Streaming;
using CustomerSegmentation.Data;
using CustomerSegmentation.Tests.Databases;
using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CustomerSegmentation.Tests.Clustering.Streaming;

/// <summary>The Lloyd step in SQLite, in a temporary file.</summary>
public sealed class SqliteKMeansSqlStepTests : KMeansSqlStepContract
{
    protected override string ParameterPrefix => "@";

    protected override DbConnection Open(string directory)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "customers.db")};Pooling=False");
        connection.Open();
        return connection;
    }
}

/// <summary>The Lloyd step in DuckDB, in a temporary file.</summary>
public sealed class DuckDbKMeansSqlStepTests : KMeansSqlStepContract
{
    /// <summary>DuckDB names parameters with $.</summary>
    protected override string ParameterPrefix => "$";

    protected override DbConnection Open(string directory)
    {
        var connection = new DuckDBConnection($"Data Source={Path.Combine(directory, "customers.duckdb")}");
        connection.Open();
        return connection;
    }
}

/// <summary>
/// The Lloyd step in PostgreSQL: a fresh database on the test run's server (<see cref="PostgresFixture"/>); skipped
/// with a message when the server's binaries are absent, mandatory when CI=true.
/// </summary>
[NeedsPostgres]
[Collection(PostgresCollection.Name)]
public sealed class PostgresKMeansSqlStepTests(PostgresFixture fixture) : KMeansSqlStepContract
{
    // Initialised before the contract's constructor, which loads the rows through Open.
    private readonly string _connectionString = fixture.NewDatabase();

    protected override string ParameterPrefix => "@";

    protected override DbConnection Open(string directory)
    {
        var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        return connection;
    }
}

/// <summary>
/// What every engine must do with the one SQL text of <see cref="KMeansSqlStep"/>: the same labels as the library's
/// kernel on the same centres (except exact ties) and the same counts, sums and inertia within 1e-9 relative. Each
/// engine is a connection factory; its facts are <see cref="EngineFactAttribute"/>s, so PostgreSQL's skip when no server can start.
/// </summary>
public abstract class KMeansSqlStepContract : IDisposable
{
    private const string Table = "customer \"segments\"";
    private static readonly string[] Columns = ["Age", "Annual Income (k$)", "Spending Score (1-100)"];
    private readonly string _directory = Directory.CreateTempSubdirectory("cs-sql-step-").FullName;

    protected KMeansSqlStepContract()
    {
        // Whole numbers, as customer tables often hold: their float32 sums are exact, so the kernel's and the
        // engine's sums can be compared at 1e-9.
        double[][] rows = RandomData.Blobs(6000, 3, 5, seed: 21, spread: 1.5);
        Rows = [.. rows.Select(r => r.Select(v => Math.Round(v * 10)).ToArray())];
        Matrix = FeatureMatrix.FromRows(Rows, Columns);
        using DbConnection connection = Open(_directory);
        Execute(connection, $"CREATE TABLE {KMeansSqlStep.QuoteIdentifier(Table)} (id INTEGER, {string.Join(", ", Columns.Select(c => KMeansSqlStep.QuoteIdentifier(c) + " DOUBLE PRECISION"))})");
        // Literal rows, a thousand per statement: the values are whole numbers, printed exactly.
        foreach (double[][] batch in Rows.Select((row, i) => (row, i)).Chunk(1000).Select(b => b.Select(r => (double[])[r.i, .. r.row]).ToArray()))
        {
            Execute(connection, $"INSERT INTO {KMeansSqlStep.QuoteIdentifier(Table)} VALUES " + string.Join(", ", batch.Select(r =>
                "(" + string.Join(", ", r.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + ")")));
        }
    }

    private double[][] Rows { get; }

    private FeatureMatrix Matrix { get; }

    [EngineFact]
    public void The_engine_assigns_and_sums_as_the_kernel_does_on_the_same_centres()
    {
        double[,] centres = { { 3.3, -20.7, 41.1 }, { 60.2, 10.4, -5.9 }, { -30.6, 0.1, 12.5 }, { 0.45, 0.35, 0.25 } };
        double[] origin = [4, -3, 11];
        var step = new KMeansSqlStep(Table, Columns, 4, ParameterPrefix);
        using DbConnection connection = Open(_directory);

        int[] engineLabels = Labels(step, connection, centres, origin);
        int[] kernelLabels = new NearestCentres(centres).Predict(Matrix);
        AssertLabelsAgreeExceptTies(centres, engineLabels, kernelLabels);

        AssertClose(KMeansPartialSums.Compute(Matrix, centres, origin), step.Run(connection, centres, origin));
    }

    [EngineFact]
    public void A_Lloyd_driver_in_dotnet_runs_every_iteration_in_the_engine()
    {
        double[,] centres = { { 1, 2, 3 }, { -40, 5, 7 }, { 30, -10, 0 } };
        double[] origin = [0, 0, 0];
        var step = new KMeansSqlStep(Table, Columns, 3, ParameterPrefix);
        using DbConnection connection = Open(_directory);
        for (int iteration = 0; iteration < 15; iteration++)
        {
            KMeansPartialSums inEngine = step.Run(connection, centres, origin);
            KMeansPartialSums inMemory = KMeansPartialSums.Compute(Matrix, centres, origin);
            AssertClose(inMemory, inEngine);
            for (int k = 0; k < 3; k++)
            {
                double[] next = inEngine.Centroid(k)!;
                for (int j = 0; j < 3; j++)
                {
                    centres[k, j] = next[j];
                }
            }
        }
    }

    [EngineFact]
    public void One_centre_takes_every_row()
    {
        var step = new KMeansSqlStep(Table, Columns, 1, ParameterPrefix);
        using DbConnection connection = Open(_directory);
        KMeansPartialSums sums = step.Run(connection, new double[,] { { 0, 0, 0 } }, [0, 0, 0]);

        Assert.Equal(Rows.Length, sums.Count(0));
        Assert.Equal(Rows.Sum(r => r[0]), sums.Sum(0, 0), 1e-9);
        Assert.Equal(Rows.Sum(r => r.Sum(v => v * v)), sums.Inertia(0), 1e-6);
    }

    [EngineFact]
    public void A_missing_column_is_the_engines_error_naming_it()
    {
        var step = new KMeansSqlStep(Table, ["Age", "Loyalty Points"], 2, ParameterPrefix);
        using DbConnection connection = Open(_directory);
        var error = Assert.ThrowsAny<DbException>(() => step.Run(connection, new double[,] { { 0, 0 }, { 1, 1 } }, [0, 0]));
        Assert.Contains("Loyalty Points", error.Message, StringComparison.Ordinal);
    }

    [EngineFact]
    public void Centres_of_the_wrong_shape_are_refused_before_the_engine_is_asked()
    {
        var step = new KMeansSqlStep(Table, Columns, 2, ParameterPrefix);
        using DbConnection connection = Open(_directory);
        var error = Assert.Throws<ArgumentException>(() => step.Run(connection, new double[,] { { 0, 0, 0 } }, [0, 0, 0]));
        Assert.Contains("2 centres of 3 features but got 1 by 3", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>The engine's parameter marker.</summary>
    protected abstract string ParameterPrefix { get; }

    protected abstract DbConnection Open(string directory);

    private static int[] Labels(KMeansSqlStep step, DbConnection connection, double[,] centres, double[] origin)
    {
        using DbCommand command = step.Command(connection, step.AssignmentSql("id"), centres, origin);
        using DbDataReader reader = command.ExecuteReader();
        var labels = new List<int>();
        while (reader.Read())
        {
            Assert.Equal(labels.Count, Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
            labels.Add(Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
        }

        return [.. labels];
    }

    /// <summary>Labels may differ only where the two centres are equally near (in double, up to float32 rounding).</summary>
    private void AssertLabelsAgreeExceptTies(double[,] centres, int[] engine, int[] kernel)
    {
        Assert.Equal(kernel.Length, engine.Length);
        for (int i = 0; i < kernel.Length; i++)
        {
            if (engine[i] != kernel[i])
            {
                double a = Distance(Rows[i], centres, engine[i]);
                double b = Distance(Rows[i], centres, kernel[i]);
                Assert.True(Math.Abs(a - b) <= 1e-6 * Math.Max(a, b), $"Row {i}: the engine says {engine[i]} ({a}), the kernel {kernel[i]} ({b}).");
            }
        }
    }

    private static double Distance(double[] row, double[,] centres, int k)
        => Enumerable.Range(0, row.Length).Sum(j => (row[j] - centres[k, j]) * (row[j] - centres[k, j]));

    private static void AssertClose(KMeansPartialSums expected, KMeansPartialSums actual)
    {
        Assert.Equal(expected.Origin.ToArray(), actual.Origin.ToArray());
        for (int k = 0; k < expected.K; k++)
        {
            Assert.Equal(expected.Count(k), actual.Count(k));
            Assert.Equal(expected.Inertia(k), actual.Inertia(k), 1e-9 * Math.Max(1, expected.Inertia(k)));
            for (int j = 0; j < expected.FeatureCount; j++)
            {
                Assert.Equal(expected.Sum(k, j), actual.Sum(k, j), 1e-9 * Math.Max(1, Math.Abs(expected.Sum(k, j))));
            }
        }
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The kernel's assignment on the same centres, through the partial sums' own model of the data.</summary>
    private sealed class NearestCentres(double[,] centres)
    {
        public int[] Predict(FeatureMatrix data)
        {
            var labels = new int[data.RowCount];
            for (int i = 0; i < data.RowCount; i++)
            {
                FeatureMatrix row = data.SelectRows([i]);
                var sums = KMeansPartialSums.Compute(row, centres, new double[data.FeatureCount]);
                labels[i] = Enumerable.Range(0, centres.GetLength(0)).First(k => sums.Count(k) == 1);
            }

            return labels;
        }
    }
}
