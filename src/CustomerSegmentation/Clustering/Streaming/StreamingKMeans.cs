using System.Collections.Immutable;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;
using MathNet.Numerics.Random;

namespace CustomerSegmentation.Clustering.Streaming;

/// <summary>
/// K-means over rows that need not fit in memory, read again and again from an <see cref="IFeatureChunkSource"/>:
/// one pass for the column means (the origin of every sum), one for the variances (the tolerance's scale) and a
/// seeded reservoir sample of <see cref="StreamingKMeansOptions.SampleSize"/> rows, initial centres chosen on the
/// sample, then Lloyd passes (each pass one <see cref="KMeansPartialSums"/> step over every chunk, merged in chunk
/// order) until the tolerance is met, and a last pass for the cluster sizes and inertia. Memory: one chunk, the
/// sample, and O(K x features).
/// </summary>
/// <remarks>
/// <para>
/// The same seed and chunking give bit-identical results for any <see cref="StreamingKMeansOptions.MaxDegreeOfParallelism"/>.
/// When the stream has at most <see cref="StreamingKMeansOptions.SampleSize"/> and at most 33,554,432 rows and every
/// chunk but the last holds a multiple of 8,192 rows (the kernels' block), every pass sums every row in the block order
/// of the <see cref="KMeansClusterer"/> fit of the same rows with the same seed (one restart). That fit moves only the
/// changed rows' sums between its refresh passes instead, so the two agree to rounding (on the tests' data: the same
/// sizes and iterations, centroids and inertia within 1e-6 relative: the float32 rounding of the stream's chunk sums).
/// </para>
/// <para>An empty cluster is re-seeded, as in memory, at the row farthest from its centre, which costs one more pass.</para>
/// </remarks>
/// <example>
/// <code>
/// StreamingKMeansResult result = new StreamingKMeans(new StreamingKMeansOptions { K = 5, Seed = 42 }).Fit(chunks);
/// int[] labels = result.Model.Predict(someRows);
/// </code>
/// </example>
public sealed class StreamingKMeans
{
    /// <summary>Creates a streamed fit with the given options.</summary>
    /// <param name="options">The settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">Explicit initial centroids whose count differs from <see cref="StreamingKMeansOptions.K"/>.</exception>
    public StreamingKMeans(StreamingKMeansOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ClusteringChecks.CentroidCount(options.Init, options.K, nameof(options));
        Options = options;
    }

    /// <summary>The options this fit runs with.</summary>
    public StreamingKMeansOptions Options { get; }

    /// <summary>Fits K-means to every row of <paramref name="source"/>.</summary>
    /// <param name="source">The rows, re-read on every pass.</param>
    /// <param name="progress">Told after every chunk of every pass; null for none.</param>
    /// <param name="cancellationToken">Checked between chunks.</param>
    /// <returns>The model, sizes, inertia and diagnostics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">K exceeds the number of rows.</exception>
    /// <exception cref="ArgumentException">A chunk's features differ from the source's, or the data is too large to cluster unscaled (float32 distances); the message says which.</exception>
    /// <exception cref="InvalidOperationException">The source gave different rows on two passes.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public StreamingKMeansResult Fit(IFeatureChunkSource source, IProgress<StreamingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var pass = new StreamPass(source, progress, cancellationToken);
        StreamStart start = Start(pass, Options.K, Options.SampleSize, Options.Seed, Options.MaxDegreeOfParallelism, Options.Init);
        int clusters = Options.K;
        int features = start.Offset.Length;
        int stride = clusters * (features + 1);
        double toleranceAbsolute = Options.Tolerance * start.MeanVariance;
        double[] centres = start.InitialCentres;
        var sums = new double[stride];
        int[] labels = [];
        bool converged = false;
        int iterations = 0;
        for (int iteration = 0; iteration < Options.MaxIterations; iteration++)
        {
            float[] current = LloydRun.ToFloat(centres);
            Array.Clear(sums);
            foreach (KMeansInput chunk in pass.Chunks(StreamingStage.Iteration, start))
            {
                labels = Labels(labels, chunk.RowCount);
                StreamedLloyd.AddChunk(chunk, current, clusters, labels, sums);
            }

            List<int> empty = EmptyClusters.Empty(sums, clusters, features);
            if (empty.Count > 0)
            {
                var farthest = new List<FarRow>();
                long first = 0;
                foreach (KMeansInput chunk in pass.Chunks(StreamingStage.EmptyClusters, start))
                {
                    labels = Labels(labels, chunk.RowCount);
                    StreamedLloyd.Assign(chunk, current, clusters, labels);
                    farthest = EmptyClusters.Farthest(farthest.Concat(EmptyClusters.Farthest(chunk, current, labels, empty.Count, first)), empty.Count);
                    first += chunk.RowCount;
                }

                EmptyClusters.Move(empty, farthest, sums, features);
            }

            double shift = LloydRun.UpdateCentres(centres, sums, clusters, features);
            iterations = iteration + 1;
            if (shift <= toleranceAbsolute)
            {
                converged = true;
                break;
            }
        }

        return Finish(pass, start, centres, clusters, iterations, converged);
    }

    /// <summary>The first two passes (means; variances and the sample) and the initial centres on the sample.</summary>
    internal static StreamStart Start(StreamPass pass, int clusters, int sampleSize, int seed, int maxDegreeOfParallelism, KMeansInitialization init)
    {
        ImmutableArray<string> names = pass.Source.FeatureNames;
        int features = names.Length;
        var statistics = new StreamedColumnStatistics[features];
        for (int j = 0; j < features; j++)
        {
            statistics[j] = new StreamedColumnStatistics();
        }

        foreach (FeatureMatrix chunk in pass.Raw(StreamingStage.Means))
        {
            for (int j = 0; j < features; j++)
            {
                statistics[j].Add(chunk.Column(j));
            }
        }

        long rows = features == 0 ? 0 : statistics[0].Count;
        if (clusters > rows)
        {
            throw new ArgumentOutOfRangeException("source", rows, $"K is {clusters} but the stream has only {rows} rows; K must not exceed the number of rows.");
        }

        var offset = new float[features];
        for (int j = 0; j < features; j++)
        {
            offset[j] = (float)statistics[j].EndMeanPass();
        }

        var master = new Xoshiro256StarStar(seed);
        int initSeed = master.Next();
        var reservoir = new RowReservoir(features, sampleSize, new Xoshiro256StarStar(master.Next()));
        foreach (FeatureMatrix chunk in pass.Raw(StreamingStage.Sampling))
        {
            for (int j = 0; j < features; j++)
            {
                statistics[j].Add(chunk.Column(j));
            }

            reservoir.Add(chunk);
        }

        double varianceSum = 0;
        var ranges = new double[features];
        for (int j = 0; j < features; j++)
        {
            ColumnStatistics column = statistics[j].EndVariancePass();
            varianceSum += column.Variance;
            ranges[j] = column.Max - column.Min;
        }

        ClusteringChecks.DistancesFitFloat32(names, ranges, maxWeight: 1);
        var sampleInput = new KMeansInput(reservoir.ToMatrix(names), offset, maxDegreeOfParallelism, VectorWidths.Best);
        double[] initial = init.Choose(sampleInput, clusters, new Xoshiro256StarStar(initSeed), pass.CancellationToken);
        return new StreamStart(names, offset, varianceSum / features, rows, initial, maxDegreeOfParallelism);
    }

    /// <summary>The last pass: the sizes and inertia of the final centres, and the model.</summary>
    internal static StreamingKMeansResult Finish(StreamPass pass, StreamStart start, double[] centres, int clusters, int iterations, bool converged)
    {
        float[] final = LloydRun.ToFloat(centres);
        double[] dataUnits = LloydRun.DataUnits(start.Offset, centres);
        var sizes = new long[clusters];
        int[] labels = [];
        double inertia = 0;
        foreach (KMeansInput chunk in pass.Chunks(StreamingStage.Final, start))
        {
            labels = Labels(labels, chunk.RowCount);
            StreamedLloyd.Assign(chunk, final, clusters, labels);
            for (int i = 0; i < chunk.RowCount; i++)
            {
                sizes[labels[i]]++;
            }

            inertia = StreamedLloyd.AddInertia(chunk, dataUnits, clusters, labels, inertia);
        }

        var model = new NearestCentroid(start.FeatureNames, start.Offset, centres, start.MaxDegreeOfParallelism, VectorWidths.Best);
        List<string> warnings = KMeansClusterer.Warn(sizes.Count(size => size > 0), clusters);
        return new StreamingKMeansResult(model, sizes, inertia, iterations, converged, pass.Count, warnings);
    }

    /// <summary>A label buffer of at least <paramref name="rows"/> (reused across chunks).</summary>
    private static int[] Labels(int[] labels, int rows) => labels.Length >= rows ? labels : new int[rows];
}

/// <summary>What the first passes of a streamed fit found: the features, the origin, the tolerance scale, the rows and the initial centres (centred).</summary>
internal sealed record StreamStart(ImmutableArray<string> FeatureNames, float[] Offset, double MeanVariance, long RowCount, double[] InitialCentres, int MaxDegreeOfParallelism);

/// <summary>The passes of one streamed fit over its source: counts them, checks each chunk, reports progress and honours cancellation.</summary>
internal sealed class StreamPass(IFeatureChunkSource source, IProgress<StreamingProgress>? progress, CancellationToken cancellationToken)
{
    public IFeatureChunkSource Source { get; } = source ?? throw new ArgumentNullException(nameof(source));

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The passes begun so far.</summary>
    public int Count { get; private set; }

    /// <summary>One pass over the chunks as matrices, each checked for the source's features.</summary>
    public IEnumerable<FeatureMatrix> Raw(StreamingStage stage)
    {
        Count++;
        int number = Count;
        long rows = 0;
        foreach (FeatureMatrix chunk in Source.ReadChunks(CancellationToken))
        {
            CancellationToken.ThrowIfCancellationRequested();
            ArgumentNullException.ThrowIfNull(chunk);
            if (!chunk.FeatureNames.SequenceEqual(Source.FeatureNames))
            {
                throw new ArgumentException(
                    $"A chunk has the features ({string.Join(", ", chunk.FeatureNames)}) but the source declares ({string.Join(", ", Source.FeatureNames)}); every chunk needs the source's features in order.",
                    "source");
            }

            yield return chunk;
            rows += chunk.RowCount;
            progress?.Report(new StreamingProgress(stage, number, rows));
        }
    }

    /// <summary>One pass over the chunks prepared for the kernels with the fit's origin; checks that the rows are those of the first pass.</summary>
    public IEnumerable<KMeansInput> Chunks(StreamingStage stage, StreamStart start)
    {
        long rows = 0;
        foreach (FeatureMatrix chunk in Raw(stage))
        {
            rows += chunk.RowCount;
            yield return new KMeansInput(chunk, start.Offset, start.MaxDegreeOfParallelism, VectorWidths.Best);
        }

        if (rows != start.RowCount)
        {
            throw new InvalidOperationException($"The first pass read {start.RowCount} rows but pass {Count} read {rows}; a chunk source must give the same rows on every pass.");
        }
    }
}
