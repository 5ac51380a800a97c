using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;

using MathNet.Numerics;
using MathNet.Numerics.Random;

namespace CustomerSegmentation.Selection;

/// <summary>
/// The seeded random rows a sampled silhouette scores (drawn without replacement, in row order), drawn once: an elbow
/// sweep scores every K's labels on the same sample without drawing it, or copying its rows, again.
/// </summary>
internal sealed class SilhouetteSample
{
    private readonly int[] _rows;
    private readonly FeatureMatrix _data;
    private readonly KernelColumns _columns;
    private readonly string _what;

    private SilhouetteSample(int[] rows, FeatureMatrix data, int sourceRowCount, string what)
    {
        _rows = rows;
        SourceRowCount = sourceRowCount;
        _data = data;
        _columns = new KernelColumns(data.PaddedColumns(), data.RowCount, VectorWidths.Best);
        _what = what;
    }

    /// <summary>The number of rows the data had; labels to score must have one per row.</summary>
    public int SourceRowCount { get; }

    /// <summary>Draws <paramref name="size"/> (less than the row count) of the rows of <paramref name="data"/> from <paramref name="seed"/> (Xoshiro256**).</summary>
    public static SilhouetteSample Draw(FeatureMatrix data, int size, int seed)
    {
        int[] rows = Combinatorics.GenerateVariation(data.RowCount, size, new Xoshiro256StarStar(seed));
        Array.Sort(rows);
        return new SilhouetteSample(rows, data.SelectRows(rows), data.RowCount, FormattableString.Invariant($"rows sampled with sampleSize = {size} and seed = {seed}"));
    }

    /// <summary>The silhouette of the sampled rows under <paramref name="labels"/> (one per row of the data drawn from).</summary>
    /// <exception cref="ArgumentException">The labels do not match the rows, one is negative, or the sampled rows hold fewer than 2 or more than n - 1 distinct labels.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public double Score(ReadOnlySpan<int> labels, int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        if (labels.Length != SourceRowCount)
        {
            throw new ArgumentException($"There are {labels.Length} labels for {SourceRowCount} rows; give one label per row.", nameof(labels));
        }

        var sampled = new int[_rows.Length];
        for (int i = 0; i < sampled.Length; i++)
        {
            sampled[i] = labels[_rows[i]];
        }

        ClusterLabels encoded = ClusterLabels.Encode(_data, sampled);
        encoded.RequireScorable(_what);
        return SilhouetteKernel.Mean(_columns, encoded.Dense, encoded.Count, maxDegreeOfParallelism, cancellationToken);
    }
}
