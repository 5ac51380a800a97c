using System.Collections.Immutable;
using System.Data.Common;

using CustomerSegmentation.Data.Csv;
using CustomerSegmentation.Data.Database;

namespace CustomerSegmentation.Data;

/// <summary>
/// Reads customers from any ADO.NET provider (a <see cref="DbDataReader"/> or a <see cref="DbCommand"/>: PostgreSQL,
/// SQLite, DuckDB, SQL Server, ...) into a <see cref="CustomerTable"/>, streaming row by row, with the same column
/// hints, checks, errors and bad-row policy as <see cref="CustomerCsv"/>; <see cref="ReadChunks(DbDataReader, IReadOnlyList{string}, int, CustomerCsvOptions?, CancellationToken)"/>
/// reads a result larger than memory a chunk at a time.
/// </summary>
/// <remarks>
/// <para>Columns are chosen by name (<see cref="DbDataReader.GetName"/>), matched case-insensitively with surrounding
/// whitespace ignored; a missing one is a <see cref="DataFormatException"/> that lists the columns and suggests the
/// closest. The options are those of the CSV reader (<see cref="CustomerCsvOptions.IdColumn"/>,
/// <see cref="CustomerCsvOptions.ExtraColumns"/>, <see cref="CsvReadOptions.BadRows"/>,
/// <see cref="CsvReadOptions.MaxReportedSkippedRows"/>, and <see cref="CsvReadOptions.Culture"/> for numbers stored as
/// text); <see cref="CsvReadOptions.Delimiter"/> and <see cref="CsvReadOptions.WhitespaceSeparated"/> do not apply.</para>
/// <para>Feature values map to float32 exactly as the CSV reader maps the same number written as text, so a table
/// read from a database and from a CSV export of it are bit-identical: integers (8 to 64 bits) convert to the nearest
/// float; a decimal (numeric) converts from its exact digits; a double (double precision, real in SQLite) converts as
/// its shortest round-trip text does; a float32 is kept; a boolean is 1 or 0; text is parsed like a CSV cell in
/// <see cref="CsvReadOptions.Culture"/>. SQL NULL or blank text is an empty value, text that is not a number is not a
/// number, NaN, infinities and magnitudes beyond float32 are not finite: each such row is a bad row (skipped and
/// reported under <see cref="BadRowPolicy.Skip"/>, otherwise a <see cref="DataFormatException"/> naming the row and
/// column). A value of any other type (a date, bytes) is a wrong column and always a
/// <see cref="DataFormatException"/>.</para>
/// <para>Ids and extra (attribute) columns are text as a CSV cell would hold it, trimmed: NULL is empty, numbers are
/// written in the invariant culture. Without an id column the ids are the 1-based row numbers of the result.</para>
/// <para>Rows are numbered from 1 in the order the query returns them; <see cref="DataFormatException.LineNumber"/>
/// and <see cref="SkippedRow.LineNumber"/> hold that row number. A query that fails, or a provider error while the
/// rows are read, is a <see cref="DataFormatException"/> whose inner exception is the provider's.</para>
/// </remarks>
public static class CustomerDatabase
{
    /// <summary>Reads every row of <paramref name="reader"/> from its current position. The reader is left open.</summary>
    /// <param name="reader">The rows of a query; the caller keeps ownership and disposes it.</param>
    /// <param name="features">The names of the numeric feature columns, in the order wanted.</param>
    /// <param name="options">The id, extra columns, bad-row policy and culture; null for <see cref="CustomerCsvOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read: checked before anything is read and every 4096 rows.</param>
    /// <returns>The customers kept, their ids and extra columns, and the report of skipped rows.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="features"/> is empty or has a blank or repeated name.</exception>
    /// <exception cref="DataFormatException">The result has no rows, lacks a requested column, has a column of a non-numeric type, a bad row (see <see cref="CsvReadOptions.BadRows"/>), or the provider failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static CustomerTable Read(DbDataReader reader, IReadOnlyList<string> features, CustomerCsvOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ImmutableArray<string> names = ColumnNames.Validate(features, nameof(features), "feature column", allowEmpty: false);
        return new CustomerDbReader(reader, names, options ?? CustomerCsvOptions.Default, "the query result", cancellationToken).ReadChunk(int.MaxValue)!;
    }

    /// <summary>Executes <paramref name="command"/> and reads its rows; a closed connection is opened and closed again.</summary>
    /// <param name="command">The query with its connection and parameters; the caller keeps ownership and disposes it.</param>
    /// <param name="features">The names of the numeric feature columns, in the order wanted.</param>
    /// <param name="options">The id, extra columns, bad-row policy and culture; null for <see cref="CustomerCsvOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read: checked before the query runs and every 4096 rows.</param>
    /// <returns>The customers kept, their ids and extra columns, and the report of skipped rows.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The command has no text or no connection, or <paramref name="features"/> is empty or has a blank or repeated name.</exception>
    /// <exception cref="DataFormatException">The query failed (the message quotes it and the provider's words), or see <see cref="Read(DbDataReader, IReadOnlyList{string}, CustomerCsvOptions?, CancellationToken)"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static CustomerTable Read(DbCommand command, IReadOnlyList<string> features, CustomerCsvOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ImmutableArray<string> names = ColumnNames.Validate(features, nameof(features), "feature column", allowEmpty: false);
        cancellationToken.ThrowIfCancellationRequested();
        string description = DbRows.Describe(command);
        using DbDataReader reader = DbRows.Execute(command, description);
        return new CustomerDbReader(reader, names, options ?? CustomerCsvOptions.Default, description, cancellationToken).ReadChunk(int.MaxValue)!;
    }

    /// <summary>Runs the query <paramref name="sql"/> on <paramref name="connection"/> and reads its rows; a closed connection is opened and closed again.</summary>
    /// <param name="connection">The connection; the caller keeps ownership and disposes it.</param>
    /// <param name="sql">The query, for example <c>SELECT id, age, income, score, gender FROM customers</c>.</param>
    /// <param name="features">The names of the numeric feature columns, in the order wanted.</param>
    /// <param name="options">The id, extra columns, bad-row policy and culture; null for <see cref="CustomerCsvOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read: checked before the query runs and every 4096 rows.</param>
    /// <returns>The customers kept, their ids and extra columns, and the report of skipped rows.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="sql"/> is blank, or <paramref name="features"/> is empty or has a blank or repeated name.</exception>
    /// <exception cref="DataFormatException">See <see cref="Read(DbCommand, IReadOnlyList{string}, CustomerCsvOptions?, CancellationToken)"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static CustomerTable Read(DbConnection connection, string sql, IReadOnlyList<string> features, CustomerCsvOptions? options = null, CancellationToken cancellationToken = default)
    {
        using DbCommand command = DbRows.CreateCommand(connection, sql);
        return Read(command, features, options, cancellationToken);
    }

    /// <summary>
    /// Reads the rows of <paramref name="reader"/> as tables of at most <paramref name="rowsPerChunk"/> kept customers
    /// each, one chunk in memory at a time, as the enumeration asks for them. Chunks are cut at the same rows for the
    /// same data whatever reads them; each chunk reports the rows skipped from its first row up to the next chunk's first
    /// row (rows skipped before the first kept customer go to the first chunk), so every skipped row is counted once.
    /// Ids without an id column are the row numbers of the whole result. The reader is left open.
    /// </summary>
    /// <param name="reader">The rows of a query; the caller keeps ownership and disposes it after the enumeration.</param>
    /// <param name="features">The names of the numeric feature columns, in the order wanted.</param>
    /// <param name="rowsPerChunk">The number of customers per chunk (the last may have fewer), at least 1.</param>
    /// <param name="options">The id, extra columns, bad-row policy and culture; null for <see cref="CustomerCsvOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read: checked before anything is read and every 4096 rows.</param>
    /// <returns>The chunks, in row order; enumerate once.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="features"/> is empty or has a blank or repeated name.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowsPerChunk"/> is less than 1.</exception>
    /// <exception cref="DataFormatException">While enumerating: as <see cref="Read(DbDataReader, IReadOnlyList{string}, CustomerCsvOptions?, CancellationToken)"/>.</exception>
    /// <exception cref="OperationCanceledException">While enumerating: <paramref name="cancellationToken"/> was cancelled.</exception>
    public static IEnumerable<CustomerTable> ReadChunks(DbDataReader reader, IReadOnlyList<string> features, int rowsPerChunk, CustomerCsvOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ImmutableArray<string> names = ColumnNames.Validate(features, nameof(features), "feature column", allowEmpty: false);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerChunk, 1);
        return Chunks(() => (reader, null), names, rowsPerChunk, options ?? CustomerCsvOptions.Default, "the query result", cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="sql"/> on <paramref name="connection"/> when the enumeration starts and reads its rows in
    /// chunks, as <see cref="ReadChunks(DbDataReader, IReadOnlyList{string}, int, CustomerCsvOptions?, CancellationToken)"/>
    /// does; the query's reader is disposed (and a connection that was closed, closed again) when the enumeration ends.
    /// Each enumeration runs the query again.
    /// </summary>
    /// <param name="connection">The connection; the caller keeps ownership and disposes it.</param>
    /// <param name="sql">The query.</param>
    /// <param name="features">The names of the numeric feature columns, in the order wanted.</param>
    /// <param name="rowsPerChunk">The number of customers per chunk (the last may have fewer), at least 1.</param>
    /// <param name="options">The id, extra columns, bad-row policy and culture; null for <see cref="CustomerCsvOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read: checked before the query runs and every 4096 rows.</param>
    /// <returns>The chunks, in row order.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="sql"/> is blank, or <paramref name="features"/> is empty or has a blank or repeated name.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowsPerChunk"/> is less than 1.</exception>
    /// <exception cref="DataFormatException">While enumerating: the query failed, or as <see cref="Read(DbDataReader, IReadOnlyList{string}, CustomerCsvOptions?, CancellationToken)"/>.</exception>
    /// <exception cref="OperationCanceledException">While enumerating: <paramref name="cancellationToken"/> was cancelled.</exception>
    public static IEnumerable<CustomerTable> ReadChunks(DbConnection connection, string sql, IReadOnlyList<string> features, int rowsPerChunk, CustomerCsvOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ImmutableArray<string> names = ColumnNames.Validate(features, nameof(features), "feature column", allowEmpty: false);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerChunk, 1);
        return Chunks(
            () =>
            {
                DbCommand command = DbRows.CreateCommand(connection, sql);
                try
                {
                    return (DbRows.Execute(command, DbRows.Describe(command)), command);
                }
                catch
                {
                    command.Dispose();
                    throw;
                }
            },
            names,
            rowsPerChunk,
            options ?? CustomerCsvOptions.Default,
            $"the query '{CsvSource.Shorten(sql.Trim())}'",
            cancellationToken);
    }

    /// <summary>
    /// Customers from <paramref name="sql"/> on <paramref name="connection"/> as a source of chunks for a streamed fit
    /// (<c>StreamingKMeans</c>): every pass runs the query again and reads its rows
    /// <paramref name="rowsPerChunk"/> at a time, as
    /// <see cref="ReadChunks(DbConnection, string, IReadOnlyList{string}, int, CustomerCsvOptions?, CancellationToken)"/>
    /// does. End the query with <c>ORDER BY</c> a unique key, so that every pass sees the same rows in the same order.
    /// </summary>
    /// <param name="connection">The connection; the caller keeps ownership, keeps it usable for the fit and disposes it after.</param>
    /// <param name="sql">The query.</param>
    /// <param name="features">The names of the numeric feature columns, in the order wanted.</param>
    /// <param name="rowsPerChunk">The number of customers per chunk (the last may have fewer), at least 1.</param>
    /// <param name="options">The id, bad-row policy and culture; null for <see cref="CustomerCsvOptions.Default"/>.</param>
    /// <returns>The source; its <see cref="CustomerDatabaseChunks.SkippedRows"/> reports what the last pass skipped.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="sql"/> is blank, or <paramref name="features"/> is empty or has a blank or repeated name.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowsPerChunk"/> is less than 1.</exception>
    public static CustomerDatabaseChunks Chunks(DbConnection connection, string sql, IReadOnlyList<string> features, int rowsPerChunk, CustomerCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ImmutableArray<string> names = ColumnNames.Validate(features, nameof(features), "feature column", allowEmpty: false);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerChunk, 1);
        return new CustomerDatabaseChunks(connection, sql, names, rowsPerChunk, options ?? CustomerCsvOptions.Default);
    }

    private static IEnumerable<CustomerTable> Chunks(
        Func<(DbDataReader Reader, DbCommand? Owned)> open,
        ImmutableArray<string> features,
        int rowsPerChunk,
        CustomerCsvOptions options,
        string description,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        (DbDataReader reader, DbCommand? owned) = open();
        try
        {
            var rows = new CustomerDbReader(reader, features, options, description, cancellationToken);
            while (rows.ReadChunk(rowsPerChunk) is { } chunk)
            {
                yield return chunk;
            }
        }
        finally
        {
            if (owned is not null)
            {
                reader.Dispose();
                owned.Dispose();
            }
        }
    }
}
