using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using CustomerSegmentation.Kernels.Tests;

namespace CustomerSegmentation.Tests.Clustering;

/// <summary>Hand-checkable examples with known answers (scikit-learn's own fixtures, REFERENCE.md) and agreement with the scalar reference.</summary>
public sealed class KMeansReferenceTests
{
    private static readonly FeatureMatrix Square = FeatureMatrix.FromRows(
        [[0, 0], [0.5, 0], [0.5, 1], [1, 1]], ["x", "y"]);

    [Fact]
    public void Weighted_fixture_matches_scikit_learn()
    {
        var options = new KMeansOptions { K = 2, Init = KMeansInitialization.FromCentroids(new double[,] { { 0, 0 }, { 1, 1 } }) };

        ClusteringResult result = new KMeansClusterer(options).Fit(Square, [3, 1, 1, 3]);

        Assert.Equal([0, 0, 1, 1], result.Labels.ToArray());
        Assert.Equal(0.375, result.Inertia, 12);
        Assert.Equal(0.125, result.Centroids[0][0], 7);
        Assert.Equal(0.0, result.Centroids[0][1], 7);
        Assert.Equal(0.875, result.Centroids[1][0], 7);
        Assert.Equal(1.0, result.Centroids[1][1], 7);
        Assert.Equal(2, result.Iterations);
        Assert.True(result.Converged);
        Assert.Equal([2, 2], result.ClusterSizes.ToArray());
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Empty_cluster_is_reseeded_at_the_farthest_point()
    {
        var options = new KMeansOptions { K = 2, Init = KMeansInitialization.FromCentroids(new double[,] { { 0.5, 0.5 }, { 3, 3 } }) };

        ClusteringResult result = new KMeansClusterer(options).Fit(Square);

        Assert.Equal(0.25, result.Inertia, 12);
        double[][] centres = result.Centroids.Select(c => c.ToArray()).OrderBy(c => c[0]).ToArray();
        Assert.Equal(0.25, centres[0][0], 7);
        Assert.Equal(0.0, centres[0][1], 7);
        Assert.Equal(0.75, centres[1][0], 7);
        Assert.Equal(1.0, centres[1][1], 7);
        Assert.Equal(result.Labels[0], result.Labels[1]);
        Assert.Equal(result.Labels[2], result.Labels[3]);
        Assert.NotEqual(result.Labels[0], result.Labels[2]);
    }

    [Fact]
    public void Fewer_distinct_points_than_K_returns_a_result_with_a_warning()
    {
        FeatureMatrix duplicates = FeatureMatrix.FromRows([[1, 1], [1, 1], [1, 1], [2, 2]], ["x", "y"]);

        ClusteringResult result = new KMeansClusterer(new KMeansOptions { K = 3 }).Fit(duplicates);

        string warning = Assert.Single(result.Warnings);
        Assert.Contains("distinct clusters (2)", warning);
        Assert.Contains("K (3)", warning);
        Assert.Equal(0.0, result.Inertia);
    }

    [Theory]
    [InlineData(1, 2, 0)]
    [InlineData(3, 3, 1)]
    [InlineData(5, 7, 2)]
    [InlineData(8, 3, 3)]
    public void Agrees_with_the_scalar_reference_from_the_same_start(int clusters, int features, int seed)
    {
        double[][] rows = RandomData.Blobs(2000, features, clusters, seed, spread: 2.5);
        double[][] start = Enumerable.Range(0, clusters).Select(k => rows[(k * 97) + seed]).ToArray();
        var init = new double[clusters, features];
        for (int k = 0; k < clusters; k++)
        {
            for (int j = 0; j < features; j++)
            {
                init[k, j] = start[k][j];
            }
        }

        double[] weights = Enumerable.Repeat(1.0, rows.Length).ToArray();
        var expected = ScalarKMeans.Fit(rows, weights, start, 300, 1e-4);
        ClusteringResult actual = new KMeansClusterer(new KMeansOptions { K = clusters, Init = KMeansInitialization.FromCentroids(init) })
            .Fit(RandomData.Matrix(rows));

        Assert.Equal(expected.Labels, actual.Labels.ToArray());
        Assert.Equal(expected.Iterations, actual.Iterations);
        Assert.Equal(expected.Inertia, actual.Inertia, expected.Inertia * 1e-6);
        for (int k = 0; k < clusters; k++)
        {
            for (int j = 0; j < features; j++)
            {
                Assert.Equal(expected.Centres[k][j], actual.Centroids[k][j], 1e-4);
            }
        }
    }

    [Fact]
    public void Reported_inertia_is_the_sum_of_squared_distances_to_the_assigned_centroids()
    {
        double[][] rows = RandomData.Blobs(500, 3, 4, seed: 5);
        ClusteringResult result = new KMeansClusterer(new KMeansOptions { K = 4, Seed = 3 }).Fit(RandomData.Matrix(rows));

        double[][] centres = result.Centroids.Select(c => c.ToArray()).ToArray();
        double recomputed = ScalarReference.Inertia(rows, Enumerable.Repeat(1.0, rows.Length).ToArray(), centres, result.Labels.ToArray());

        Assert.Equal(recomputed, result.Inertia, recomputed * 1e-12);
    }

    [Fact]
    public void Transform_gives_plain_distances_to_every_centroid()
    {
        var options = new KMeansOptions { K = 2, Init = KMeansInitialization.FromCentroids(new double[,] { { 0, 0 }, { 1, 1 } }) };
        ClusteringResult result = new KMeansClusterer(options).Fit(Square, [3, 1, 1, 3]);

        double[,] distances = result.Transform(FeatureMatrix.FromRows([[0.125, 1]], ["x", "y"]));

        Assert.Equal(1.0, distances[0, 0], 12);
        Assert.Equal(0.75, distances[0, 1], 12);
    }

    [Fact]
    public void KMeansPlusPlus_uses_two_plus_floor_ln_K_local_trials_by_default()
    {
        var init = (KMeansPlusPlusInitialization)KMeansInitialization.KMeansPlusPlus();

        Assert.Equal(2, init.TrialsFor(1));
        Assert.Equal(2, init.TrialsFor(2));
        Assert.Equal(4, init.TrialsFor(8));
        Assert.Equal(5, init.TrialsFor(21));
        Assert.Equal(3, ((KMeansPlusPlusInitialization)KMeansInitialization.KMeansPlusPlus(3)).TrialsFor(8));
    }

    [Fact]
    public void Cancellation_stops_the_fit()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(
            () => new KMeansClusterer(new KMeansOptions { K = 2 }).Fit(Square, cancelled.Token));
    }
}
