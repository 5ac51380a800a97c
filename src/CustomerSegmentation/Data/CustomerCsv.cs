using System.Collections.Immutable;

using CustomerSegmentation.Data.Csv;

namespace CustomerSegmentation.Data;

/// <summary>
/// Reads customers from a headed CSV file into a <see cref="CustomerTable"/>, streaming row by row
/// (memory stays close to the size of the resulting <see cref="FeatureMatrix"/>), or, for a file or seekable stream of
/// at least 2 MiB read on several threads (<see cref="CsvReadOptions.MaxDegreeOfParallelism"/>), in ranges read from the
/// file itself (a seekable stream's bytes are held in memory while they are parsed).
/// </summary>
/// <remarks>
/// <para>Feature, id and extra columns are chosen by header name, matched case-insensitively with surrounding
/// whitespace ignored. Numbers are parsed with <see cref="CsvReadOptions.Culture"/> (decimal separator, exponent,
/// sign; never thousands separators) and must be finite float32 values. Fields may be quoted ("..."), with doubled
/// quotes inside; blank lines are ignored. Text is UTF-8 with or without a byte order mark (UTF-16 with a BOM is
/// recognised too); invalid UTF-8 is an error, never silently replaced.</para>
/// <para>Bad rows (a cell that is not a number, empty or not finite, a ragged row, malformed quotes) stop the read
/// with a <see cref="DataFormatException"/> naming the line, column and text, or are skipped and reported in
/// <see cref="CustomerTable.SkippedRows"/> under <see cref="BadRowPolicy.Skip"/>. Every field is checked for
/// quoting, requested or not; a stray quote whose field swallows the following lines is an error under every policy,
/// because the rest of the file can no longer be split into rows reliably.</para>
/// </remarks>
public static class CustomerCsv
{
    /// <summary>Reads the customer file at <paramref name="path"/>.</summary>
    /// <param name="path">The path of the CSV file (relative paths are resolved against the current directory).</param>
    /// <param name="features">The header names of the numeric feature columns, in the order wanted, for example "Age", "Annual Income (k$)".</param>
    /// <param name="options">How to read the file; null for <see cref="CustomerCsvOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read: checked before anything is read and every 4096 rows.</param>
    /// <returns>The customers kept, their ids and extra columns, and the report of skipped rows.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank, or <paramref name="features"/> is empty or has a blank or repeated name.</exception>
    /// <exception cref="FileNotFoundException">No file exists at <paramref name="path"/> (the message gives the full path).</exception>
    /// <exception cref="DataFormatException">The file is empty, has no data rows, lacks a requested column, or has a bad row (see <see cref="CsvReadOptions.BadRows"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static CustomerTable Read(string path, IReadOnlyList<string> features, CustomerCsvOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ImmutableArray<string> featureNames = ColumnNames.Validate(features, nameof(features), "feature column", allowEmpty: false);
        cancellationToken.ThrowIfCancellationRequested();
        options ??= CustomerCsvOptions.Default;
        if (CsvChunks.FromFile(path, options) is { } chunks)
        {
            return CustomerRowReader.Read(chunks, featureNames, options, $"the file '{path}'", cancellationToken);
        }

        using TextReader text = CsvSource.OpenFile(path, "customer file");
        return CustomerRowReader.Read(text, featureNames, options, $"the file '{path}'", cancellationToken);
    }

    /// <summary>Reads customers from a stream of CSV text, from its current position. The stream is left open.</summary>
    /// <param name="stream">A readable stream of UTF-8 CSV text; the caller keeps ownership and disposes it.</param>
    /// <param name="features">The header names of the numeric feature columns, in the order wanted.</param>
    /// <param name="options">How to read the data; null for <see cref="CustomerCsvOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read: checked before anything is read and every 4096 rows.</param>
    /// <returns>The customers kept, their ids and extra columns, and the report of skipped rows.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot be read, or <paramref name="features"/> is empty or has a blank or repeated name.</exception>
    /// <exception cref="DataFormatException">The data is empty, has no data rows, lacks a requested column, or has a bad row (see <see cref="CsvReadOptions.BadRows"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static CustomerTable Read(Stream stream, IReadOnlyList<string> features, CustomerCsvOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ImmutableArray<string> featureNames = ColumnNames.Validate(features, nameof(features), "feature column", allowEmpty: false);
        cancellationToken.ThrowIfCancellationRequested();
        options ??= CustomerCsvOptions.Default;
        using TextReader text = CsvSource.OpenStream(stream);
        if (CsvChunks.FromStream(stream, options) is { } chunks)
        {
            return CustomerRowReader.Read(chunks, featureNames, options, "the stream", cancellationToken);
        }

        return CustomerRowReader.Read(text, featureNames, options, "the stream", cancellationToken);
    }

    /// <summary>Reads customers from CSV text. The reader is left open.</summary>
    /// <param name="reader">The CSV text; the caller keeps ownership and disposes it.</param>
    /// <param name="features">The header names of the numeric feature columns, in the order wanted.</param>
    /// <param name="options">How to read the data; null for <see cref="CustomerCsvOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read: checked before anything is read and every 4096 rows.</param>
    /// <returns>The customers kept, their ids and extra columns, and the report of skipped rows.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="features"/> is empty or has a blank or repeated name.</exception>
    /// <exception cref="DataFormatException">The text is empty, has no data rows, lacks a requested column, or has a bad row (see <see cref="CsvReadOptions.BadRows"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static CustomerTable Read(TextReader reader, IReadOnlyList<string> features, CustomerCsvOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ImmutableArray<string> featureNames = ColumnNames.Validate(features, nameof(features), "feature column", allowEmpty: false);
        return CustomerRowReader.Read(reader, featureNames, options ?? CustomerCsvOptions.Default, "the text", cancellationToken);
    }
}
