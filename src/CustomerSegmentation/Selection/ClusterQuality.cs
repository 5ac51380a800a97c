using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;


namespace CustomerSegmentation.Selection;

/// <summary>
/// Internal cluster quality scores with scikit-learn's definitions (<c>silhouette_score</c>,
/// <c>calinski_harabasz_score</c>, <c>davies_bouldin_score</c>), computed in double precision from the float32 data
/// with plain Euclidean distances.
/// </summary>
/// <remarks>
/// Labels are cluster ids, one per row, 0 or greater; ids that no row uses are ignored (the distinct labels are counted
/// like scikit-learn's <c>LabelEncoder</c>). Every score needs from 2 to n - 1 distinct labels among the n rows scored.
/// </remarks>
public static class ClusterQuality
{
    /// <summary>
    /// The mean silhouette coefficient: over the samples, (b - a) / max(a, b) where a is the mean distance to the other
    /// members of the sample's own cluster and b the smallest mean distance to the members of another cluster.
    /// A sample alone in its cluster scores 0. Ranges over [-1, 1]; higher is better.
    /// </summary>
    /// <remarks>
    /// Exact and O(n² · features): every pairwise distance is computed, vectorised and spread over threads. The result
    /// is bit-identical for every <paramref name="maxDegreeOfParallelism"/>. With <paramref name="sampleSize"/>, the
    /// silhouette of a random subset of that many rows (drawn without replacement from <paramref name="seed"/>) is
    /// returned instead, as scikit-learn does with <c>sample_size</c>.
    /// </remarks>
    /// <param name="data">The rows to score.</param>
    /// <param name="labels">The cluster id of each row.</param>
    /// <param name="sampleSize">
    /// The number of rows to score, at least 2; null (the default) or a value of at least the row count scores every row.
    /// </param>
    /// <param name="seed">The seed of the random subset (Xoshiro256**); only used with <paramref name="sampleSize"/>. The default is 0.</param>
    /// <param name="maxDegreeOfParallelism">The most threads to use; -1 (the default) lets the runtime decide.</param>
    /// <param name="cancellationToken">Checked before each row's pass over the data (a bounded O(n · features) of work).</param>
    /// <returns>The mean silhouette, in [-1, 1].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The number of labels differs from the number of rows, a label is negative, or the (sampled) rows have fewer than
    /// 2 or more than n - 1 distinct labels.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="sampleSize"/> is less than 2, or <paramref name="maxDegreeOfParallelism"/> is 0 or less than -1.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static double Silhouette(FeatureMatrix data, ReadOnlySpan<int> labels, int? sampleSize = null, int seed = 0, int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ClusterLabels encoded = ClusterLabels.Encode(data, labels);
        if (sampleSize is { } size)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(size, 2, nameof(sampleSize));
        }

        if (maxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxDegreeOfParallelism),
                maxDegreeOfParallelism,
                "maxDegreeOfParallelism must be -1 (let the runtime decide) or at least 1.");
        }

        if (sampleSize is { } m && m < data.RowCount)
        {
            return SilhouetteSample.Draw(data, m, seed).Score(labels, maxDegreeOfParallelism, cancellationToken);
        }

        encoded.RequireScorable("rows");
        var columns = new KernelColumns(data.PaddedColumns(), data.RowCount, VectorWidths.Best);
        return SilhouetteKernel.Mean(columns, encoded.Dense, encoded.Count, maxDegreeOfParallelism, cancellationToken);
    }

    /// <summary>
    /// The Calinski-Harabasz index (variance ratio criterion): [tr(B) / (k - 1)] / [tr(W) / (n - k)], where B is the
    /// between-cluster and W the within-cluster dispersion. 1.0 when W = 0 (every cluster is a single point). Higher is better.
    /// </summary>
    /// <param name="data">The rows to score.</param>
    /// <param name="labels">The cluster id of each row.</param>
    /// <param name="cancellationToken">Checked before each feature's pass over the rows.</param>
    /// <returns>The index, 0 or greater.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The number of labels differs from the number of rows, a label is negative, or there are fewer than 2 or more than
    /// n - 1 distinct labels.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static double CalinskiHarabasz(FeatureMatrix data, ReadOnlySpan<int> labels, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ClusterLabels encoded = ClusterLabels.Encode(data, labels);
        encoded.RequireScorable("rows");
        return CalinskiHarabasz(encoded, ClusterDispersion.Of(data, encoded, cancellationToken));
    }

    /// <summary>
    /// The Davies-Bouldin index: the mean over clusters i of max over j ≠ i of (s_i + s_j) / d(c_i, c_j), where s is the
    /// mean distance of a cluster's members to its centroid c. Lower is better; 0 is the minimum.
    /// </summary>
    /// <remarks>
    /// Degenerate cases follow scikit-learn: 0.0 when every s is within 1e-8 of zero or every centroid distance is; a
    /// pair of clusters with identical centroids contributes a ratio of 0.
    /// </remarks>
    /// <param name="data">The rows to score.</param>
    /// <param name="labels">The cluster id of each row.</param>
    /// <param name="cancellationToken">Checked before each feature's pass over the rows.</param>
    /// <returns>The index, 0 or greater.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The number of labels differs from the number of rows, a label is negative, or there are fewer than 2 or more than
    /// n - 1 distinct labels.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static double DaviesBouldin(FeatureMatrix data, ReadOnlySpan<int> labels, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ClusterLabels encoded = ClusterLabels.Encode(data, labels);
        encoded.RequireScorable("rows");
        return DaviesBouldin(ClusterDispersion.Of(data, encoded, cancellationToken));
    }

    /// <summary>
    /// <see cref="CalinskiHarabasz(FeatureMatrix, ReadOnlySpan{int}, CancellationToken)"/> and
    /// <see cref="DaviesBouldin(FeatureMatrix, ReadOnlySpan{int}, CancellationToken)"/> from one encoding of the labels
    /// and one pair of passes over the rows (what the elbow sweep reports for every K).
    /// </summary>
    /// <exception cref="ArgumentException">As the two scores.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    internal static (double CalinskiHarabasz, double DaviesBouldin) CalinskiHarabaszAndDaviesBouldin(
        FeatureMatrix data, ReadOnlySpan<int> labels, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ClusterLabels encoded = ClusterLabels.Encode(data, labels);
        encoded.RequireScorable("rows");
        var dispersion = ClusterDispersion.Of(data, encoded, cancellationToken);
        return (CalinskiHarabasz(encoded, dispersion), DaviesBouldin(dispersion));
    }

    private static double CalinskiHarabasz(ClusterLabels encoded, ClusterDispersion dispersion)
    {
        int n = encoded.RowCount;
        int k = encoded.Count;
        return dispersion.Within == 0.0 ? 1.0 : dispersion.Between * (n - k) / (dispersion.Within * (k - 1.0));
    }

    private static double DaviesBouldin(ClusterDispersion dispersion)
    {
        const double Negligible = 1e-8; // numpy.allclose(x, 0): |x| <= atol
        double[][] centroids = dispersion.Centroids;
        double[] scatter = dispersion.Scatter;
        int k = centroids.Length;
        bool allScattersNegligible = true;
        for (int c = 0; c < k; c++)
        {
            allScattersNegligible &= scatter[c] <= Negligible;
        }

        var separation = new double[k, k];
        bool allSeparationsNegligible = true;
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                separation[i, j] = Distance(centroids[i], centroids[j]);
                allSeparationsNegligible &= separation[i, j] <= Negligible;
            }
        }

        if (allScattersNegligible || allSeparationsNegligible)
        {
            return 0.0;
        }

        double total = 0;
        for (int i = 0; i < k; i++)
        {
            double worst = 0;
            for (int j = 0; j < k; j++)
            {
                if (separation[i, j] != 0.0)
                {
                    worst = Math.Max(worst, (scatter[i] + scatter[j]) / separation[i, j]);
                }
            }

            total += worst;
        }

        return total / k;
    }

    private static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double squared = 0;
        for (int f = 0; f < a.Length; f++)
        {
            double diff = a[f] - b[f];
            squared += diff * diff;
        }

        return Math.Sqrt(squared);
    }
}
