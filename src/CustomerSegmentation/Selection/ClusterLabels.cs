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

        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0)
            {
                throw new ArgumentException(
                    $"Row {i} has the label {labels[i]}; cluster labels must be 0 or greater.",
                    nameof(labels));
            }
        }

        int largest = -1;
        for (int i = 0; i < labels.Length; i++)
        {
            largest = Math.Max(largest, labels[i]);
        }

        return largest <= Math.Max(labels.Length, DirectLabelLimit) ? EncodeDirect(labels, largest) : EncodeSorted(labels);
    }

    /// <summary>Labels up to this (or up to the row count) are counted in an array indexed by label instead of being sorted.</summary>
    private const int DirectLabelLimit = 1 << 16;

    /// <summary>Dense ids in ascending label order, from a count per label value: O(n + largest).</summary>
    private static ClusterLabels EncodeDirect(ReadOnlySpan<int> labels, int largest)
    {
        var idOfLabel = new int[largest + 1];
        for (int i = 0; i < labels.Length; i++)
        {
            idOfLabel[labels[i]] = 1;
        }

        int count = 0;
        for (int label = 0; label <= largest; label++)
        {
            idOfLabel[label] = idOfLabel[label] == 0 ? -1 : count++;
        }

        var dense = new int[labels.Length];
        var sizes = new int[count];
        for (int i = 0; i < labels.Length; i++)
        {
            int id = idOfLabel[labels[i]];
            dense[i] = id;
            sizes[id]++;
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

    /// <summary>The mean of each cluster (rows: dense cluster ids, columns: features), accumulated in double in row order.</summary>
    /// <param name="data">The rows, one per label.</param>
    /// <param name="cancellationToken">Checked before each feature's pass.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public double[][] Centroids(FeatureMatrix data, CancellationToken cancellationToken = default)
    {
        int k = Count;
        var sums = new double[k];
        var centroids = new double[k][];
        for (int c = 0; c < k; c++)
        {
            centroids[c] = new double[data.FeatureCount];
        }

        for (int f = 0; f < data.FeatureCount; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Array.Clear(sums);
            ReadOnlySpan<float> column = data.Column(f);
            ReadOnlySpan<int> dense = Dense;
            for (int i = 0; i < column.Length; i++)
            {
                sums[dense[i]] += column[i];
            }

            for (int c = 0; c < k; c++)
            {
                centroids[c][f] = sums[c] / Sizes[c];
            }
        }

        return centroids;
    }
}
