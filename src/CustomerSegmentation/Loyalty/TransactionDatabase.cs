using System.Data.Common;

using CustomerSegmentation.Data;
using CustomerSegmentation.Data.Database;

namespace CustomerSegmentation.Loyalty;

/// <summary>
/// Reads transaction lines from any ADO.NET provider (a <see cref="DbDataReader"/> or a <see cref="DbCommand"/>), row by
/// row, with the columns, hygiene policies, bad-row policy and messages of <see cref="TransactionCsv"/>, into the same
/// <see cref="TransactionSet"/> a CSV export of the same rows gives.
/// </summary>
/// <remarks>
/// <para>The options are those of the CSV reader (<see cref="TransactionCsvOptions"/>): the column names (matched
/// case-insensitively, with "Did you mean" hints), the amount (one column or quantity times unit price), the order id,
/// <see cref="TransactionCsvOptions.LatestDate"/>, <see cref="TransactionCsvOptions.Returns"/>, the bad-row policy
/// (transactions skip bad rows by default) and, for values stored as text, the culture and the date formats.
/// <see cref="CsvReadOptions.Delimiter"/>, <see cref="CsvReadOptions.WhitespaceSeparated"/> and
/// <see cref="TransactionCsvOptions.ColumnNames"/> do not apply.</para>
/// <para>Dates: a <see cref="DateTime"/> is kept as the provider returns it (a PostgreSQL <c>timestamp with time
/// zone</c> arrives in UTC; a <c>timestamp</c> or <c>date</c> without zone is kept as written, as in the CSV reader); a
/// <see cref="DateTimeOffset"/> is converted to UTC, as an offset in a CSV cell is; a <see cref="DateOnly"/> is its
/// midnight; text (SQLite has no date type) is parsed with <see cref="TransactionCsvOptions.DateFormats"/> exactly as
/// a CSV cell. Recency and purchase days are then the calendar days of these timestamps.</para>
/// <para>Money: a decimal (numeric) or an integer is taken exactly; a double (double precision, SQLite's real) is
/// converted with decimal's conversion, rounded to 15 significant digits, which gives back the amount as written for
/// amounts of up to 15 significant digits (store money as numeric, or as integer cents, to be exact beyond that);
/// text is parsed as the CSV reader parses it.</para>
/// <para>Rows are numbered from 1 in the order the query returns them; messages say "Row 12, column 'Amount'" where
/// the CSV reader says "Line 13". SQL NULL is an empty cell. A value of a type the column cannot hold (a date in the
/// amount column) is always a <see cref="DataFormatException"/>; a failing query, or a provider error while reading,
/// is a <see cref="DataFormatException"/> whose inner exception is the provider's.</para>
/// </remarks>
public static class TransactionDatabase
{
    /// <summary>Reads every row of <paramref name="reader"/> from its current position; the reader is left open.</summary>
    /// <param name="reader">The rows of a query; the caller keeps ownership and disposes it.</param>
    /// <param name="options">How to read them; null means the defaults of <see cref="TransactionCsvOptions"/>.</param>
    /// <param name="cancellationToken">Stops the read: checked before anything is read and every 4096 rows.</param>
    /// <returns>The kept transactions and the hygiene report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="DataFormatException">A configured column is missing, a column holds values of the wrong type, a bad row under <see cref="BadRowPolicy.FailFast"/>, or the provider failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static TransactionSet Read(DbDataReader reader, TransactionCsvOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return TransactionRowReader.Read(new DbRows(reader, "the query result", cancellationToken), options ?? new TransactionCsvOptions());
    }

    /// <summary>Executes <paramref name="command"/> and reads its rows; a closed connection is opened and closed again.</summary>
    /// <param name="command">The query with its connection and parameters; the caller keeps ownership and disposes it.</param>
    /// <param name="options">How to read the rows; null means the defaults of <see cref="TransactionCsvOptions"/>.</param>
    /// <param name="cancellationToken">Stops the read: checked before the query runs and every 4096 rows.</param>
    /// <returns>The kept transactions and the hygiene report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="command"/> is null.</exception>
    /// <exception cref="ArgumentException">The command has no text or no connection.</exception>
    /// <exception cref="DataFormatException">The query failed (the message quotes it and the provider's words), or see <see cref="Read(DbDataReader, TransactionCsvOptions?, CancellationToken)"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static TransactionSet Read(DbCommand command, TransactionCsvOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        cancellationToken.ThrowIfCancellationRequested();
        string description = DbRows.Describe(command);
        using DbDataReader reader = DbRows.Execute(command, description);
        return TransactionRowReader.Read(new DbRows(reader, description, cancellationToken), options ?? new TransactionCsvOptions());
    }

    /// <summary>Runs <paramref name="sql"/> on <paramref name="connection"/> and reads its rows; a closed connection is opened and closed again.</summary>
    /// <param name="connection">The connection; the caller keeps ownership and disposes it.</param>
    /// <param name="sql">The query, for example <c>SELECT customer_id, ts, amount FROM sales</c>.</param>
    /// <param name="options">How to read the rows; null means the defaults of <see cref="TransactionCsvOptions"/>.</param>
    /// <param name="cancellationToken">Stops the read: checked before the query runs and every 4096 rows.</param>
    /// <returns>The kept transactions and the hygiene report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="sql"/> is blank.</exception>
    /// <exception cref="DataFormatException">See <see cref="Read(DbCommand, TransactionCsvOptions?, CancellationToken)"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static TransactionSet Read(DbConnection connection, string sql, TransactionCsvOptions? options = null, CancellationToken cancellationToken = default)
    {
        using DbCommand command = DbRows.CreateCommand(connection, sql);
        return Read(command, options, cancellationToken);
    }
}
