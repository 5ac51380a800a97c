using System.Text;

namespace CustomerSegmentation.Loyalty;

/// <summary>
/// A table (or view) of transaction lines inside a database, by name, for the summaries the engine computes itself:
/// <see cref="RfmAnalyzer.AnalyzeInDatabase"/> and <see cref="PurchaseSummary.FromDatabase"/> send one SQL query each
/// (<see cref="RfmQuery"/>, <see cref="PurchaseSummaryQuery"/>) and get one row per customer back, so billions of lines
/// never leave the engine; the date arithmetic, the scores and the records are finished in .NET.
/// </summary>
/// <remarks>
/// <para>The SQL text is built from these names only, each quoted (<see cref="IdentifierQuote"/>, quotes inside a name
/// doubled), and every value travels as a parameter (<see cref="ParameterMarker"/>); it uses nothing beyond SQL-92
/// plus a common table expression: <c>WITH</c>, <c>SELECT ... FROM ... WHERE ... GROUP BY ... HAVING</c>, an inner
/// <c>JOIN</c> on a derived table, <c>CASE WHEN</c>, <c>MIN</c>, <c>MAX</c>, <c>SUM</c>, <c>COUNT(*)</c> and
/// <c>COUNT(DISTINCT ...)</c>, <c>IS NOT NULL</c> and comparisons with a parameter. PostgreSQL, SQLite and DuckDB run
/// it as it is (the tests check all three); Spark SQL and BigQuery run it with backtick quotes; Snowflake with the
/// default quotes (there, as in PostgreSQL, a quoted name matches the column's exact case).</para>
/// <para>The rows are taken as the reader would keep them: lines with a NULL customer, timestamp, day, amount or (when
/// set) order id are left out, as the reader skips such rows; lines after <see cref="LatestDate"/> are left out;
/// returns follow <see cref="Returns"/>. The engine does no trimming or parsing, so ids must be clean and the columns
/// of the right types.</para>
/// <para>Money: the sums are exact where the engine's type is (PostgreSQL <c>numeric</c>, DuckDB <c>DECIMAL</c>, any
/// integer). SQLite has no decimal type: its <c>REAL</c> sums are binary floating point and may be off in the last
/// cent of a large sum, so store money there as integer cents and set <see cref="AmountScale"/> to 2.</para>
/// <para>Customers come back in the order of the in-memory analysis, the order of their first line in the data,
/// when <see cref="SequenceColumn"/> names the column that gives that order (a line number, an increasing id);
/// otherwise in order of their first timestamp, then of their id (ordinal), which is the in-memory order of lines
/// sorted by timestamp and customer. RFM's F score breaks ties by this order.</para>
/// </remarks>
public sealed record TransactionTable
{
    /// <summary>Names a table of transaction lines and its three required columns.</summary>
    /// <param name="table">The table or view, optionally qualified by a schema ("sales.lines"); each dot-separated part is quoted.</param>
    /// <param name="customerIdColumn">The column of customer ids.</param>
    /// <param name="timestampColumn">The column of the lines' dates or timestamps (date, timestamp, or ISO 8601 text in SQLite).</param>
    /// <param name="amountColumn">The column of the lines' net amounts (negative for a return).</param>
    /// <exception cref="ArgumentException">A name is null or blank, or the table has an empty part.</exception>
    public TransactionTable(string table, string customerIdColumn, string timestampColumn, string amountColumn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        if (table.Split('.').Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"The table name '{table}' has an empty part; give a name such as \"lines\" or \"sales.lines\".", nameof(table));
        }

        Table = table.Trim();
        CustomerIdColumn = Name(customerIdColumn, nameof(customerIdColumn));
        TimestampColumn = Name(timestampColumn, nameof(timestampColumn));
        AmountColumn = Name(amountColumn, nameof(amountColumn));
    }

    /// <summary>The table or view.</summary>
    public string Table { get; }

    /// <summary>The column of customer ids.</summary>
    public string CustomerIdColumn { get; }

    /// <summary>The column of dates or timestamps: Recency, first and last purchase, and <see cref="LatestDate"/> use it.</summary>
    public string TimestampColumn { get; }

    /// <summary>The column of net amounts.</summary>
    public string AmountColumn { get; }

    /// <summary>
    /// The column holding each line's calendar day (a date, or 'yyyy-MM-dd' text), which purchase days are counted
    /// and the purchase summary is measured by; null when <see cref="TimestampColumn"/> holds days already. Needed
    /// when the timestamps carry a time of day (a view with <c>CAST(ts AS DATE)</c> or a stored column gives it).
    /// </summary>
    /// <value>The default is null (the timestamp column).</value>
    /// <exception cref="ArgumentException">Set to a blank name.</exception>
    public string? DayColumn { get; init => field = NameOrNull(value, nameof(DayColumn)); }

    /// <summary>The column of order (invoice) ids, or null; with it RFM's Frequency counts distinct orders (unless <see cref="RfmOptions.Frequency"/> asks for purchase days) and lines without an order id are left out, as the reader skips them.</summary>
    /// <value>The default is null.</value>
    /// <exception cref="ArgumentException">Set to a blank name.</exception>
    public string? OrderIdColumn { get; init => field = NameOrNull(value, nameof(OrderIdColumn)); }

    /// <summary>A column that orders the lines as the data was written (a line number, an increasing integer id), or null; customers are then listed in order of their first line by it.</summary>
    /// <value>The default is null (customers in order of first timestamp, then id).</value>
    /// <exception cref="ArgumentException">Set to a blank name.</exception>
    public string? SequenceColumn { get; init => field = NameOrNull(value, nameof(SequenceColumn)); }

    /// <summary>The amount column holds money in units of 10^-scale of the currency: 0 when it holds the amount itself, 2 for integer cents.</summary>
    /// <value>The default is 0.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set below 0 or above 28.</exception>
    public int AmountScale
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(AmountScale));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 28, nameof(AmountScale));
            field = value;
        }
    }

    /// <summary>What to do with return lines (negative amounts), as <see cref="TransactionCsvOptions.Returns"/> does for a file.</summary>
    /// <value>The default is <see cref="ReturnsPolicy.Exclude"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to an undefined value.</exception>
    public ReturnsPolicy Returns { get; init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Returns), value, $"{value} is not a returns policy; use {nameof(ReturnsPolicy.Exclude)} or {nameof(ReturnsPolicy.NetAgainstPurchases)}."); } = ReturnsPolicy.Exclude;

    /// <summary>The last day a line may be dated, as <see cref="TransactionCsvOptions.LatestDate"/>: later lines are left out; null means the day after the query (UTC clock).</summary>
    /// <value>The default is null.</value>
    public DateOnly? LatestDate { get; init; }

    /// <summary>The character that quotes names: '"' (standard SQL: PostgreSQL, SQLite, DuckDB, Snowflake) or '`' (Spark SQL, BigQuery, MySQL).</summary>
    /// <value>The default is '"'.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to another character.</exception>
    public char IdentifierQuote { get; init => field = value is '"' or '`' ? value : throw new ArgumentOutOfRangeException(nameof(IdentifierQuote), value, "The identifier quote must be '\"' (standard SQL) or '`' (Spark SQL, BigQuery, MySQL)."); } = '"';

    /// <summary>What goes before a parameter's name in the SQL text: "@" (Npgsql, SQLite, SQL Server), "$" (DuckDB) or ":" (Oracle, SQLite).</summary>
    /// <value>The default is "@".</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to another text.</exception>
    public string ParameterMarker { get; init => field = value is "@" or "$" or ":" ? value : throw new ArgumentOutOfRangeException(nameof(ParameterMarker), value, "The parameter marker must be \"@\", \"$\" or \":\"."); } = "@";

    /// <summary>The name of the one parameter of both queries: the first day after the data kept (a <see cref="DateOnly"/>); lines dated on or after it are left out.</summary>
    public const string EndParameter = "after_end";

    /// <summary>
    /// The RFM query: one row per customer with its first and last line, first and last purchase, net amount, distinct
    /// purchase days, and (with an order id column) distinct orders, and (with a sequence column) its first line.
    /// </summary>
    /// <returns>The SQL text; it takes the parameter <see cref="EndParameter"/>.</returns>
    public string RfmQuery()
    {
        string c = Quote(CustomerIdColumn), ts = Quote(TimestampColumn), a = Quote(AmountColumn), d = Quote(DayColumn ?? TimestampColumn);
        var sql = new StringBuilder();
        sql.Append("SELECT ").Append(c).Append(" AS customer_id");
        sql.Append(", MIN(").Append(ts).Append(") AS first_line, MAX(").Append(ts).Append(") AS last_line");
        sql.Append(", MIN(CASE WHEN ").Append(a).Append(" >= 0 THEN ").Append(ts).Append(" END) AS first_purchase");
        sql.Append(", MAX(CASE WHEN ").Append(a).Append(" >= 0 THEN ").Append(ts).Append(" END) AS last_purchase");
        sql.Append(", SUM(").Append(a).Append(") AS monetary");
        sql.Append(", COUNT(DISTINCT CASE WHEN ").Append(a).Append(" >= 0 THEN ").Append(d).Append(" END) AS purchase_days");
        if (OrderIdColumn is not null)
        {
            sql.Append(", COUNT(DISTINCT CASE WHEN ").Append(a).Append(" >= 0 THEN ").Append(Quote(OrderIdColumn)).Append(" END) AS orders");
        }

        if (SequenceColumn is not null)
        {
            sql.Append(", MIN(").Append(Quote(SequenceColumn)).Append(") AS first_sequence");
        }

        sql.Append(" FROM ").Append(QuotedTable()).Append(' ').Append(Where(ts, d));
        sql.Append(" GROUP BY ").Append(c);
        return sql.ToString();
    }

    /// <summary>
    /// The purchase-summary query: one row per customer with its purchase days (days with a purchase line, each day's
    /// spend being the sum of its lines), the first and the last, the total spend of those days and the spend of the
    /// first, and (with a sequence column) its first line.
    /// </summary>
    /// <returns>The SQL text; it takes the parameter <see cref="EndParameter"/>.</returns>
    public string PurchaseSummaryQuery()
    {
        string c = Quote(CustomerIdColumn), ts = Quote(TimestampColumn), a = Quote(AmountColumn), d = Quote(DayColumn ?? TimestampColumn);
        string sequence = SequenceColumn is null ? string.Empty : $", MIN({Quote(SequenceColumn)}) AS first_sequence";
        string outerSequence = SequenceColumn is null ? string.Empty : ", MIN(days.first_sequence) AS first_sequence";
        return $"WITH days AS (SELECT {c} AS customer_id, {d} AS day, SUM({a}) AS spend{sequence} FROM {QuotedTable()} {Where(ts, d)} "
            + $"GROUP BY {c}, {d} HAVING MAX(CASE WHEN {a} >= 0 THEN 1 ELSE 0 END) = 1) "
            + "SELECT days.customer_id, COUNT(*) AS purchase_days, MIN(days.day) AS first_day, MAX(days.day) AS last_day, SUM(days.spend) AS spend, "
            + $"SUM(CASE WHEN days.day = firsts.first_day THEN days.spend ELSE 0 END) AS first_day_spend{outerSequence} "
            + "FROM days JOIN (SELECT customer_id, MIN(day) AS first_day FROM days GROUP BY customer_id) firsts ON days.customer_id = firsts.customer_id "
            + "GROUP BY days.customer_id";
    }

    /// <summary>The last day kept: <see cref="LatestDate"/>, or the day after today (UTC).</summary>
    internal DateOnly EffectiveLatestDate => LatestDate ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);

    private string Where(string ts, string d)
    {
        var where = new StringBuilder("WHERE ");
        where.Append(Quote(CustomerIdColumn)).Append(" IS NOT NULL AND ").Append(ts).Append(" IS NOT NULL AND ").Append(Quote(AmountColumn)).Append(" IS NOT NULL");
        if (DayColumn is not null)
        {
            where.Append(" AND ").Append(d).Append(" IS NOT NULL");
        }

        if (OrderIdColumn is not null)
        {
            where.Append(" AND ").Append(Quote(OrderIdColumn)).Append(" IS NOT NULL");
        }

        if (Returns == ReturnsPolicy.Exclude)
        {
            where.Append(" AND ").Append(Quote(AmountColumn)).Append(" >= 0");
        }

        where.Append(" AND ").Append(d).Append(" < ").Append(ParameterMarker).Append(EndParameter);
        return where.ToString();
    }

    private string QuotedTable() => string.Join('.', Table.Split('.').Select(p => Quote(p.Trim())));

    private string Quote(string name) => $"{IdentifierQuote}{name.Replace(IdentifierQuote.ToString(), new string(IdentifierQuote, 2), StringComparison.Ordinal)}{IdentifierQuote}";

    private static string Name(string value, string parameter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameter);
        return value.Trim();
    }

    private static string? NameOrNull(string? value, string option)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{option} must be a column name, not a blank string.", option);
        }

        return value?.Trim();
    }
}
