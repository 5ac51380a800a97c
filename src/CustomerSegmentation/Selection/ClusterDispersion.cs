using CustomerSegmentation.Data;

namespace CustomerSegmentation.Selection;

/// <summary>
/// The per-cluster statistics that Calinski-Harabasz and Davies-Bouldin are made of, from two passes over the rows:
/// the centroids (sums in double), then each row's squared distance to its centroid (features in order), giving the
/// within-cluster sum of squares and each cluster's mean distance to its centroid. Both passes run blocks of
/// <see cref="ClusterLabels.BlockRows"/> rows side by side, in row order within a block, and add the blocks' sums in
/// block order: the same result for any number of threads.
/// </summary>
internal sealed class ClusterDispersion
{
    /// <summary>The rows of one chunk of the second pass: their squared distances stay in cache.</summary>
    private const int Chunk = 4096;

    private ClusterDispersion(double[][] centroids, double between, double within, double[] scatter)
    {
        Centroids = centroids;
        Between = between;
        Within = within;
        Scatter = scatter;
    }

    /// <summary>The mean of each cluster (rows: dense cluster ids, columns: features).</summary>
    public double[][] Centroids { get; }

    /// <summary>tr(B): the size-weighted squared distances of the centroids from the mean of all rows.</summary>
    public double Between { get; }

    /// <summary>tr(W): the squared distances of the rows from their centroids, summed.</summary>
    public double Within { get; }

    /// <summary>Each cluster's mean distance of its members to its centroid.</summary>
    public double[] Scatter { get; }

    /// <summary>Measures <paramref name="data"/> under the encoded labels.</summary>
    /// <param name="data">The rows.</param>
    /// <param name="labels">Their dense labels (one per row).</param>
    /// <param name="cancellationToken">Checked before each block and each chunk of rows.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static ClusterDispersion Of(FeatureMatrix data, ClusterLabels labels, CancellationToken cancellationToken)
    {
        int n = data.RowCount;
        int d = data.FeatureCount;
        int[] dense = labels.Dense;
        double[][] centroids = labels.Centroids(data, cancellationToken);

        double between = 0;
        for (int f = 0; f < d; f++)
        {
            double mean = 0;
            for (int c = 0; c < centroids.Length; c++)
            {
                mean += centroids[c][f] * labels.Sizes[c];
            }

            mean /= n;
            for (int c = 0; c < centroids.Length; c++)
            {
                double shift = centroids[c][f] - mean;
                between += labels.Sizes[c] * shift * shift;
            }
        }

        // The centroids feature-major, so that one feature's K values are contiguous.
        var centre = new double[d * centroids.Length];
        for (int c = 0; c < centroids.Length; c++)
        {
            for (int f = 0; f < d; f++)
            {
                centre[(f * centroids.Length) + c] = centroids[c][f];
            }
        }

        int k = centroids.Length;
        int blocks = Math.Max(1, (n + ClusterLabels.BlockRows - 1) / ClusterLabels.BlockRows);
        var withinByBlock = new double[blocks];
        var scatterByBlock = new double[blocks * k];
        Parallel.For(0, blocks, b =>
        {
            Span<double> squared = stackalloc double[Chunk];
            Span<double> scatterOfBlock = scatterByBlock.AsSpan(b * k, k);
            int blockEnd = Math.Min(n, (b + 1) * ClusterLabels.BlockRows);
            double withinOfBlock = 0;
            for (int start = b * ClusterLabels.BlockRows; start < blockEnd && !cancellationToken.IsCancellationRequested; start += Chunk)
            {
                int count = Math.Min(Chunk, blockEnd - start);
                Span<double> rows = squared[..count];
                rows.Clear();
                ReadOnlySpan<int> ids = dense.AsSpan(start, count);
                for (int f = 0; f < d; f++)
                {
                    ReadOnlySpan<float> column = data.Column(f).Slice(start, count);
                    ReadOnlySpan<double> centreOf = centre.AsSpan(f * k, k);
                    for (int i = 0; i < rows.Length; i++)
                    {
                        double diff = column[i] - centreOf[ids[i]];
                        rows[i] += diff * diff;
                    }
                }

                for (int i = 0; i < rows.Length; i++)
                {
                    withinOfBlock += rows[i];
                    scatterOfBlock[ids[i]] += Math.Sqrt(rows[i]);
                }
            }

            withinByBlock[b] = withinOfBlock;
        });
        cancellationToken.ThrowIfCancellationRequested();

        double within = 0;
        var scatter = new double[k];
        for (int b = 0; b < blocks; b++)
        {
            within += withinByBlock[b];
            for (int c = 0; c < k; c++)
            {
                scatter[c] += scatterByBlock[(b * k) + c];
            }
        }

        for (int c = 0; c < k; c++)
        {
            scatter[c] /= labels.Sizes[c];
        }

        return new ClusterDispersion(centroids, between, within, scatter);
    }
}
