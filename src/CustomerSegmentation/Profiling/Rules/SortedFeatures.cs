using CustomerSegmentation.Data;

namespace CustomerSegmentation.Profiling;

/// <summary>
/// Every feature's values sorted once, with the row each value came from: the tree scans them in order at every
/// level instead of sorting each node again. Rows of equal value keep no particular order (only boundaries between
/// distinct values are split points, so the order within a run of equal values does not matter).
/// </summary>
internal sealed class SortedFeatures
{
    private SortedFeatures(float[][] values, int[][] rows)
    {
        Values = values;
        Rows = rows;
    }

    /// <summary>Per feature, the values in ascending order.</summary>
    public float[][] Values { get; }

    /// <summary>Per feature, the row of each sorted value.</summary>
    public int[][] Rows { get; }

    /// <summary>Sorts every feature of <paramref name="features"/>, one feature per thread.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static SortedFeatures Of(FeatureMatrix features, int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        int d = features.FeatureCount;
        int n = features.RowCount;
        var values = new float[d][];
        var rows = new int[d][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, d, options, j =>
        {
            float[] keys = features.Column(j).ToArray();
            int[] order = new int[n];
            for (int i = 0; i < n; i++)
            {
                order[i] = i;
            }

            Array.Sort(keys, order);
            values[j] = keys;
            rows[j] = order;
        });
        return new SortedFeatures(values, rows);
    }
}
