using System.Data.Common;

using CustomerSegmentation.Data.Csv;

namespace CustomerSegmentation.Data.Database;

/// <summary>
/// One pass over a <see cref="DbDataReader"/>: its columns as a header (hints for a missing name), rows numbered from
/// 1, the cancellation token looked at every 4096 rows, and every provider error turned into a
/// <see cref="DataFormatException"/> naming the row.
/// </summary>
internal sealed class DbRows
{
    private readonly DbDataReader _reader;
    private readonly CancellationToken _cancellationToken;

    public DbRows(DbDataReader reader, string description, CancellationToken cancellationToken)
    {
        _reader = reader;
        _cancellationToken = cancellationToken;
        Description = description;
        cancellationToken.ThrowIfCancellationRequested();
        string[] names;
        try
        {
            names = [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
        }
        catch (DbException e)
        {
            throw Failed("reading the names of its columns", e);
        }

        Columns = CsvHeader.OfQuery(names, description);
    }

    /// <summary>Where the rows come from, for messages ("the query 'SELECT ...'", "the query result").</summary>
    public string Description { get; }

    /// <summary>The columns of the result.</summary>
    public CsvHeader Columns { get; }

    /// <summary>The 1-based number of the current row.</summary>
    public int Row { get; private set; }

    /// <summary>Moves to the next row; false at the end.</summary>
    /// <exception cref="DataFormatException">The provider failed (the message names the row and gives the provider's words).</exception>
    public bool Read()
    {
        if ((Row & (CsvSource.RecordsPerCancellationCheck - 1)) == CsvSource.RecordsPerCancellationCheck - 1)
        {
            _cancellationToken.ThrowIfCancellationRequested();
        }

        bool more;
        try
        {
            more = _reader.Read();
        }
        catch (DbException e)
        {
            throw Failed($"reading row {Row + 1}", e);
        }

        if (more)
        {
            Row++;
        }

        return more;
    }

    /// <summary>The value of <paramref name="column"/> in the current row (<see cref="DBNull"/> for SQL NULL).</summary>
    public object Value(int column)
    {
        try
        {
            return _reader.GetValue(column);
        }
        catch (DbException e)
        {
            throw Failed($"reading row {Row}, column '{Columns.Names[column]}'", e);
        }
    }

    /// <summary>
    /// Reads <paramref name="column"/> of the current row as a feature (see <see cref="DbValues.ToFeature"/>), with the
    /// provider's typed getter for the common types (the type asked of the current row, so SQLite's per-value types are
    /// honoured) and its boxed value otherwise; <paramref name="raw"/> is the value when it is not a plain number.
    /// </summary>
    public FeatureValue Feature(int column, System.Globalization.CultureInfo culture, out float value, out object? raw)
    {
        raw = null;
        try
        {
            if (_reader.IsDBNull(column))
            {
                value = 0f;
                raw = DBNull.Value;
                return FeatureValue.Null;
            }

            Type type = _reader.GetFieldType(column);
            if (type == typeof(double))
            {
                return DbValues.FromDouble(_reader.GetDouble(column), out value);
            }

            if (type == typeof(int))
            {
                value = _reader.GetInt32(column);
                return FeatureValue.Number;
            }

            if (type == typeof(long))
            {
                value = _reader.GetInt64(column);
                return FeatureValue.Number;
            }

            raw = _reader.GetValue(column);
        }
        catch (DbException e)
        {
            throw Failed($"reading row {Row}, column '{Columns.Names[column]}'", e);
        }

        FeatureValue outcome = DbValues.ToFeature(raw, culture, out value);
        if (outcome == FeatureValue.Number)
        {
            raw = null;
        }

        return outcome;
    }

    /// <summary>A message prefix naming the current row and <paramref name="column"/>.</summary>
    public string Where(int column) => $"Row {Row}, column '{Columns.Names[column]}'";

    /// <summary>A provider error as a <see cref="DataFormatException"/> naming what was being read.</summary>
    private DataFormatException Failed(string doing, DbException e)
        => new($"The database failed while {doing} of {Description}: {e.Message}", Row == 0 ? null : Row, null, null, e);

    /// <summary>Executes <paramref name="command"/> (opening its closed connection, closed again when the reader is disposed).</summary>
    /// <exception cref="DataFormatException">The query failed (the message gives the query and the provider's words).</exception>
    public static DbDataReader Execute(DbCommand command, string description)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (string.IsNullOrWhiteSpace(command.CommandText))
        {
            throw new ArgumentException("The command has no SQL text; set CommandText to the query that returns the rows.", nameof(command));
        }

        DbConnection connection = command.Connection
            ?? throw new ArgumentException("The command has no connection; set its Connection (or use the overload that takes a connection).", nameof(command));
        try
        {
            bool opened = false;
            if (connection.State == System.Data.ConnectionState.Closed)
            {
                connection.Open();
                opened = true;
            }

            return command.ExecuteReader(opened ? System.Data.CommandBehavior.CloseConnection : System.Data.CommandBehavior.Default);
        }
        catch (DbException e)
        {
            throw new DataFormatException($"The query of {description} failed: {e.Message} Check the SQL text and the table and column names it uses.", e);
        }
    }

    /// <summary>A command running <paramref name="sql"/> on <paramref name="connection"/>.</summary>
    public static DbCommand CreateCommand(DbConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>How a query is named in messages: its text, shortened.</summary>
    public static string Describe(DbCommand command) => $"the query '{CsvSource.Shorten(command.CommandText.Trim())}'";
}
