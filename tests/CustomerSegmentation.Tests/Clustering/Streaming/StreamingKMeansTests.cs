using CustomerSegmentation.Clustering;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Clustering.Streaming;
using CustomerSegmentation.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Clustering.Streaming;

/// <summary>The streamed fit: equal to the in-memory fit where it can be, deterministic, reporting and cancellable.</summary>
public sealed class StreamingKMeansTests
{
    private static readonly FeatureMatrix Blobs = RandomData.Matrix(RandomData.Blobs(30_000, 3, 6, seed: 5, spread: 2.5));

    public static class Problems
    {
        /// <summary>K, seed and a chunk size that is a multiple of the kernels' 8,192-row block.</summary>
        public static Arbitrary<(int K, int Seed, int ChunkRows)> Fits() => Arb.From(
            from k in Gen.Choose(1, 9)
            from seed in Gen.Choose(0, 1000)
            from blocks in Gen.Choose(1, 4)
            select (k, seed, blocks * 8192));
    }

    [Property(Arbitrary = [typeof(Problems)], MaxTest = 12)]
    public void Equals_the_in_memory_fit_bit_for_bit_for_chunks_of_whole_blocks((int K, int Seed, int ChunkRows) problem)
    {
        ClusteringResult memory = Plain(new KMeansOptions { K = problem.K, Seed = problem.Seed }).Fit(Blobs);
        StreamingKMeansResult streamed = new StreamingKMeans(new StreamingKMeansOptions { K = problem.K, Seed = problem.Seed })
            .Fit(FeatureChunks.Split(Blobs, problem.ChunkRows));

        AssertSameFit(memory, streamed);
    }

    [Fact]
    public void Equals_the_in_memory_fit_when_an_empty_cluster_is_reseeded()
    {
        // The third start lies far from every row: it is empty after the first step and re-seeded at the farthest row.
        var init = KMeansInitialization.FromCentroids(new double[,] { { -5, -5, -5 }, { 5, 5, 5 }, { 500, 500, 500 } });
        ClusteringResult memory = Plain(new KMeansOptions { K = 3, Init = init }).Fit(Blobs);
        var progress = new Recorder();
        StreamingKMeansResult streamed = new StreamingKMeans(new StreamingKMeansOptions { K = 3, Init = init })
            .Fit(FeatureChunks.Split(Blobs, 8192), progress);

        AssertSameFit(memory, streamed);
        Assert.Contains(progress.Reports, r => r.Stage == StreamingStage.EmptyClusters);
    }

    [Fact]
    public void A_stream_in_one_chunk_of_any_size_is_the_in_memory_fit()
    {
        FeatureMatrix rows = RandomData.Matrix(RandomData.Blobs(5_003, 2, 4, seed: 8));
        ClusteringResult memory = Plain(new KMeansOptions { K = 4, Seed = 3 }).Fit(rows);
        StreamingKMeansResult streamed = new StreamingKMeans(new StreamingKMeansOptions { K = 4, Seed = 3 })
            .Fit(FeatureChunks.Split(rows, rows.RowCount));

        AssertSameFit(memory, streamed);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(8192)]
    [InlineData(12_345)]
    public void Results_are_bit_identical_for_1_2_and_all_threads(int chunkRows)
    {
        StreamingKMeansResult Fit(int threads) => new StreamingKMeans(
            new StreamingKMeansOptions { K = 6, Seed = 17, SampleSize = 4000, MaxDegreeOfParallelism = threads })
            .Fit(FeatureChunks.Split(Blobs, chunkRows));

        StreamingKMeansResult one = Fit(1);
        foreach (int threads in new[] { 2, -1 })
        {
            StreamingKMeansResult many = Fit(threads);
            Assert.Equal(one.Centroids.SelectMany(c => c), many.Centroids.SelectMany(c => c));
            Assert.Equal(one.ClusterSizes.ToArray(), many.ClusterSizes.ToArray());
            Assert.Equal(one.Inertia, many.Inertia);
            Assert.Equal(one.Iterations, many.Iterations);
        }
    }

    [Fact]
    public void A_small_sample_still_finds_the_blobs()
    {
        ClusteringResult memory = Plain(new KMeansOptions { K = 6, Seed = 1, NInit = 5 }).Fit(Blobs);
        StreamingKMeansResult streamed = new StreamingKMeans(new StreamingKMeansOptions { K = 6, Seed = 1, SampleSize = 2000 })
            .Fit(FeatureChunks.Split(Blobs, 5000));

        Assert.True(streamed.Converged);
        Assert.Equal(Blobs.RowCount, streamed.RowCount);
        Assert.InRange(streamed.Inertia / memory.Inertia, 0.99, 1.01);
    }

    [Fact]
    public void The_model_predicts_the_labels_of_the_final_centres()
    {
        StreamingKMeansResult streamed = new StreamingKMeans(new StreamingKMeansOptions { K = 5, Seed = 2 })
            .Fit(FeatureChunks.Split(Blobs, 7000));
        int[] labels = streamed.Model.Predict(Blobs);

        long[] sizes = new long[5];
        foreach (int label in labels)
        {
            sizes[label]++;
        }

        Assert.Equal(sizes, streamed.ClusterSizes.ToArray());
        double inertia = ClusteringResult.SquaredDistancesToOwnCentroid(Blobs, streamed.Centroids, labels).Sum();
        Assert.Equal(inertia, streamed.Inertia, 1e-9 * inertia);
    }

    [Fact]
    public void Progress_counts_every_pass_and_its_rows_in_order()
    {
        var progress = new Recorder();
        StreamingKMeansResult result = new StreamingKMeans(new StreamingKMeansOptions { K = 4, Seed = 9 })
            .Fit(FeatureChunks.Split(Blobs, 10_000), progress);

        Assert.Equal(StreamingStage.Means, progress.Reports[0].Stage);
        Assert.Equal(StreamingStage.Sampling, progress.Reports[3].Stage);
        Assert.Equal(StreamingStage.Final, progress.Reports[^1].Stage);
        Assert.Equal(result.Passes, progress.Reports[^1].Pass);
        Assert.Equal(result.Iterations, progress.Reports.Where(r => r.Stage == StreamingStage.Iteration).Select(r => r.Pass).Distinct().Count());
        Assert.All(progress.Reports.GroupBy(r => r.Pass), pass => Assert.Equal(Blobs.RowCount, pass.Last().RowsRead));
    }

    [Fact]
    public void Cancellation_stops_the_fit_between_chunks()
    {
        using var cancel = new CancellationTokenSource();
        var source = new CountingSource(FeatureChunks.Split(Blobs, 1000));
        var progress = new Recorder(r =>
        {
            if (r.Stage == StreamingStage.Iteration)
            {
                cancel.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new StreamingKMeans(new StreamingKMeansOptions { K = 4 }).Fit(source, progress, cancel.Token));
        Assert.Equal(3, source.Passes);
        Assert.Equal(30 + 30 + 1, source.ChunksRead);
    }

    [Fact]
    public void K_beyond_the_rows_is_refused_naming_both()
    {
        FeatureMatrix three = RandomData.Matrix([[1.0], [2.0], [3.0]]);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new StreamingKMeans(new StreamingKMeansOptions { K = 4 }).Fit(FeatureChunks.Split(three, 2)));
        Assert.Contains("K is 4 but the stream has only 3 rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_whose_rows_change_between_passes_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new StreamingKMeans(new StreamingKMeansOptions { K = 2 }).Fit(new ShrinkingSource(Blobs)));
        Assert.Contains("must give the same rows on every pass", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chunk_with_other_features_is_refused_naming_them()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new StreamingKMeans(new StreamingKMeansOptions { K = 2 }).Fit(new RenamingSource(Blobs)));
        Assert.Contains("(g0, g1, g2)", error.Message, StringComparison.Ordinal);
        Assert.Contains("(f0, f1, f2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_too_large_for_float32_distances_are_refused_naming_the_feature()
    {
        FeatureMatrix huge = FeatureMatrix.FromRows([[0.0, 1], [1e30, 2], [5, 3]], ["Revenue", "Visits"]);
        var error = Assert.Throws<ArgumentException>(() =>
            new StreamingKMeans(new StreamingKMeansOptions { K = 2 }).Fit(FeatureChunks.Split(huge, 2)));
        Assert.Contains("'Revenue'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_are_refused_naming_the_option()
    {
        Assert.Contains("K", Assert.Throws<ArgumentOutOfRangeException>(() => new StreamingKMeansOptions { K = 0 }).ParamName, StringComparison.Ordinal);
        Assert.Equal("MaxIterations", Assert.Throws<ArgumentOutOfRangeException>(() => new StreamingKMeansOptions { MaxIterations = 0 }).ParamName);
        Assert.Equal("Tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new StreamingKMeansOptions { Tolerance = double.NaN }).ParamName);
        Assert.Equal("SampleSize", Assert.Throws<ArgumentOutOfRangeException>(() => new StreamingKMeansOptions { SampleSize = 0 }).ParamName);
        Assert.Equal("MaxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => new StreamingKMeansOptions { MaxDegreeOfParallelism = 0 }).ParamName);
        Assert.Equal("Init", Assert.Throws<ArgumentNullException>(() => new StreamingKMeansOptions { Init = null! }).ParamName);
        var mismatch = Assert.Throws<ArgumentException>(() => new StreamingKMeans(
            new StreamingKMeansOptions { K = 3, Init = KMeansInitialization.FromCentroids(new double[,] { { 1 }, { 2 } }) }));
        Assert.Contains("K is 3 but 2 initial centroids", mismatch.Message, StringComparison.Ordinal);
        Assert.Equal("chunkRows", Assert.Throws<ArgumentOutOfRangeException>(() => FeatureChunks.Split(Blobs, 0)).ParamName);
    }

    /// <summary>
    /// The in-memory fit with every row summed on every pass: the fit a stream reproduces bit for bit. The default
    /// in-memory fit for d &lt;= 4 (moved sums between refreshes) and the bounded one agree with it to rounding; see
    /// <see cref="The_moving_in_memory_fits_agree_with_the_stream_to_rounding"/>.
    /// </summary>
    private static KMeansClusterer Plain(KMeansOptions options) => new(options, VectorWidths.Best, LloydPasses.Full);

    [Theory]
    [InlineData(nameof(LloydPasses.Moves))]
    [InlineData(nameof(LloydPasses.Bounded))]
    public void The_moving_in_memory_fits_agree_with_the_stream_to_rounding(string passes)
    {
        var options = new KMeansOptions { K = 5, Seed = 7 };
        ClusteringResult memory = new KMeansClusterer(options, VectorWidths.Best, Enum.Parse<LloydPasses>(passes)).Fit(Blobs);
        StreamingKMeansResult streamed = new StreamingKMeans(new StreamingKMeansOptions { K = 5, Seed = 7 }).Fit(FeatureChunks.Split(Blobs, 8192));

        Assert.Equal(memory.ClusterSizes.Select(s => (long)s).ToArray(), streamed.ClusterSizes.ToArray());
        Assert.Equal(memory.Iterations, streamed.Iterations);
        Assert.Equal(memory.Inertia, streamed.Inertia, 1e-7 * memory.Inertia);
        Assert.All(memory.Centroids.SelectMany(c => c).Zip(streamed.Centroids.SelectMany(c => c)), pair => Assert.Equal(pair.First, pair.Second, 1e-7 * (1 + Math.Abs(pair.First))));
    }

    internal static void AssertSameFit(ClusteringResult memory, StreamingKMeansResult streamed)
    {
        Assert.Equal(memory.Centroids.SelectMany(c => c), streamed.Centroids.SelectMany(c => c));
        Assert.Equal(memory.ClusterSizes.Select(s => (long)s).ToArray(), streamed.ClusterSizes.ToArray());
        Assert.Equal(memory.Inertia, streamed.Inertia);
        Assert.Equal(memory.Iterations, streamed.Iterations);
        Assert.Equal(memory.Converged, streamed.Converged);
    }

    private sealed class Recorder(Action<StreamingProgress>? onReport = null) : IProgress<StreamingProgress>
    {
        public List<StreamingProgress> Reports { get; } = [];

        public void Report(StreamingProgress value)
        {
            Reports.Add(value);
            onReport?.Invoke(value);
        }
    }

    private sealed class CountingSource(IFeatureChunkSource inner) : IFeatureChunkSource
    {
        public int Passes { get; private set; }

        public int ChunksRead { get; private set; }

        public System.Collections.Immutable.ImmutableArray<string> FeatureNames => inner.FeatureNames;

        public IEnumerable<FeatureMatrix> ReadChunks(CancellationToken cancellationToken = default)
        {
            Passes++;
            foreach (FeatureMatrix chunk in inner.ReadChunks(cancellationToken))
            {
                ChunksRead++;
                yield return chunk;
            }
        }
    }

    /// <summary>Gives one row fewer on every pass.</summary>
    private sealed class ShrinkingSource(FeatureMatrix data) : IFeatureChunkSource
    {
        private int _passes;

        public System.Collections.Immutable.ImmutableArray<string> FeatureNames => data.FeatureNames;

        public IEnumerable<FeatureMatrix> ReadChunks(CancellationToken cancellationToken = default)
        {
            int rows = data.RowCount - _passes++;
            yield return data.SelectRows([.. Enumerable.Range(0, rows)]);
        }
    }

    /// <summary>Declares f0..f2 but its chunks have g0..g2.</summary>
    private sealed class RenamingSource(FeatureMatrix data) : IFeatureChunkSource
    {
        public System.Collections.Immutable.ImmutableArray<string> FeatureNames => data.FeatureNames;

        public IEnumerable<FeatureMatrix> ReadChunks(CancellationToken cancellationToken = default)
        {
            yield return FeatureMatrix.FromColumns([.. Enumerable.Range(0, 3).Select(j => data.Column(j).ToArray())], ["g0", "g1", "g2"]);
        }
    }
}
