using CustomerSegmentation.Clustering;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Tests.Clustering;

/// <summary>
/// Lloyd's algorithm with moved sums (the default for unweighted data: between refreshes only the rows whose label
/// changed move between the sums) and with moved sums and distance bounds (an internal alternative, for d &lt;= 4)
/// against every row summed on every pass: the same labels, iterations and convergence, centres and inertia equal to
/// rounding, on slowly converging uniform data (many passes, so several periodic refreshes), on blobs, and when an
/// empty cluster is re-seeded; and bit-identical results for any thread count.
/// </summary>
public sealed class BoundedLloydTests
{
    public static TheoryData<string, int, int, int> Problems()
    {
        var problems = new TheoryData<string, int, int, int>();
        foreach (string passes in new[] { nameof(LloydPasses.Moves), nameof(LloydPasses.Bounded) })
        {
            foreach ((int features, int clusters, int seed) in new[] { (1, 4, 1), (2, 8, 2), (3, 8, 3), (4, 6, 4), (3, 20, 5), (2, 12, 6), (6, 8, 7), (9, 5, 8) })
            {
                problems.Add(passes, features, clusters, seed);
            }
        }

        return problems;
    }

    public static TheoryData<string> MovingPasses() => [nameof(LloydPasses.Moves), nameof(LloydPasses.Bounded)];

    [Theory]
    [MemberData(nameof(Problems))]
    public void Gives_the_plain_kernels_fit_to_rounding(string passes, int features, int clusters, int seed)
    {
        FeatureMatrix data = Uniform(30_000, features, seed);
        var options = new KMeansOptions { K = clusters, Seed = seed, Tolerance = 0, MaxIterations = 120 };

        ClusteringResult bounded = new KMeansClusterer(options, VectorWidths.Best, Enum.Parse<LloydPasses>(passes)).Fit(data);
        ClusteringResult plain = new KMeansClusterer(options, VectorWidths.Best, LloydPasses.Full).Fit(data);

        AssertSameToRounding(plain, bounded);
        Assert.True(bounded.Iterations > LloydRun.RefreshInterval, $"only {bounded.Iterations} iterations: no pass after a refresh was checked");
    }

    [Theory]
    [MemberData(nameof(MovingPasses))]
    public void Gives_the_plain_kernels_fit_for_one_cluster(string passes)
    {
        FeatureMatrix data = Uniform(10_000, 2, seed: 3);
        var options = new KMeansOptions { K = 1, Seed = 1 };

        AssertSameToRounding(new KMeansClusterer(options, VectorWidths.Best, LloydPasses.Full).Fit(data), new KMeansClusterer(options, VectorWidths.Best, Enum.Parse<LloydPasses>(passes)).Fit(data));
    }

    [Theory]
    [MemberData(nameof(MovingPasses))]
    public void Gives_the_plain_kernels_fit_when_an_empty_cluster_is_reseeded(string passes)
    {
        FeatureMatrix data = RandomData.Matrix(RandomData.Blobs(20_000, 3, 4, seed: 8));
        var init = KMeansInitialization.FromCentroids(new double[,] { { 0, 0, 0 }, { 1, 1, 1 }, { 900, 900, 900 }, { -900, 0, 0 } });
        var options = new KMeansOptions { K = 4, Init = init };

        ClusteringResult bounded = new KMeansClusterer(options, VectorWidths.Best, Enum.Parse<LloydPasses>(passes)).Fit(data);
        ClusteringResult plain = new KMeansClusterer(options, VectorWidths.Best, LloydPasses.Full).Fit(data);

        AssertSameToRounding(plain, bounded);
        Assert.All(bounded.ClusterSizes, size => Assert.True(size > 0));
    }

    [Theory]
    [MemberData(nameof(MovingPasses))]
    public void Is_bit_identical_for_any_thread_count(string passes)
    {
        FeatureMatrix data = Uniform(60_000, 3, seed: 9);
        ClusteringResult Fit(int threads) => new KMeansClusterer(new KMeansOptions { K = 8, Seed = 2, MaxDegreeOfParallelism = threads }, VectorWidths.Best, Enum.Parse<LloydPasses>(passes)).Fit(data);

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
