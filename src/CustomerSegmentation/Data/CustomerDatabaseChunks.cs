using System.Collections.Immutable;
using System.Data.Common;

namespace CustomerSegmentation.Data;

/// <summary>
/// Customers from a database query read as chunks for a streamed fit (see
/// <see cref="CustomerDatabase.Chunks(DbConnection, string, IReadOnlyList{string}, int, CustomerCsvOptions?)"/>): every
/// pass runs the query again on the connection and reads its rows <see cref="ChunkRows"/> at a time, through the same
/// checks and bad-row policy as <see cref="CustomerDatabase.Read(DbConnection, string, IReadOnlyList{string}, CustomerCsvOptions?, CancellationToken)"/>.
/// Nothing is dropped silently: the rows a pass skipped (under <see cref="BadRowPolicy.Skip"/>) are in
/// <see cref="SkippedRows"/> once the pass has ended.
/// </summary>
/// <remarks>
/// A streamed fit's result depends on the order of the rows, so the query must return them in a stable order: end it
/// with <c>ORDER BY</c> a unique key. One pass at a time: the connection runs one query.
/// </remarks>
public sealed class CustomerDatabaseChunks : IFeatureChunkSource
{
    private readonly DbConnection _connection;
    private readonly string _sql;
    private readonly CustomerCsvOptions _options;
    private PassReport _last = new(SkippedRowsReport.None, 0);

    internal CustomerDatabaseChunks(DbConnection connection, string sql, ImmutableArray<string> features, int chunkRows, CustomerCsvOptions options)
    {
        _connection = connection;
        _sql = sql;
        FeatureNames = features;
        ChunkRows = chunkRows;
        _options = options;
    }

    /// <inheritdoc />
    public ImmutableArray<string> FeatureNames { get; }

    /// <summary>The customers per chunk (the last chunk of a pass may have fewer).</summary>
    public int ChunkRows { get; }

    /// <summary>
    /// The rows the last complete pass skipped: their count by reason and the first
    /// <see cref="CsvReadOptions.MaxReportedSkippedRows"/> of them, each naming its row and column.
    /// </summary>
    /// <value><see cref="SkippedRowsReport.None"/> until a pass has read the whole result.</value>
    public SkippedRowsReport SkippedRows => Volatile.Read(ref _last).Skipped;

    /// <summary>The rows the last complete pass read, kept and skipped; 0 until a pass has read the whole result.</summary>
    public long RowsRead => Volatile.Read(ref _last).RowsRead;

    /// <inheritdoc />
    /// <exception cref="DataFormatException">The query failed, or a row is bad under <see cref="BadRowPolicy.FailFast"/> (naming its row and column).</exception>
    public IEnumerable<FeatureMatrix> ReadChunks(CancellationToken cancellationToken = default)
    {
        var skipped = new SkippedRowTally(_options.MaxReportedSkippedRows);
        long rowsRead = 0;
        foreach (CustomerTable chunk in CustomerDatabase.ReadChunks(_connection, _sql, FeatureNames, ChunkRows, _options, cancellationToken))
        {
            skipped.Add(chunk.SkippedRows);
            rowsRead += chunk.RowsRead;
            yield return chunk.Features;
        }

        Volatile.Write(ref _last, new PassReport(skipped.ToReport(), rowsRead));
    }

    private sealed record PassReport(SkippedRowsReport Skipped, long RowsRead);
}
