using System.Numerics;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Selection;

/// <summary>
/// Cluster labels re-encoded as dense ids 0..<see cref="Count"/>-1 in ascending order of the original label values
/// (scikit-learn's <c>LabelEncoder</c>), with the size of each cluster.
/// </summary>
internal sealed class ClusterLabels
{
    private ClusterLabels(int[] dense, int[] sizes)
    {
        Dense = dense;
        Sizes = sizes;
    }

    /// <summary>The dense cluster id of each row.</summary>
    public int[] Dense { get; }

    /// <summary>The number of rows in each dense cluster (all at least 1).</summary>
    public int[] Sizes { get; }

    /// <summary>The number of distinct labels used.</summary>
    public int Count => Sizes.Length;

    /// <summary>The number of rows.</summary>
    public int RowCount => Dense.Length;

    /// <summary>Checks that there is one non-negative label per row and encodes them.</summary>
    /// <exception cref="ArgumentException">The lengths differ or a label is negative.</exception>
    public static ClusterLabels Encode(FeatureMatrix data, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (labels.Length != data.RowCount)
        {
            throw new ArgumentException(
                $"There are {labels.Length} labels but the data has {data.RowCount} rows; give exactly one cluster label per row.",
                nameof(labels));
        }

        (int smallest, int largest) = Range(labels);
        if (smallest < 0)
        {
            int row = labels.IndexOfAnyInRange(int.MinValue, -1);
            throw new ArgumentException(
                $"Row {row} has the label {labels[row]}; cluster labels must be 0 or greater.",
                nameof(labels));
        }

        return largest <= Math.Max(labels.Length, DirectLabelLimit) ? EncodeDirect(labels, largest) : EncodeSorted(labels);
    }

    /// <summary>Labels up to this (or up to the row count) are counted in an array indexed by label instead of being sorted.</summary>
    private const int DirectLabelLimit = 1 << 16;

    /// <summary>The smallest and largest label (0 and -1 for none), a vector at a time.</summary>
    private static (int Smallest, int Largest) Range(ReadOnlySpan<int> labels)
    {
        int i = 0;
        int smallest = int.MaxValue;
        int largest = -1;
        if (Vector.IsHardwareAccelerated && labels.Length >= Vector<int>.Count)
        {
            var low = new Vector<int>(int.MaxValue);
            var high = new Vector<int>(int.MinValue);
            for (; i <= labels.Length - Vector<int>.Count; i += Vector<int>.Count)
            {
                var values = new Vector<int>(labels.Slice(i, Vector<int>.Count));
                low = Vector.Min(low, values);
                high = Vector.Max(high, values);
            }

            for (int l = 0; l < Vector<int>.Count; l++)
            {
                smallest = Math.Min(smallest, low[l]);
                largest = Math.Max(largest, high[l]);
            }
        }

        for (; i < labels.Length; i++)
        {
            smallest = Math.Min(smallest, labels[i]);
            largest = Math.Max(largest, labels[i]);
        }

        return labels.IsEmpty ? (0, -1) : (smallest, largest);
    }

    /// <summary>
    /// Dense ids in ascending label order, from a count per label value: O(n + largest). When every label from 0 to the
    /// largest occurs the labels are their own dense ids and are copied.
    /// </summary>
    private static ClusterLabels EncodeDirect(ReadOnlySpan<int> labels, int largest)
    {
        int values = largest + 1;
        int[] counts = NearestCentroid.ClusterSizes(labels, values);
        int count = 0;
        foreach (int size in counts)
        {
            count += size > 0 ? 1 : 0;
        }

        if (count == values)
        {
            return new ClusterLabels(labels.ToArray(), counts);
        }

        var idOfLabel = new int[values];
        var sizes = new int[count];
        int next = 0;
        for (int label = 0; label < values; label++)
        {
            if (counts[label] > 0)
            {
                sizes[next] = counts[label];
                idOfLabel[label] = next++;
            }
        }

        var dense = new int[labels.Length];
        for (int r = 0; r < labels.Length; r++)
        {
            dense[r] = idOfLabel[labels[r]];
        }

        return new ClusterLabels(dense, sizes);
    }

    /// <summary>Dense ids in ascending label order, from the sorted distinct labels: O(n log n), for sparse large labels.</summary>
    private static ClusterLabels EncodeSorted(ReadOnlySpan<int> labels)
    {
        int[] distinct = labels.ToArray();
        Array.Sort(distinct);
        int count = 0;
        for (int i = 0; i < distinct.Length; i++)
        {
            if (i == 0 || distinct[i] != distinct[i - 1])
            {
                distinct[count++] = distinct[i];
            }
        }

        var dense = new int[labels.Length];
        var sizes = new int[count];
        for (int i = 0; i < labels.Length; i++)
        {
            int id = Array.BinarySearch(distinct, 0, count, labels[i]);
            dense[i] = id;
            sizes[id]++;
        }

        return new ClusterLabels(dense, sizes);
    }

    /// <summary>
    /// Checks scikit-learn's condition for the scores: 2 &lt;= distinct labels &lt;= rows - 1.
    /// </summary>
    /// <param name="what">What the rows are, for the message (e.g. "samples" or "sampled rows").</param>
    /// <exception cref="ArgumentException">Too few or too many distinct labels.</exception>
    public void RequireScorable(string what)
    {
        if (Count < 2 || Count > RowCount - 1)
        {
            throw new ArgumentException(
                $"There are {Count} distinct labels among {RowCount} {what}; a cluster quality score needs from 2 to n - 1 = {RowCount - 1} distinct labels (at least two clusters, and at least one cluster with two or more members).",
                "labels");
        }
    }

    /// <summary>
    /// The rows of one block of the passes over the rows (<see cref="Centroids"/>, the dispersion): each block's sums
    /// run in row order and the blocks' partial sums are added in block order, so the result is the same for any number
    /// of threads.
    /// </summary>
    internal const int BlockRows = 1 << 16;

    /// <summary>
    /// The mean of each cluster (rows: dense cluster ids, columns: features), accumulated in double: in row order within
    /// each block of <see cref="BlockRows"/> rows (blocks side by side on the thread pool), the blocks in order.
    /// </summary>
    /// <param name="data">The rows, one per label.</param>
    /// <param name="cancellationToken">Checked before each block.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public double[][] Centroids(FeatureMatrix data, CancellationToken cancellationToken = default)
    {
        int k = Count;
        int d = data.FeatureCount;
        int n = RowCount;
        int blocks = Math.Max(1, (n + BlockRows - 1) / BlockRows);
        var partial = new double[blocks * k * d];
        int[] dense = Dense;
        Parallel.For(0, blocks, b =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            int start = b * BlockRows;
            int end = Math.Min(n, start + BlockRows);
            Span<double> sums = partial.AsSpan(b * k * d, k * d);
            for (int f = 0; f < d; f++)
            {
                ReadOnlySpan<float> column = data.Column(f);
                for (int i = start; i < end; i++)
                {
                    sums[(dense[i] * d) + f] += column[i];
                }
            }
        });
        cancellationToken.ThrowIfCancellationRequested();

        var centroids = new double[k][];
        for (int c = 0; c < k; c++)
        {
            centroids[c] = new double[d];
            for (int f = 0; f < d; f++)
            {
                double sum = 0;
                for (int b = 0; b < blocks; b++)
                {
                    sum += partial[(((b * k) + c) * d) + f];
                }

                centroids[c][f] = sum / Sizes[c];
            }
        }

        return centroids;
    }
}
