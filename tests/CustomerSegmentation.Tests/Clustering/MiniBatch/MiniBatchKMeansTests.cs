using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Tests.Clustering.MiniBatch;

/// <summary>What a mini-batch fit promises on real clustering problems: near-K-means quality, exact labels, early stops, reassignment.</summary>
public sealed class MiniBatchKMeansTests
{
    // Five well-separated blobs in 3-D (spread 0.4 around means 20 units apart on average).
    private static readonly double[][] BlobRows = RandomData.Blobs(20_000, 3, 5, seed: 7, spread: 0.4);
    private static readonly FeatureMatrix Blobs = RandomData.Matrix(BlobRows);

    [Fact]
    public void On_separated_blobs_the_inertia_is_within_two_percent_of_KMeans_and_the_partition_agrees()
    {
        ClusteringResult full = new KMeansClusterer(new KMeansOptions { K = 5, NInit = 3, Seed = 1 }).Fit(Blobs);
        ClusteringResult mini = new MiniBatchKMeans(new MiniBatchKMeansOptions { K = 5, Seed = 1 }).Fit(Blobs);

        Assert.InRange(mini.Inertia / full.Inertia, 0.98, 1.02);
        Assert.True(AdjustedRand.Index(full.Labels.ToArray(), mini.Labels.ToArray(), 5) > 0.99, "the partitions differ");
    }

    [Fact]
    public void Labels_equal_Predict_on_the_fitted_data_and_the_nearest_centroid_of_each_row()
    {
        ClusteringResult result = new MiniBatchKMeans(new MiniBatchKMeansOptions { K = 6, Seed = 3, BatchSize = 256 }).Fit(Blobs);

        Assert.Equal(result.Labels.ToArray(), result.Predict(Blobs));
        for (int i = 0; i < Blobs.RowCount; i += 97)
        {
            Assert.Equal(result.Labels[i], result.Predict(FeatureMatrix.FromRows([Blobs.GetRow(i)], Blobs.FeatureNames))[0]);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_result_and_other_seeds_differ()
    {
        static ClusteringResult Fit(int seed) => new MiniBatchKMeans(new MiniBatchKMeansOptions { K = 8, Seed = seed, BatchSize = 200 }).Fit(Blobs);

        ClusteringResult first = Fit(5);
        ClusteringResult again = Fit(5);
        Assert.Equal(first.Labels.ToArray(), again.Labels.ToArray());
        Assert.Equal(first.Inertia, again.Inertia);
        Assert.Equal(first.Centroids.SelectMany(c => c), again.Centroids.SelectMany(c => c));

        // K = 8 on 5 blobs: the split of the blobs, hence the centroids, depends on the random choices.
        int distinct = Enumerable.Range(6, 4).Select(seed => Fit(seed).Centroids[0][0]).Append(first.Centroids[0][0]).Distinct().Count();
        Assert.True(distinct > 1, "every seed gave the same centroid: the seed is not used");
    }

    [Fact]
    public void Easy_data_stops_early_for_lack_of_improvement()
    {
        ClusteringResult result = new MiniBatchKMeans(new MiniBatchKMeansOptions { K = 5, Seed = 2 }).Fit(Blobs);

        Assert.True(result.Converged);
        Assert.InRange(result.Iterations, 1, MiniBatchKMeansOptions.DefaultMaxIterations - 1);
    }

    [Fact]
    public void Without_early_stops_the_fit_runs_MaxIterations_epochs()
    {
        var options = new MiniBatchKMeansOptions { K = 5, Seed = 2, MaxIterations = 3, MaxNoImprovement = null };
        ClusteringResult result = new MiniBatchKMeans(options).Fit(Blobs);

        Assert.False(result.Converged);
        Assert.Equal(3, result.Iterations);
    }

    [Fact]
    public void A_loose_tolerance_stops_the_fit_on_the_centre_shift()
    {
        var options = new MiniBatchKMeansOptions { K = 5, Seed = 2, MaxNoImprovement = null, Tolerance = 1e-2 };
        ClusteringResult result = new MiniBatchKMeans(options).Fit(Blobs);

        Assert.True(result.Converged);
        Assert.True(result.Iterations < options.MaxIterations);
    }

    [Fact]
    public void A_centre_that_attracts_no_rows_is_moved_to_the_data()
    {
        // Two blobs near (0, 0) and (10, 10); the third initial centre is far from both and never nearest.
        double[][] rows = Enumerable.Range(0, 2000)
            .Select(i => new[] { (i % 2 * 10.0) + (i % 7 * 0.1), (i % 2 * 10.0) + (i % 11 * 0.1) })
            .ToArray();
        FeatureMatrix data = RandomData.Matrix(rows);
        var init = KMeansInitialization.FromCentroids(new double[,] { { 0, 0 }, { 10, 10 }, { 1000, 1000 } });

        ClusteringResult kept = new MiniBatchKMeans(new MiniBatchKMeansOptions { K = 3, Init = init, ReassignmentRatio = 0, BatchSize = 100 }).Fit(data);
        ClusteringResult moved = new MiniBatchKMeans(new MiniBatchKMeansOptions { K = 3, Init = init, BatchSize = 100 }).Fit(data);

        Assert.Equal([1000.0, 1000.0], kept.Centroids[2].ToArray());
        Assert.Equal(0, kept.ClusterSizes[2]);
        Assert.Contains(kept.Warnings, w => w.Contains("1 of the 3 clusters", StringComparison.Ordinal));

        Assert.All(moved.Centroids, c => Assert.All(c, v => Assert.InRange(v, -1, 12)));
        Assert.All(moved.ClusterSizes, size => Assert.True(size > 0));
        Assert.True(moved.Inertia < kept.Inertia);
        Assert.Empty(moved.Warnings);
    }

    [Fact]
    public void The_fit_uses_the_sample_weights()
    {
        // Two groups; the right one weighs 0, so with K = 1 the centroid sits on the left group.
        double[][] rows = Enumerable.Range(0, 1000).Select(i => new[] { i % 2 == 0 ? -5.0 - (i % 3) : 5.0 + (i % 3) }).ToArray();
        double[] weights = rows.Select(r => r[0] < 0 ? 1.0 : 0.0).ToArray();

        ClusteringResult result = new MiniBatchKMeans(new MiniBatchKMeansOptions { K = 1, BatchSize = 64 }).Fit(RandomData.Matrix(rows), weights);

        Assert.InRange(result.Centroids[0][0], -7, -5);
    }

    [Fact]
    public void Cancellation_stops_the_fit()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new MiniBatchKMeans(new MiniBatchKMeansOptions { K = 2 }).Fit(Blobs, cancelled.Token));
    }
}
