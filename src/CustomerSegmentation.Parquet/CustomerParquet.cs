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
        var skipped = new List<SkippedRow>();
        var groups = file.RowGroups(withText: true, skipped.Add, cancellationToken).ToList();
        int rows = checked(groups.Sum(g => g.RowCount));
        float[][] columns = FeatureMatrix.AllocateColumns(file.FeatureNames.Length, rows);
        int at = 0;
        foreach (CustomerRowGroup group in groups)
        {
            for (int j = 0; j < columns.Length; j++)
            {
                Array.Copy(group.Columns[j], 0, columns[j], at, group.RowCount);
            }

            at += group.RowCount;
        }

        FeatureMatrix features = FeatureMatrix.Wrap(columns, rows, file.FeatureNames);
        var attributes = new Dictionary<string, ImmutableArray<string>>(StringComparer.OrdinalIgnoreCase);
        for (int a = 0; a < options.AttributeColumns.Length; a++)
        {
            attributes[options.AttributeColumns[a]] = [.. groups.SelectMany(g => g.Attributes[a])];
        }

        var report = skipped.Count == 0
            ? SkippedRowsReport.None
            : new SkippedRowsReport(
                skipped.GroupBy(s => s.Reason).ToDictionary(g => g.Key, g => g.Count()),
                [.. skipped.Take(options.MaxReportedSkippedRows)]);
        int rowsRead = rows + skipped.Count;
        FrozenDictionary<string, ImmutableArray<string>> frozen = attributes.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        return options.IdColumn is null
            ? new CustomerTable(features, [.. groups.SelectMany(g => g.RowNumbers).Select(r => checked((int)r))], frozen, report, rowsRead)
            : new CustomerTable(features, [.. groups.SelectMany(g => g.Ids!)], frozen, report, rowsRead);
    }

    /// <summary>
    /// The file's feature columns as a chunk source for a streamed fit (<c>StreamingKMeans</c>): one chunk per row
    /// group, read again on every pass, never the whole file at once. Bad rows follow the options' policy (skipped
    /// rows are left out of the chunk).
    /// </summary>
    /// <param name="path">The Parquet file.</param>
    /// <param name="options">The feature columns and the bad-row policy (ids and attributes are not read).</param>
    /// <returns>The chunk source; the file is opened on each pass.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">No feature column is named.</exception>
    public static IFeatureChunkSource Chunks(string path, CustomerParquetOptions options) => new CustomerParquetChunks(new CustomerParquetFile(path, options));

    private sealed class CustomerParquetChunks(CustomerParquetFile file) : IFeatureChunkSource
    {
        public ImmutableArray<string> FeatureNames => file.FeatureNames;

        public IEnumerable<FeatureMatrix> ReadChunks(CancellationToken cancellationToken = default)
            => file.RowGroups(withText: false, _ => { }, cancellationToken)
                .Select(g => FeatureMatrix.Wrap(g.Columns, g.RowCount, file.FeatureNames));
    }
}
