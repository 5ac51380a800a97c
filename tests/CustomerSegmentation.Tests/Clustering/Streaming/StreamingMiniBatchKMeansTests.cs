using CustomerSegmentation.Clustering;
using CustomerSegmentation.Clustering.Streaming;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Tests.Clustering.Streaming;

/// <summary>Mini-batch K-means over a stream: near the full fit in few passes, deterministic, cancellable.</summary>
public sealed class StreamingMiniBatchKMeansTests
{
    private static readonly FeatureMatrix Blobs = RandomData.Matrix(RandomData.Blobs(40_000, 3, 5, seed: 12, spread: 1.0));

    [Fact]
    public void Finds_the_blobs_of_the_full_fit_in_a_few_passes()
    {
        ClusteringResult full = new KMeansClusterer(new KMeansOptions { K = 5, Seed = 4, NInit = 5 }).Fit(Blobs);
        StreamingKMeansResult fast = new StreamingMiniBatchKMeans(new StreamingMiniBatchKMeansOptions { K = 5, Seed = 4, SampleSize = 5000 })
            .Fit(FeatureChunks.Split(Blobs, 10_000));

        Assert.InRange(fast.Inertia / full.Inertia, 1.0 - 1e-9, 1.02);
        Assert.True(fast.Passes <= 2 + StreamingMiniBatchKMeansOptions.DefaultEpochs + 1, $"{fast.Passes} passes");
        Assert.Equal(Blobs.RowCount, fast.RowCount);
    }

    [Fact]
    public void Results_are_bit_identical_for_1_2_and_all_threads()
    {
        static StreamingKMeansResult Fit(int threads) => new StreamingMiniBatchKMeans(
            new StreamingMiniBatchKMeansOptions { K = 5, Seed = 8, BatchSize = 256, MaxDegreeOfParallelism = threads })
            .Fit(FeatureChunks.Split(Blobs, 9000));

        StreamingKMeansResult one = Fit(1);
        foreach (int threads in new[] { 2, -1 })
        {
            StreamingKMeansResult many = Fit(threads);
            Assert.Equal(one.Centroids.SelectMany(c => c), many.Centroids.SelectMany(c => c));
            Assert.Equal(one.Inertia, many.Inertia);
            Assert.Equal(one.ClusterSizes.ToArray(), many.ClusterSizes.ToArray());
        }
    }

    [Fact]
    public void Cancellation_stops_the_fit()
    {
        using var cancel = new CancellationTokenSource();
        var progress = new CancelOn(StreamingStage.Iteration, cancel);
        Assert.ThrowsAny<OperationCanceledException>(() => new StreamingMiniBatchKMeans(new StreamingMiniBatchKMeansOptions { K = 3 })
            .Fit(FeatureChunks.Split(Blobs, 5000), progress, cancel.Token));
        Assert.Equal(1, progress.IterationReports);
    }

    [Fact]
    public void Invalid_options_are_refused_naming_the_option()
    {
        Assert.Equal("BatchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new StreamingMiniBatchKMeansOptions { BatchSize = 0 }).ParamName);
        Assert.Equal("MaxEpochs", Assert.Throws<ArgumentOutOfRangeException>(() => new StreamingMiniBatchKMeansOptions { MaxEpochs = 0 }).ParamName);
        Assert.Equal("ReassignmentRatio", Assert.Throws<ArgumentOutOfRangeException>(() => new StreamingMiniBatchKMeansOptions { ReassignmentRatio = 1.5 }).ParamName);
        Assert.Equal("Tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new StreamingMiniBatchKMeansOptions { Tolerance = -1 }).ParamName);
        Assert.Equal("SampleSize", Assert.Throws<ArgumentOutOfRangeException>(() => new StreamingMiniBatchKMeansOptions { SampleSize = 0 }).ParamName);
        Assert.Equal("K", Assert.Throws<ArgumentOutOfRangeException>(() => new StreamingMiniBatchKMeansOptions { K = 0 }).ParamName);
    }

    private sealed class CancelOn(StreamingStage stage, CancellationTokenSource cancel) : IProgress<StreamingProgress>
    {
        public int IterationReports { get; private set; }

        public void Report(StreamingProgress value)
        {
            if (value.Stage == stage)
            {
                IterationReports++;
                cancel.Cancel();
            }
        }
    }
}
