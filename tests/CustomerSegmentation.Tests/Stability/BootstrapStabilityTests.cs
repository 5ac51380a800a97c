using System.Collections.Concurrent;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using CustomerSegmentation.Stability;
using CustomerSegmentation.Tests.Selection;

namespace CustomerSegmentation.Tests.Stability;

public sealed class BootstrapStabilityTests
{
    private static readonly ClustererFactory KMeans = KMeansClusterer.Factory(new KMeansOptions { NInit = 3 });

    /// <summary>Seeded uniform noise in the unit square: no cluster structure at all.</summary>
    internal static FeatureMatrix UniformNoise(int rows = 1000, int features = 2, int seed = 7)
    {
        var random = new Random(seed);
        return FeatureMatrix.FromColumns(
            [.. Enumerable.Range(0, features).Select(_ => Enumerable.Range(0, rows).Select(_ => random.NextDouble()).ToArray())],
            [.. Enumerable.Range(0, features).Select(j => $"u{j}")]);
    }

    [Fact]
    public void Every_segment_of_the_five_blobs_is_highly_stable()
    {
        StabilityResult result = new BootstrapStability(new StabilityOptions { Seed = 3 }).Assess(QualityFixtures.Blobs().Data, 5);

        Assert.Equal(5, result.K);
        Assert.Equal(20, result.Resamples);
        Assert.All(result.Segments, s => Assert.True(s.MeanJaccard >= 0.85, s.ToString()));
        Assert.All(result.Segments, s => Assert.Equal(StabilityVerdict.HighlyStable, s.Verdict));
        Assert.All(result.Segments, s => Assert.Equal(20, s.Jaccards.Length));
        Assert.Equal(StabilityVerdict.HighlyStable, result.Verdict);
        Assert.Equal(2000, result.Segments.Sum(s => s.Size));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Segments_of_uniform_noise_are_flagged_weak_or_dissolved_for_every_K_of_at_least_2(int k)
    {
        // Uniform noise in the five-dimensional unit cube: no structure, and no corners few enough to pin K-means'
        // pieces (in two dimensions they do; see the square below). scikit-learn's K-means in the same bootstrap
        // scheme gives weakest-segment Jaccards of 0.35 to 0.66 for K = 2..8 on such data.
        StabilityResult result = new BootstrapStability(new StabilityOptions { Seed = 1 }).Assess(UniformNoise(features: 5), k);

        Assert.True(result.Verdict is StabilityVerdict.Weak or StabilityVerdict.Dissolved, $"K = {k}: {result.Summary}");
        Assert.Contains(result.Verdict.ToString(), result.Summary);
    }

    [Fact]
    public void Stability_is_not_evidence_of_clusters_K_means_cuts_a_uniform_square_the_same_way_every_time()
    {
        // Hennig (2007): stability says a segmentation is reproducible, not that the data has clusters. The corners of
        // a square pin K-means' three or four pieces, so uniform noise there looks stable; the gap statistic says K = 1.
        StabilityResult result = new BootstrapStability(new StabilityOptions { Seed = 1 }).Assess(UniformNoise(), 4);

        Assert.True(result.Verdict >= StabilityVerdict.Stable, result.Summary);
    }

    [Fact]
    public void The_result_is_bit_identical_for_any_thread_limit()
    {
        FeatureMatrix data = UniformNoise(rows: 600, seed: 11);
        StabilityResult Run(int threads) => new BootstrapStability(new StabilityOptions { Resamples = 6, Seed = 9, MaxDegreeOfParallelism = threads }, KMeans).Assess(data, 4);

        StabilityResult one = Run(1);
        foreach (int threads in new[] { 2, -1 })
        {
            StabilityResult other = Run(threads);
            Assert.Equal(one.MeanJaccard, other.MeanJaccard);
            Assert.Equal(one.Segments.SelectMany(s => s.Jaccards), other.Segments.SelectMany(s => s.Jaccards));
        }
    }

    [Fact]
    public void Another_seed_draws_other_resamples()
    {
        FeatureMatrix data = UniformNoise(rows: 400, seed: 5);
        StabilityResult Run(int seed) => new BootstrapStability(new StabilityOptions { Resamples = 4, Seed = seed }, KMeans).Assess(data, 3);

        Assert.NotEqual(Run(1).Segments.SelectMany(s => s.Jaccards), Run(2).Segments.SelectMany(s => s.Jaccards));
    }

    [Fact]
    public void Progress_counts_every_resample_once()
    {
        var reports = new ConcurrentBag<StabilityProgress>();
        new BootstrapStability(new StabilityOptions { Resamples = 5 }, KMeans).Assess(UniformNoise(rows: 200), 2, new SyncProgress<StabilityProgress>(reports.Add));

        Assert.Equal([1, 2, 3, 4, 5], reports.Select(r => r.Completed).Order());
        Assert.All(reports, r => Assert.Equal(5, r.Total));
    }

    [Fact]
    public void Cancelling_during_the_resamples_stops_them()
    {
        using var cancel = new CancellationTokenSource();
        int reported = 0;
        var options = new StabilityOptions { Resamples = 50, MaxDegreeOfParallelism = 1 };
        var progress = new SyncProgress<StabilityProgress>(_ =>
        {
            Interlocked.Increment(ref reported);
            cancel.Cancel();
        });

        Assert.ThrowsAny<OperationCanceledException>(() => new BootstrapStability(options, KMeans).Assess(UniformNoise(rows: 300), 3, progress, cancel.Token));
        Assert.Equal(1, reported);
    }

    [Fact]
    public void A_cancelled_token_fits_nothing()
    {
        int fits = 0;
        ClustererFactory counting = request =>
        {
            Interlocked.Increment(ref fits);
            return KMeans(request);
        };

        Assert.ThrowsAny<OperationCanceledException>(() => new BootstrapStability(null, counting).Assess(UniformNoise(rows: 100), 2, null, new CancellationToken(canceled: true)));
        Assert.Equal(0, fits);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-3)]
    public void Fewer_than_two_resamples_are_rejected(int resamples)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StabilityOptions { Resamples = resamples });

        Assert.Equal("Resamples", error.ParamName);
        Assert.Contains("Resamples must be at least 2", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void A_thread_limit_of_zero_or_below_minus_one_is_rejected(int threads)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StabilityOptions { MaxDegreeOfParallelism = threads });

        Assert.Contains("MaxDegreeOfParallelism must be -1 (one thread per processor) or at least 1", error.Message);
    }

    [Fact]
    public void A_segmentation_of_other_rows_is_rejected()
    {
        FeatureMatrix data = UniformNoise(rows: 50);
        ClusteringResult other = KMeans(new ClusteringRequest(2)).Fit(UniformNoise(rows: 40));

        var error = Assert.Throws<ArgumentException>(() => new BootstrapStability().Assess(data, other));

        Assert.Equal("original", error.ParamName);
        Assert.Contains("40 labels but the data has 50 rows", error.Message);
    }

    [Fact]
    public void More_clusters_than_rows_are_rejected_naming_both()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BootstrapStability().Assess(UniformNoise(rows: 3), 4));

        Assert.Contains("K is 4 but the data has only 3 rows", error.Message);
    }

    [Theory]
    [InlineData(0.2, StabilityVerdict.Dissolved)]
    [InlineData(0.5, StabilityVerdict.Dissolved)]
    [InlineData(0.55, StabilityVerdict.Weak)]
    [InlineData(0.7499, StabilityVerdict.Weak)]
    [InlineData(0.75, StabilityVerdict.Stable)]
    [InlineData(0.8499, StabilityVerdict.Stable)]
    [InlineData(0.85, StabilityVerdict.HighlyStable)]
    [InlineData(1.0, StabilityVerdict.HighlyStable)]
    public void The_verdict_follows_Hennigs_thresholds(double meanJaccard, StabilityVerdict expected)
        => Assert.Equal(expected, new SegmentStability(1, 10, meanJaccard, 0, 0, [meanJaccard]).Verdict);

    [Fact]
    public void The_whole_segmentation_takes_its_weakest_segments_verdict_and_the_size_weighted_mean()
    {
        var result = new StabilityResult(2, [new SegmentStability(1, 30, 0.9, 0, 2, [0.9, 0.9]), new SegmentStability(2, 10, 0.5, 1, 0, [0.3, 0.7])]);

        Assert.Equal(StabilityVerdict.Dissolved, result.Verdict);
        Assert.Equal(2, result.Weakest.Segment);
        Assert.Equal(((30 * 0.9) + (10 * 0.5)) / 40, result.MeanJaccard, 12);
    }

    [Fact]
    public void Renumbering_moves_each_segment_to_its_new_number_in_order()
    {
        var result = new StabilityResult(2, [new SegmentStability(1, 5, 0.6, 0, 0, [0.6, 0.6]), new SegmentStability(2, 9, 0.9, 0, 2, [0.9, 0.9])]);

        StabilityResult renumbered = result.Renumbered([2, 1]);

        Assert.Equal([1, 2], renumbered.Segments.Select(s => s.Segment));
        Assert.Equal([9, 5], renumbered.Segments.Select(s => s.Size));
    }

    /// <summary>Reports on the caller's thread (Progress{T} posts to the thread pool).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
