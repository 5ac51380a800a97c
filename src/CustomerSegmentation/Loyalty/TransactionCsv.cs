using CustomerSegmentation.Data;
using CustomerSegmentation.Data.Csv;

namespace CustomerSegmentation.Loyalty;

/// <summary>
/// Reads transaction lines from a CSV file, one row at a time (the file is never held as one string; a file or seekable
/// stream of at least 2 MiB read on several threads, see <see cref="CsvReadOptions.MaxDegreeOfParallelism"/>, is held as bytes), applying the
/// hygiene policies of <see cref="TransactionCsvOptions"/> and accounting for every row in a <see cref="TransactionHygieneReport"/>.
/// </summary>
/// <remarks>
/// The CSV rules are those of every reader of this library (see <see cref="CustomerCsv"/>): header names matched
/// case-insensitively with "Did you mean" hints, the delimiter detected among ",", ";", tab and "|", quoted fields, blank
/// lines ignored, strict UTF-8 (with or without a byte order mark; invalid bytes are an error naming the line), and
/// amounts parsed strictly by <see cref="CsvReadOptions.Culture"/> (decimal separator, sign, exponent; never
/// thousands separators), date formats tried in the given order for every row, rows dated after
/// <see cref="TransactionCsvOptions.LatestDate"/> set aside, every field checked for quoting and the field count against
/// the header, and unreadable rows skipped into <see cref="TransactionHygieneReport.SkippedRows"/> or, under
/// <see cref="BadRowPolicy.FailFast"/>, thrown as a <see cref="DataFormatException"/> naming the line, column and text.
/// </remarks>
public static class TransactionCsv
{
    /// <summary>Reads the transaction CSV at <paramref name="path"/>.</summary>
    /// <param name="path">The path of the CSV file (relative paths are resolved against the current directory).</param>
    /// <param name="options">How to read it; null means the defaults of <see cref="TransactionCsvOptions"/>.</param>
    /// <param name="cancellationToken">Stops the read: checked before anything is read and every 4096 rows.</param>
    /// <returns>The kept transactions and the hygiene report.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank.</exception>
    /// <exception cref="FileNotFoundException">No file exists at <paramref name="path"/> (the message gives the full path).</exception>
    /// <exception cref="DataFormatException">The file is empty, not valid UTF-8 or CSV, lacks a configured column, or has a bad row under <see cref="BadRowPolicy.FailFast"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static TransactionSet Read(string path, TransactionCsvOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        cancellationToken.ThrowIfCancellationRequested();
        options ??= new TransactionCsvOptions();
        if (CsvChunks.FromFile(path, options) is { } chunks)
        {
            return TransactionRowReader.Read(chunks, options, $"the file '{path}'", cancellationToken);
        }

        using TextReader text = CsvSource.OpenFile(path, "transaction file");
        return TransactionRowReader.Read(text, options, $"the file '{path}'", cancellationToken);
    }

    /// <summary>Reads a transaction CSV from <paramref name="stream"/>, from its current position; the stream is left open.</summary>
    /// <param name="stream">A readable stream of UTF-8 CSV text, positioned at the header line; the caller keeps ownership and disposes it.</param>
    /// <param name="options">How to read it; null means the defaults of <see cref="TransactionCsvOptions"/>.</param>
    /// <param name="cancellationToken">Stops the read: checked before anything is read and every 4096 rows.</param>
    /// <returns>The kept transactions and the hygiene report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot be read.</exception>
    /// <exception cref="DataFormatException">The data is empty, not valid UTF-8 or CSV, lacks a configured column, or has a bad row under <see cref="BadRowPolicy.FailFast"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static TransactionSet Read(Stream stream, TransactionCsvOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        cancellationToken.ThrowIfCancellationRequested();
        options ??= new TransactionCsvOptions();
        using TextReader text = CsvSource.OpenStream(stream);
        if (CsvChunks.FromStream(stream, options) is { } chunks)
        {
            return TransactionRowReader.Read(chunks, options, "the stream", cancellationToken);
        }

        return TransactionRowReader.Read(text, options, "the stream", cancellationToken);
    }

    /// <summary>Reads a transaction CSV from <paramref name="reader"/>; the reader is left open.</summary>
    /// <param name="reader">The CSV text, positioned at the header line; the caller keeps ownership and disposes it.</param>
    /// <param name="options">How to read it; null means the defaults of <see cref="TransactionCsvOptions"/>.</param>
    /// <param name="cancellationToken">Stops the read: checked before anything is read and every 4096 rows.</param>
    /// <returns>The kept transactions and the hygiene report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="DataFormatException">The text is empty or not valid CSV, lacks a configured column, or has a bad row under <see cref="BadRowPolicy.FailFast"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static TransactionSet Read(TextReader reader, TransactionCsvOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return TransactionRowReader.Read(reader, options ?? new TransactionCsvOptions(), "the text", cancellationToken);
    }
}
