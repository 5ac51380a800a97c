using System.Collections.Immutable;

namespace CustomerSegmentation.Data;

/// <summary>A <see cref="FeatureMatrix"/> in memory read as chunks of a fixed number of rows (the last may be shorter).</summary>
/// <example>
/// <code>
/// var result = new StreamingKMeans(new StreamingKMeansOptions { K = 5 }).Fit(FeatureChunks.Split(matrix, 65_536));
/// </code>
/// </example>
public sealed class FeatureChunks : IFeatureChunkSource
{
    private readonly FeatureMatrix _data;

    private FeatureChunks(FeatureMatrix data, int chunkRows)
    {
        _data = data;
        ChunkRows = chunkRows;
    }

    /// <inheritdoc />
    public ImmutableArray<string> FeatureNames => _data.FeatureNames;

    /// <summary>The rows of every chunk but the last.</summary>
    public int ChunkRows { get; }

    /// <summary>Reads <paramref name="data"/> in chunks of <paramref name="chunkRows"/> rows.</summary>
    /// <param name="data">The rows.</param>
    /// <param name="chunkRows">The rows per chunk (at least 1).</param>
    /// <returns>The chunk source.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkRows"/> is less than 1.</exception>
    public static FeatureChunks Split(FeatureMatrix data, int chunkRows)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (chunkRows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkRows), chunkRows, "A chunk must hold at least one row.");
        }

        return new FeatureChunks(data, chunkRows);
    }

    /// <inheritdoc />
    public IEnumerable<FeatureMatrix> ReadChunks(CancellationToken cancellationToken = default)
    {
        for (int start = 0; start < _data.RowCount; start += ChunkRows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int rows = Math.Min(ChunkRows, _data.RowCount - start);
            float[][] columns = FeatureMatrix.AllocateColumns(_data.FeatureCount, rows);
            for (int j = 0; j < columns.Length; j++)
            {
                _data.Column(j).Slice(start, rows).CopyTo(columns[j]);
            }

            yield return FeatureMatrix.Wrap(columns, rows, _data.FeatureNames);
        }
    }
}
