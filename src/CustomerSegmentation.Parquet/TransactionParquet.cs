using CustomerSegmentation.Data;
using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Parquet;

/// <summary>
/// Reads transaction lines from a Parquet file, one row group at a time, through the checks of the CSV and database
/// readers (<see cref="TransactionCsv"/>, <see cref="TransactionDatabase"/>): the same columns, hygiene policies,
/// bad-row policy and messages, so the same rows give the same <see cref="TransactionSet"/>.
/// </summary>
/// <remarks>
/// <para>The options are those of the CSV reader (<see cref="TransactionCsvOptions"/>): column names matched
/// case-insensitively with "Did you mean" hints, the amount (one column or quantity times unit price), the order id,
/// <see cref="TransactionCsvOptions.LatestDate"/>, <see cref="TransactionCsvOptions.Returns"/> and the bad-row
/// policy (transactions skip bad rows by default); a null is an empty cell. Rows are numbered from 1 in file order
/// ("Row 12, column 'Amount'").</para>
/// <para>Types: the customer and order ids are text or integers. The timestamp is a Parquet timestamp, a date or text:
/// a timestamp marked as adjusted to UTC (<c>isAdjustedToUTC</c>, which Spark, pandas with a zone and Parquet.Net
/// write) is an instant and is read in UTC; a timestamp without that mark (a local date and time, pandas without a
/// zone) and a legacy INT96 timestamp are kept as written, as a CSV cell without an offset is; a <c>DATE</c> is its
/// midnight; text is parsed with <see cref="TransactionCsvOptions.DateFormats"/> exactly as a CSV cell. Recency and
/// purchase days are then the calendar days of these timestamps. The amount is money: a Parquet <c>DECIMAL</c> or an
/// integer is taken exactly; a float or double is converted with decimal's conversion (15 significant digits, as the
/// database reader does; write money as <c>DECIMAL</c> to be exact beyond that); text is parsed as the CSV reader
/// parses it. A column of another type (a timestamp in the amount column) is a <see cref="DataFormatException"/>
/// naming the row, the column, its type and what was expected.</para>
/// </remarks>
/// <example>
/// <code>
/// TransactionSet lines = TransactionParquet.Read("sales.parquet", new TransactionCsvOptions
/// {
///     CustomerIdColumn = "customer_id", TimestampColumn = "ts", Amount = TransactionAmount.Column("amount"),
/// });
/// RfmResult rfm = new RfmAnalyzer().Analyze(lines);
/// </code>
/// </example>
public static class TransactionParquet
{
    /// <summary>Reads every transaction line of the file.</summary>
    /// <param name="path">The Parquet file.</param>
    /// <param name="options">How to read it; null means the defaults of <see cref="TransactionCsvOptions"/>.</param>
    /// <param name="cancellationToken">Checked between row groups and every 4096 rows.</param>
    /// <returns>The kept transactions and the hygiene report.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or blank.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">A configured column is missing (the message lists the columns and suggests the nearest), nested or of a type it cannot hold (naming the row, the column and its type), or a row is bad under <see cref="BadRowPolicy.FailFast"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static TransactionSet Read(string path, TransactionCsvOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        cancellationToken.ThrowIfCancellationRequested();
        TransactionCsvOptions effective = options ?? new TransactionCsvOptions();
        return TransactionRowReader.Read(ParquetTransactionRows.Open(path, effective.Culture, cancellationToken), effective);
    }
}
