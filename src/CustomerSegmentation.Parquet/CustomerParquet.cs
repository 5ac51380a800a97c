using System.Collections.Frozen;
using System.Collections.Immutable;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Parquet;

/// <summary>
/// Reads customers from a Parquet file: numeric feature columns (float, double, decimal or an integer type; read as
/// float32, as the CSV reader reads them), an optional id column and text attribute columns, each column's type
/// checked, rows with a null, NaN or infinite feature or a null id rejected under <see cref="CustomerParquetOptions.BadRows"/>.
/// </summary>
/// <example>
/// <code>
/// CustomerTable customers = CustomerParquet.Read("customers.parquet", new CustomerParquetOptions
/// {
///     IdColumn = "CustomerID",
///     FeatureColumns = ["Age", "Annual Income (k$)", "Spending Score (1-100)"],
///     AttributeColumns = ["Genre"],
/// });
/// SegmentationResult result = SegmentationPipeline.FromTable(customers).Standardize().ChooseK(2, 10).Run();
/// </code>
/// </example>
public static class CustomerParquet
{
    /// <summary>Reads every customer of the file into memory.</summary>
    /// <param name="path">The Parquet file.</param>
    /// <param name="options">The columns and the bad-row policy.</param>
    /// <param name="cancellationToken">Checked between row groups.</param>
    /// <returns>The customers, in file order, with the skipped rows reported.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">No feature column is named.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">A column is missing or of the wrong type (the message names it, its type and what was expected), or a row is bad under <see cref="BadRowPolicy.FailFast"/> (naming the row and the column).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static CustomerTable Read(string path, CustomerParquetOptions options, CancellationToken cancellationToken = default)
    {
        var file = new CustomerParquetFile(path, options);
        var skipped = new SkippedRowTally(options.MaxReportedSkippedRows);
        var groups = file.RowGroups(withText: true, skipped.Add, cancellationToken).ToList();
        return Table(file, options, groups, skipped);
    }

    /// <summary>
    /// Reads the customers one row group at a time, as tables of that group's kept rows (one in memory at a time, as
    /// the enumeration asks for them): the shape of the database reader's <c>CustomerDatabase.ReadChunks</c>. Each
    /// table's <see cref="CustomerTable.SkippedRows"/> and <see cref="CustomerTable.RowsRead"/> count the rows of its
    /// group, so every skipped row is counted once; ids without an id column are the row numbers of the whole file.
    /// </summary>
    /// <param name="path">The Parquet file.</param>
    /// <param name="options">The columns and the bad-row policy.</param>
    /// <param name="cancellationToken">Checked between row groups.</param>
    /// <returns>The chunks, in file order; each enumeration reads the file again.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">No feature column is named.</exception>
    /// <exception cref="FileNotFoundException">While enumerating: the file does not exist.</exception>
    /// <exception cref="DataFormatException">While enumerating: as <see cref="Read"/>.</exception>
    /// <exception cref="OperationCanceledException">While enumerating: <paramref name="cancellationToken"/> was cancelled.</exception>
    public static IEnumerable<CustomerTable> ReadChunks(string path, CustomerParquetOptions options, CancellationToken cancellationToken = default)
    {
        var file = new CustomerParquetFile(path, options);
        return Chunked(file, options, cancellationToken);
    }

    /// <summary>
    /// The file's feature columns as a chunk source for a streamed fit (<c>StreamingKMeans</c>): one chunk per row
    /// group, read again on every pass, never the whole file at once. Bad rows follow the options' policy: under
    /// <see cref="BadRowPolicy.Skip"/> they are left out of the chunks and counted in
    /// <see cref="CustomerParquetChunks.SkippedRows"/>, which the caller reads after a pass.
    /// </summary>
    /// <param name="path">The Parquet file.</param>
    /// <param name="options">The feature columns and the bad-row policy (ids and attributes are not read).</param>
    /// <returns>The chunk source; the file is opened on each pass.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">No feature column is named.</exception>
    public static CustomerParquetChunks Chunks(string path, CustomerParquetOptions options) => new(new CustomerParquetFile(path, options), options.MaxReportedSkippedRows);

    private static IEnumerable<CustomerTable> Chunked(CustomerParquetFile file, CustomerParquetOptions options, CancellationToken cancellationToken)
    {
        var skipped = new SkippedRowTally(options.MaxReportedSkippedRows);
        foreach (CustomerRowGroup group in file.RowGroups(withText: true, row => skipped.Add(row), cancellationToken))
        {
            yield return Table(file, options, [group], skipped);
            skipped = new SkippedRowTally(options.MaxReportedSkippedRows);
        }
    }

    private static CustomerTable Table(CustomerParquetFile file, CustomerParquetOptions options, List<CustomerRowGroup> groups, SkippedRowTally skipped)
    {
        int rows = checked(groups.Sum(g => g.RowCount));
        float[][] columns;
        if (groups.Count == 1)
        {
            columns = groups[0].Columns;
        }
        else
        {
            columns = FeatureMatrix.AllocateColumns(file.FeatureNames.Length, rows);
            int at = 0;
            foreach (CustomerRowGroup group in groups)
            {
                for (int j = 0; j < columns.Length; j++)
                {
                    Array.Copy(group.Columns[j], 0, columns[j], at, group.RowCount);
                }

                at += group.RowCount;
            }
        }

        FeatureMatrix features = FeatureMatrix.Wrap(columns, rows, file.FeatureNames);
        var attributes = new Dictionary<string, ImmutableArray<string>>(StringComparer.OrdinalIgnoreCase);
        for (int a = 0; a < options.AttributeColumns.Length; a++)
        {
            attributes[options.AttributeColumns[a]] = [.. groups.SelectMany(g => g.Attributes[a])];
        }

        int rowsRead = checked(rows + skipped.Count);
        FrozenDictionary<string, ImmutableArray<string>> frozen = attributes.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        return options.IdColumn is null
            ? new CustomerTable(features, [.. groups.SelectMany(g => g.RowNumbers).Select(r => checked((int)r))], frozen, skipped.ToReport(), rowsRead)
            : new CustomerTable(features, [.. groups.SelectMany(g => g.Ids!)], frozen, skipped.ToReport(), rowsRead);
    }
}

/// <summary>
/// The feature columns of a Parquet file read as chunks, one per row group, for a streamed fit (see
/// <see cref="CustomerParquet.Chunks"/>). Nothing is dropped silently: the rows a pass skipped (under
/// <see cref="BadRowPolicy.Skip"/>) are in <see cref="SkippedRows"/> once the pass has ended.
/// </summary>
public sealed class CustomerParquetChunks : IFeatureChunkSource
{
    private readonly CustomerParquetFile _file;
    private readonly int _maxReported;
    private PassReport _last = new(SkippedRowsReport.None, 0);

    internal CustomerParquetChunks(CustomerParquetFile file, int maxReported)
    {
        _file = file;
        _maxReported = maxReported;
    }

    /// <inheritdoc />
    public ImmutableArray<string> FeatureNames => _file.FeatureNames;

    /// <summary>Whether a pass reads the next row group while the caller works on the current one (on by default; off to measure it).</summary>
    internal bool ReadAhead { get; set; } = true;

    /// <summary>
    /// The rows the last complete pass skipped: their count by reason and the first
    /// <see cref="CustomerParquetOptions.MaxReportedSkippedRows"/> of them, each naming its row and column.
    /// Every pass reads the same file, so every complete pass reports the same rows.
    /// </summary>
    /// <value><see cref="SkippedRowsReport.None"/> until a pass has read the whole file.</value>
    public SkippedRowsReport SkippedRows => Volatile.Read(ref _last).Skipped;

    /// <summary>The rows the last complete pass read, kept and skipped; 0 until a pass has read the whole file.</summary>
    public long RowsRead => Volatile.Read(ref _last).RowsRead;

    /// <inheritdoc />
    public IEnumerable<FeatureMatrix> ReadChunks(CancellationToken cancellationToken = default)
    {
        var skipped = new SkippedRowTally(_maxReported);
        long kept = 0;
        foreach (CustomerRowGroup group in _file.RowGroups(withText: false, skipped.Add, cancellationToken, ReadAhead))
        {
            kept += group.RowCount;
            yield return FeatureMatrix.Wrap(group.Columns, group.RowCount, _file.FeatureNames);
        }

        Volatile.Write(ref _last, new PassReport(skipped.ToReport(), kept + skipped.Count));
    }

    private sealed record PassReport(SkippedRowsReport Skipped, long RowsRead);
}
