using CustomerSegmentation.Clustering.Kernels;

namespace CustomerSegmentation.Kernels.Tests;

/// <summary>The silhouette kernel against a plain double reference, every row count 0..257, a spread of d and K, every width.</summary>
[Trait("Category", "Kernel")]
public sealed class SilhouetteKernelTests
{
    public static TheoryData<int, int> WidthsAndFeatures() => Widths.WithFeatures([1, 2, 3, 4, 5, 9]);

    [Theory]
    [MemberData(nameof(WidthsAndFeatures))]
    public void Sums_of_distances_match_the_scalar_reference(int lanes, int features)
    {
        var width = (VectorWidth)lanes;
        var random = new Random(features);
        double[][] columns = Enumerable.Range(0, features).Select(_ => Enumerable.Range(0, 300).Select(_ => (random.NextDouble() * 10) - 5).ToArray()).ToArray();
        double[] query = Enumerable.Range(0, features).Select(j => j - 1.5).ToArray();
        for (int n = 0; n <= 257; n++)
        {
            int start = n % 5;
            double sum = SilhouetteKernel.SumOfDistances(columns, start, start + n, query, width);

            double expected = Enumerable.Range(start, n).Sum(p => Math.Sqrt(ScalarReference.SquaredDistance(columns.Select(c => c[p]).ToArray(), query)));
            Assert.True(Math.Abs(expected - sum) <= (expected * 1e-13) + 1e-13, $"n={n} d={features}: {sum} vs {expected}");
        }
    }

    [Theory]
    [MemberData(nameof(WidthsAndFeatures))]
    public void Mean_silhouette_matches_the_scalar_reference(int lanes, int features)
    {
        var width = (VectorWidth)lanes;
        for (int n = 2; n <= 257; n++)
        {
            int clusters = 2 + (n % Math.Min(n - 1, 5));
            KernelData source = KernelData.Blobs(n, features, clusters, seed: (n * 3) + features);
            int[] labels = Enumerable.Range(0, n).Select(i => i % clusters).ToArray();
            double[][] rows = Enumerable.Range(0, n).Select(source.Row).ToArray();

            double mean = SilhouetteKernel.Mean(source.At(width, centred: false), labels, clusters, maxDegreeOfParallelism: 2);

            double expected = ScalarReference.Silhouette(rows, labels, clusters);
            Assert.True(Math.Abs(expected - mean) <= 1e-12, $"n={n} d={features} K={clusters}: {mean} vs {expected}");
        }
    }

    [Theory]
    [MemberData(nameof(WidthsAndFeatures))]
    public void The_blocked_rows_give_the_bits_of_one_sum_of_distances_per_row_and_cluster(int lanes, int features)
    {
        // Labels already grouped by cluster, so the kernel's sorted positions are the rows themselves.
        var width = (VectorWidth)lanes;
        foreach (int n in new[] { 2, 5, 37, 130 })
        {
            int clusters = Math.Min(n, 3);
            KernelData source = KernelData.Blobs(n, features, clusters, seed: n + features);
            int[] labels = Enumerable.Range(0, n).Select(i => i * clusters / n).ToArray();
            double[][] columns = source.Columns.Select(c => c.Take(n).Select(v => (double)v).ToArray()).ToArray();
            int[] starts = Enumerable.Range(0, clusters + 1).Select(c => Array.FindIndex(labels, l => l >= c) is var at and >= 0 ? at : n).ToArray();

            double expected = 0;
            for (int row = 0; row < n; row++)
            {
                double[] query = columns.Select(c => c[row]).ToArray();
                double[] sums = Enumerable.Range(0, clusters).Select(c => SilhouetteKernel.SumOfDistances(columns, starts[c], starts[c + 1], query, width)).ToArray();
                int own = labels[row];
                int size = starts[own + 1] - starts[own];
                if (size > 1)
                {
                    double a = sums[own] / (size - 1);
                    double b = Enumerable.Range(0, clusters).Where(c => c != own).Min(c => sums[c] / (starts[c + 1] - starts[c]));
                    double scale = Math.Max(a, b);
                    expected += scale == 0.0 ? 0.0 : (b - a) / scale;
                }
            }

            double mean = SilhouetteKernel.Mean(source.At(width, centred: false), labels, clusters, maxDegreeOfParallelism: 2, symmetric: false);

            Assert.Equal(expected / n, mean);
        }
    }

    /// <summary>
    /// The symmetric pass (each distance once, for d &lt;= 4) against the one-sided pass: the same mean to rounding,
    /// with labels that interleave the clusters (so blocks of rows straddle cluster boundaries) and row counts that
    /// cross the fixed tasks and every vector tail; and the same bits for any thread count.
    /// </summary>
    [Theory]
    [MemberData(nameof(WidthsAndFeatures))]
    public void The_symmetric_pass_gives_the_one_sided_mean_to_rounding_and_the_same_bits_for_any_thread_count(int lanes, int features)
    {
        var width = (VectorWidth)lanes;
        foreach (int n in new[] { 2, 3, 9, 64, 301, 1000 })
        {
            int clusters = Math.Min(n, 2 + (n % 5));
            KernelData source = KernelData.Blobs(n, features, clusters, seed: n + (features * 13));
            int[] labels = Enumerable.Range(0, n).Select(i => (i * 7 / 3) % clusters).ToArray();
            for (int c = 0; c < clusters; c++)
            {
                labels[c] = c;
            }

            KernelColumns data = source.At(width, centred: false);
            double oneSided = SilhouetteKernel.Mean(data, labels, clusters, maxDegreeOfParallelism: 2, symmetric: false);
            double symmetric = SilhouetteKernel.Mean(data, labels, clusters, maxDegreeOfParallelism: 2, symmetric: true);
            double symmetricOneThread = SilhouetteKernel.Mean(data, labels, clusters, maxDegreeOfParallelism: 1, symmetric: true);
            double symmetricFour = SilhouetteKernel.Mean(data, labels, clusters, maxDegreeOfParallelism: 4, symmetric: true);

            Assert.True(Math.Abs(oneSided - symmetric) <= 1e-13, $"n={n} d={features} K={clusters}: {symmetric} vs {oneSided}");
            Assert.Equal(symmetric, symmetricOneThread);
            Assert.Equal(symmetric, symmetricFour);
        }
    }

    [Fact]
    public void The_mean_is_the_same_bits_for_any_thread_count_and_any_offset_gives_the_same_value()
    {
        KernelData source = KernelData.Blobs(500, 3, 4, seed: 9);
        int[] labels = Enumerable.Range(0, 500).Select(i => i % 4).ToArray();

        double one = SilhouetteKernel.Mean(source.At(VectorWidths.Best, centred: false), labels, 4, maxDegreeOfParallelism: 1);
        double many = SilhouetteKernel.Mean(source.At(VectorWidths.Best, centred: false), labels, 4, maxDegreeOfParallelism: 4);
        double centred = SilhouetteKernel.Mean(source.At(VectorWidths.Best, centred: true), labels, 4, maxDegreeOfParallelism: 2);

        Assert.Equal(one, many);
        Assert.Equal(one, centred, 1e-9);
    }

    [Fact]
    public void Labels_of_another_length_are_rejected()
    {
        KernelData source = KernelData.Blobs(10, 2, 2, seed: 1);

        var error = Assert.Throws<ArgumentException>(() => SilhouetteKernel.Mean(source.At(VectorWidth.Scalar), new int[9], 2, 1));

        Assert.Contains("9 labels for 10 rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_outside_the_dense_ids_is_rejected()
    {
        KernelData source = KernelData.Blobs(10, 2, 2, seed: 1);
        int[] labels = [0, 1, 0, 1, 0, 1, 0, 1, 0, 2];

        var error = Assert.Throws<ArgumentException>(() => SilhouetteKernel.Mean(source.At(VectorWidth.Scalar), labels, 2, 1));

        Assert.Contains("Row 9 has the label 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_cluster_is_rejected()
    {
        KernelData source = KernelData.Blobs(10, 2, 2, seed: 1);
        int[] labels = [0, 2, 0, 2, 0, 2, 0, 2, 0, 2];

        var error = Assert.Throws<ArgumentException>(() => SilhouetteKernel.Mean(source.At(VectorWidth.Scalar), labels, 3, 1));

        Assert.Contains("Cluster 1 has no rows", error.Message, StringComparison.Ordinal);
    }
}
