using CustomerSegmentation.Data;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Profiling;

namespace CustomerSegmentation.Parquet;

/// <summary>Writes a segmentation's assignments and profiles, and customer tables, as Parquet files.</summary>
public static class SegmentationParquetExports
{
    /// <summary>
    /// Writes one row per customer: <c>CustomerId</c> (text), <c>Segment</c> (int32, 1..K), <c>Label</c> (text) and
    /// <c>DistanceToCentre</c> (double), the columns of the CSV assignments export. The file is replaced only once complete.
    /// </summary>
    /// <param name="result">The segmentation.</param>
    /// <param name="path">The file to write.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or blank.</exception>
    public static void WriteAssignmentsParquet(this SegmentationResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        var a = result.Assignments;
        new ParquetTable(a.Count)
            .Add("CustomerId", [.. a.Select(x => x.CustomerId)])
            .Add("Segment", [.. a.Select(x => x.Segment)])
            .Add("Label", [.. a.Select(x => x.Label)])
            .Add("DistanceToCentre", [.. a.Select(x => x.DistanceToCentre)])
            .Save(path);
    }

    /// <summary>
    /// Writes the profiles in long form, one row per segment and feature: <c>Segment</c>, <c>Label</c>, <c>Size</c>,
    /// <c>Share</c>, <c>Feature</c>, then the feature's <c>Centre</c>, <c>Mean</c>, <c>Median</c>,
    /// <c>StandardDeviation</c>, <c>Min</c>, <c>LowerQuartile</c>, <c>UpperQuartile</c>, <c>Max</c> and <c>ZScore</c>
    /// in the customers' units (doubles). The file is replaced only once complete.
    /// </summary>
    /// <param name="result">The segmentation.</param>
    /// <param name="path">The file to write.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or blank.</exception>
    public static void WriteProfilesParquet(this SegmentationResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        (SegmentProfile Segment, FeatureProfile Feature)[] rows = [.. result.Profiles.SelectMany(p => p.Features.Select(f => (p, f)))];
        new ParquetTable(rows.Length)
            .Add("Segment", [.. rows.Select(r => r.Segment.Id)])
            .Add("Label", [.. rows.Select(r => r.Segment.Label)])
            .Add("Size", [.. rows.Select(r => r.Segment.Size)])
            .Add("Share", [.. rows.Select(r => r.Segment.Share)])
            .Add("Feature", [.. rows.Select(r => r.Feature.Feature)])
            .Add("Centre", [.. rows.Select(r => r.Feature.Centre)])
            .Add("Mean", [.. rows.Select(r => r.Feature.Mean)])
            .Add("Median", [.. rows.Select(r => r.Feature.Median)])
            .Add("StandardDeviation", [.. rows.Select(r => r.Feature.StandardDeviation)])
            .Add("Min", [.. rows.Select(r => r.Feature.Min)])
            .Add("LowerQuartile", [.. rows.Select(r => r.Feature.LowerQuartile)])
            .Add("UpperQuartile", [.. rows.Select(r => r.Feature.UpperQuartile)])
            .Add("Max", [.. rows.Select(r => r.Feature.Max)])
            .Add("ZScore", [.. rows.Select(r => r.Feature.ZScore)])
            .Save(path);
    }

    /// <summary>
    /// Writes customers: the id column <c>CustomerId</c> (text), each feature as a float column (the values the table
    /// holds, exactly), then each attribute as text; row groups of <paramref name="rowGroupRows"/> rows. The file is
    /// uncompressed, with plain float32 feature columns: the layout <see cref="CustomerParquet"/> reads fastest (a
    /// streamed fit reads the file on every pass; Snappy or dictionary-encoded features decode several times slower).
    /// </summary>
    /// <param name="customers">The customers.</param>
    /// <param name="path">The file to write.</param>
    /// <param name="rowGroupRows">Rows per row group (the chunks of <see cref="CustomerParquet.Chunks"/>); a multiple of 8,192 keeps a streamed fit equal to the in-memory one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowGroupRows"/> is less than 1.</exception>
    public static void WriteParquet(this CustomerTable customers, string path, int rowGroupRows = 1 << 20)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupRows, 1);
        var table = new ParquetTable(customers.RowCount, rowGroupRows, ParquetTable.FeatureOptions).Add("CustomerId", customers.Ids).AddColumns(customers.Features);

        foreach ((string name, System.Collections.Immutable.ImmutableArray<string> values) in customers.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            table.Add(name, values);
        }

        table.Save(path);
    }

    /// <summary>
    /// Writes rows that need not fit in memory: each chunk of <paramref name="rows"/> becomes one row group of float
    /// columns named after the features (no id column), one chunk held at a time, uncompressed and plain (the layout
    /// read fastest). <see cref="CustomerParquet.Chunks"/> reads them back in the same chunks.
    /// </summary>
    /// <param name="rows">The rows, read once.</param>
    /// <param name="path">The file to write.</param>
    /// <param name="cancellationToken">Checked between chunks.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or blank.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static void WriteParquet(this IFeatureChunkSource rows, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ParquetTable.SaveChunks(path, rows.FeatureNames, rows.ReadChunks(cancellationToken), cancellationToken);
    }
}
