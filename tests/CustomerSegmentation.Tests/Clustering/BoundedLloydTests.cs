using CustomerSegmentation.Clustering;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Tests.Clustering;

/// <summary>
/// Lloyd's algorithm with distance bounds and moved sums (an internal alternative for unweighted data with d &lt;= 4, off by default) against the
/// plain kernel on every pass: the same labels, iterations and convergence, centres and inertia equal to rounding, on
/// slowly converging uniform data (many passes, so several periodic refreshes), on blobs, and when an empty cluster is
/// re-seeded; and bit-identical results for any thread count.
/// </summary>
public sealed class BoundedLloydTests
{
    public static TheoryData<int, int, int> Problems() => new()
    {
        { 1, 4, 1 }, { 2, 8, 2 }, { 3, 8, 3 }, { 4, 6, 4 }, { 3, 20, 5 }, { 2, 12, 6 },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Gives_the_plain_kernels_fit_to_rounding(int features, int clusters, int seed)
    {
        FeatureMatrix data = Uniform(30_000, features, seed);
        var options = new KMeansOptions { K = clusters, Seed = seed, Tolerance = 0, MaxIterations = 120 };

        ClusteringResult bounded = new KMeansClusterer(options, VectorWidths.Best, bounded: true).Fit(data);
        ClusteringResult plain = new KMeansClusterer(options, VectorWidths.Best, bounded: false).Fit(data);

        AssertSameToRounding(plain, bounded);
        Assert.True(bounded.Iterations > LloydRun.RefreshInterval, $"only {bounded.Iterations} iterations: no pass after a refresh was checked");
    }

    [Fact]
    public void Gives_the_plain_kernels_fit_for_one_cluster()
    {
        FeatureMatrix data = Uniform(10_000, 2, seed: 3);
        var options = new KMeansOptions { K = 1, Seed = 1 };

        AssertSameToRounding(new KMeansClusterer(options, VectorWidths.Best, bounded: false).Fit(data), new KMeansClusterer(options, VectorWidths.Best, bounded: true).Fit(data));
    }

    [Fact]
    public void Gives_the_plain_kernels_fit_when_an_empty_cluster_is_reseeded()
    {
        FeatureMatrix data = RandomData.Matrix(RandomData.Blobs(20_000, 3, 4, seed: 8));
        var init = KMeansInitialization.FromCentroids(new double[,] { { 0, 0, 0 }, { 1, 1, 1 }, { 900, 900, 900 }, { -900, 0, 0 } });
        var options = new KMeansOptions { K = 4, Init = init };

        ClusteringResult bounded = new KMeansClusterer(options, VectorWidths.Best, bounded: true).Fit(data);
        ClusteringResult plain = new KMeansClusterer(options, VectorWidths.Best, bounded: false).Fit(data);

        AssertSameToRounding(plain, bounded);
        Assert.All(bounded.ClusterSizes, size => Assert.True(size > 0));
    }

    [Fact]
    public void Is_bit_identical_for_any_thread_count()
    {
        FeatureMatrix data = Uniform(60_000, 3, seed: 9);
        ClusteringResult Fit(int threads) => new KMeansClusterer(new KMeansOptions { K = 8, Seed = 2, MaxDegreeOfParallelism = threads }, VectorWidths.Best, bounded: true).Fit(data);

        ClusteringResult one = Fit(1);
        ClusteringResult two = Fit(2);
        ClusteringResult four = Fit(4);

        Assert.Equal(one.Labels.ToArray(), two.Labels.ToArray());
        Assert.Equal(one.Labels.ToArray(), four.Labels.ToArray());
        Assert.Equal(one.Centroids.SelectMany(c => c), two.Centroids.SelectMany(c => c));
        Assert.Equal(one.Centroids.SelectMany(c => c), four.Centroids.SelectMany(c => c));
        Assert.Equal(one.Inertia, four.Inertia);
    }

    private static void AssertSameToRounding(ClusteringResult plain, ClusteringResult bounded)
    {
        Assert.Equal(plain.Labels.ToArray(), bounded.Labels.ToArray());
        Assert.Equal(plain.Iterations, bounded.Iterations);
        Assert.Equal(plain.Converged, bounded.Converged);
        Assert.Equal(plain.Inertia, bounded.Inertia, 1e-7 * plain.Inertia);
        Assert.All(
            plain.Centroids.SelectMany(c => c).Zip(bounded.Centroids.SelectMany(c => c)),
            pair => Assert.Equal(pair.First, pair.Second, 1e-7 * (1 + Math.Abs(pair.First))));
    }

    private static FeatureMatrix Uniform(int rows, int features, int seed)
    {
        var random = new Random(seed);
        double[][] values = Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, features).Select(_ => random.NextDouble() * 100).ToArray()).ToArray();
        return RandomData.Matrix(values);
    }
}
