using System.Collections.Immutable;
using System.Data.Common;
using System.Globalization;
using System.Text;

namespace CustomerSegmentation.Clustering.Streaming;

/// <summary>
/// The Lloyd step as one SQL query, run by the database that holds the rows: each row goes to its nearest centre
/// (ties to the lowest index) and the query returns, per centre, the row count, the sum per feature of the values
/// minus an origin, and the inertia: a <see cref="KMeansPartialSums"/>. A .NET driver keeps the initialisation, the
/// convergence test and the model, and calls <see cref="Run"/> once per iteration.
/// </summary>
/// <remarks>
/// <para>
/// The text is built from the table and column names (quoted as SQL identifiers, embedded double quotes doubled, so
/// any name is safe); the centres and the origin are parameters named <c>o0..o{d-1}</c> and <c>c{k}_{j}</c>, written
/// with <see cref="ParameterPrefix"/> (<c>@</c> by default, which SQLite, PostgreSQL (Npgsql) and DuckDB read).
/// </para>
/// <para>
/// SQL it needs (SQL:1999, run unchanged by SQLite, DuckDB and PostgreSQL, and by Spark SQL, BigQuery and Snowflake
/// given their parameter syntax): a non-recursive <c>WITH</c>, <c>CASE WHEN</c>, arithmetic on double precision,
/// <c>COUNT(*)</c>, <c>SUM</c>, <c>GROUP BY</c> and <c>ORDER BY</c> on an output column, double-quoted identifiers.
/// No window functions, no <c>LEAST</c>, no arrays. Rows with a NULL feature are left out (<c>WHERE ... IS NOT NULL</c>).
/// The database computes in double precision; the library's kernel measures distances in float32, so a row almost
/// exactly between two centres may be assigned differently.
/// </para>
/// </remarks>
public sealed class KMeansSqlStep
{
    /// <summary>Builds the query for <paramref name="k"/> centres over <paramref name="featureColumns"/> of <paramref name="table"/>.</summary>
    /// <param name="table">The table (or view) holding one row per customer; a dotted name such as <c>sales.customers</c> is quoted part by part.</param>
    /// <param name="featureColumns">The feature columns, in the centres' order.</param>
    /// <param name="k">The number of centres.</param>
    /// <param name="parameterPrefix">The parameter marker of the provider: <c>@</c> (default), <c>$</c> or <c>:</c>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The table or a column name is empty, there is no column, a column repeats, or the prefix is not one of the three.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is less than 1.</exception>
    public KMeansSqlStep(string table, IReadOnlyList<string> featureColumns, int k, string parameterPrefix = "@")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentNullException.ThrowIfNull(featureColumns);
        ArgumentNullException.ThrowIfNull(parameterPrefix);
        ClusteringChecks.AtLeast(k, 1, nameof(k));
        if (featureColumns.Count == 0 || featureColumns.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Give at least one feature column, each with a non-empty name.", nameof(featureColumns));
        }

        string? repeated = featureColumns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (repeated is not null)
        {
            throw new ArgumentException($"The feature column '{repeated}' is given twice; give each column once.", nameof(featureColumns));
        }

        if (parameterPrefix is not ("@" or "$" or ":"))
        {
            throw new ArgumentException($"The parameter prefix '{parameterPrefix}' is not one of @, $ or :.", nameof(parameterPrefix));
        }

        Table = table;
        FeatureColumns = [.. featureColumns];
        K = k;
        ParameterPrefix = parameterPrefix;
        Sql = Build(grouped: true, keyColumn: null);
    }

    /// <summary>The table.</summary>
    public string Table { get; }

    /// <summary>The feature columns, in order.</summary>
    public ImmutableArray<string> FeatureColumns { get; }

    /// <summary>The number of centres.</summary>
    public int K { get; }

    /// <summary>The parameter marker written before each parameter name.</summary>
    public string ParameterPrefix { get; }

    /// <summary>The query: one row per centre that has rows, columns <c>k, n, s0..s{d-1}, inertia</c>, ordered by k.</summary>
    public string Sql { get; }

    /// <summary>Quotes a name as an SQL identifier: each dot-separated part in double quotes, embedded double quotes doubled.</summary>
    /// <param name="name">The name, e.g. <c>customers</c> or <c>sales.customers</c>.</param>
    /// <returns>The quoted identifier, e.g. <c>"sales"."customers"</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or has an empty part.</exception>
    public static string QuoteIdentifier(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        string[] parts = name.Split('.');
        if (parts.Any(p => p.Length == 0))
        {
            throw new ArgumentException($"The name '{name}' has an empty part between dots.", nameof(name));
        }

        return string.Join('.', parts.Select(p => "\"" + p.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
    }

    /// <summary>The assignment alone, per row: columns <c>key, k</c> (the nearest centre), ordered by the key; for checking labels.</summary>
    /// <param name="keyColumn">The column that identifies a row (the customer id).</param>
    /// <returns>The query text, with the same parameters as <see cref="Sql"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="keyColumn"/> is null or empty.</exception>
    public string AssignmentSql(string keyColumn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyColumn);
        return Build(grouped: false, keyColumn);
    }

    /// <summary>Runs one Lloyd step in the database.</summary>
    /// <param name="connection">An open connection to the database holding <see cref="Table"/>.</param>
    /// <param name="centres">K centres by features, in the data's units.</param>
    /// <param name="origin">One value per feature subtracted before the sums (rounded to float32, as <see cref="KMeansPartialSums.Origin"/>); near the mean is best.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The partial sums of every row of the table.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The centres or the origin do not match K and the columns, or a value is not finite.</exception>
    /// <exception cref="DbException">The database refused the query (a missing table or column, a column that is not numeric).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public KMeansPartialSums Run(DbConnection connection, double[,] centres, IReadOnlyList<double> origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using DbCommand command = Command(connection, Sql, centres, origin);
        int features = FeatureColumns.Length;
        var counts = new long[K];
        var sums = new double[K, features];
        var inertia = new double[K];
        using (DbDataReader reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                int k = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
                counts[k] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
                for (int j = 0; j < features; j++)
                {
                    sums[k, j] = Convert.ToDouble(reader.GetValue(2 + j), CultureInfo.InvariantCulture);
                }

                inertia[k] = Convert.ToDouble(reader.GetValue(2 + features), CultureInfo.InvariantCulture);
            }
        }

        return KMeansPartialSums.FromValues([.. origin.Select(o => (double)(float)o)], counts, sums, inertia);
    }

    /// <summary>A command for <paramref name="sql"/> with the origin and the centred centres as parameters.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="sql">This step's <see cref="Sql"/> or <see cref="AssignmentSql"/>.</param>
    /// <param name="centres">K centres by features, in the data's units.</param>
    /// <param name="origin">One value per feature (rounded to float32).</param>
    /// <returns>The command, for the caller to run and dispose.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The centres or the origin do not match K and the columns, or a value is not finite.</exception>
    public DbCommand Command(DbConnection connection, string sql, double[,] centres, IReadOnlyList<double> origin)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(centres);
        ArgumentNullException.ThrowIfNull(origin);
        int features = FeatureColumns.Length;
        if (centres.GetLength(0) != K || centres.GetLength(1) != features || origin.Count != features)
        {
            throw new ArgumentException(
                $"The step is for {K} centres of {features} features but got {centres.GetLength(0)} by {centres.GetLength(1)} centres and {origin.Count} origin values.",
                nameof(centres));
        }

        DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        for (int j = 0; j < features; j++)
        {
            double o = (float)origin[j];
            Add(command, $"o{j}", Finite(o, "origin", j));
            for (int k = 0; k < K; k++)
            {
                Add(command, $"c{k}_{j}", Finite(centres[k, j], $"centre {k}", j) - o);
            }
        }

        return command;
    }

    private static double Finite(double value, string what, int feature)
        => double.IsFinite(value) ? value : throw new ArgumentException($"The {what} has {value} for feature {feature}; every value must be finite.", "centres");

    private static void Add(DbCommand command, string name, double value)
    {
        DbParameter parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        parameter.DbType = System.Data.DbType.Double;
        command.Parameters.Add(parameter);
    }

    /// <summary>CASE WHEN d0 &lt;= d1 AND ... THEN value(0) WHEN d1 &lt;= d2 ... ELSE value(K - 1) END: the first nearest centre, ties to the lowest.</summary>
    private string Nearest(Func<int, string> value)
    {
        var text = new StringBuilder("CASE");
        for (int k = 0; k < K - 1; k++)
        {
            text.Append(" WHEN ").AppendJoin(" AND ", Enumerable.Range(k + 1, K - k - 1).Select(m => $"d{k} <= d{m}")).Append(" THEN ").Append(value(k));
        }

        return text.Append(" ELSE ").Append(value(K - 1)).Append(" END").ToString();
    }

    private string Build(bool grouped, string? keyColumn)
    {
        int features = FeatureColumns.Length;
        string p = ParameterPrefix;
        var sql = new StringBuilder();
        string key = keyColumn is null ? string.Empty : QuoteIdentifier(keyColumn) + " AS row_key, ";
        sql.Append("WITH centred AS (SELECT ").Append(key);
        sql.AppendJoin(", ", Enumerable.Range(0, features).Select(j => $"CAST({QuoteIdentifier(FeatureColumns[j])} AS DOUBLE PRECISION) - {p}o{j} AS v{j}"));
        sql.Append(" FROM ").Append(QuoteIdentifier(Table)).Append(" WHERE ");
        sql.AppendJoin(" AND ", FeatureColumns.Select(c => $"{QuoteIdentifier(c)} IS NOT NULL"));
        sql.Append("), distances AS (SELECT ").Append(keyColumn is null ? string.Empty : "row_key, ");
        sql.AppendJoin(", ", Enumerable.Range(0, features).Select(j => $"v{j}"));
        for (int k = 0; k < K; k++)
        {
            sql.Append(", ");
            sql.AppendJoin(" + ", Enumerable.Range(0, features).Select(j => $"(v{j} - {p}c{k}_{j}) * (v{j} - {p}c{k}_{j})"));
            sql.Append(" AS d").Append(k);
        }

        sql.Append(" FROM centred), assigned AS (SELECT ").Append(keyColumn is null ? string.Empty : "row_key, ");
        sql.AppendJoin(", ", Enumerable.Range(0, features).Select(j => $"v{j}"));
        if (K == 1)
        {
            sql.Append(", 0 AS k, d0 AS distance FROM distances) ");
        }
        else
        {
            sql.Append(", ").Append(Nearest(k => k.ToString(CultureInfo.InvariantCulture))).Append(" AS k, ");
            sql.Append(Nearest(k => $"d{k}")).Append(" AS distance FROM distances) ");
        }
        if (grouped)
        {
            sql.Append("SELECT k, COUNT(*) AS n, ");
            sql.AppendJoin(", ", Enumerable.Range(0, features).Select(j => $"SUM(v{j}) AS s{j}"));
            sql.Append(", SUM(distance) AS inertia FROM assigned GROUP BY k ORDER BY k");
        }
        else
        {
            sql.Append("SELECT row_key, k FROM assigned ORDER BY row_key");
        }

        return sql.ToString();
    }
}
