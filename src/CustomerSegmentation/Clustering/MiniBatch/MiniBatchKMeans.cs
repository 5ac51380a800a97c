using System.Globalization;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;
using MathNet.Numerics.Random;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// Mini-batch K-means (Sculley 2010) with scikit-learn's MiniBatchKMeans semantics, for data too large for
/// <see cref="KMeansClusterer"/>: centres are chosen on a small sample, refined by steps that each look at a random
/// batch of rows, and the fit ends with one exact, multi-threaded assignment pass over all rows. The same seed gives
/// bit-identical labels, centroids and inertia whatever the degree of parallelism.
/// </summary>
/// <remarks>
/// <para>
/// The data is never copied: beyond the matrix itself a fit holds one label per row, the initialisation samples
/// (<see cref="MiniBatchKMeansOptions.InitSize"/> rows) and one batch buffer. With sample weights, a float32 copy
/// of the weights is also kept.
/// </para>
/// <para>
/// In the result, <see cref="ClusteringResult.Iterations"/> is the number of passes over the data the steps
/// amounted to (scikit-learn's n_iter_: steps x batch size / rows, rounded up), comparable to
/// <see cref="MiniBatchKMeansOptions.MaxIterations"/>; <see cref="ClusteringResult.Converged"/> is true when an
/// early stop (tolerance or no improvement) ended the fit; <see cref="ClusteringResult.Labels"/> and
/// <see cref="ClusteringResult.Inertia"/> are exact for the final centroids, and <c>Predict(data)</c> equals the labels.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var result = new MiniBatchKMeans(new MiniBatchKMeansOptions { K = 5, Seed = 42 }).Fit(data);
/// </code>
/// </example>
public sealed class MiniBatchKMeans : IClusterer
{
    private readonly VectorWidth _width;

    /// <summary>Creates a clusterer with the given options.</summary>
    /// <param name="options">The mini-batch settings, used for every fit.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">Explicit initial centroids whose count differs from <see cref="MiniBatchKMeansOptions.K"/>.</exception>
    public MiniBatchKMeans(MiniBatchKMeansOptions options)
        : this(options, VectorWidths.Best)
    {
    }

    /// <summary>Creates a clusterer whose final pass runs at a given width.</summary>
    internal MiniBatchKMeans(MiniBatchKMeansOptions options, VectorWidth width)
    {
        ArgumentNullException.ThrowIfNull(options);
        ClusteringChecks.CentroidCount(options.Init, options.K, nameof(options));

        Options = options;
        _width = width;
    }

    /// <summary>The options this clusterer runs with.</summary>
    public MiniBatchKMeansOptions Options { get; }

    /// <summary>
    /// A factory of mini-batch K-means clusterers with <paramref name="options"/>, whose
    /// <see cref="MiniBatchKMeansOptions.K"/>, <see cref="MiniBatchKMeansOptions.Seed"/> and
    /// <see cref="MiniBatchKMeansOptions.MaxDegreeOfParallelism"/> are replaced by each request's: the caller (a
    /// pipeline or an elbow sweep) owns those.
    /// </summary>
    /// <param name="options">Every other setting (batch size, restarts, tolerances); null for the defaults.</param>
    /// <returns>The factory.</returns>
    public static ClustererFactory Factory(MiniBatchKMeansOptions? options = null)
    {
        MiniBatchKMeansOptions settings = options ?? new MiniBatchKMeansOptions();
        return request => new MiniBatchKMeans(settings with
        {
            K = request.K,
            Seed = request.Seed,
            MaxDegreeOfParallelism = request.MaxDegreeOfParallelism,
        });
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MiniBatchKMeansOptions.K"/> exceeds the number of rows.</exception>
    /// <exception cref="ArgumentException">The data is too large to cluster unscaled (squared distances would exceed float32); the message names the features and suggests a scaling.</exception>
    public ClusteringResult Fit(FeatureMatrix data, CancellationToken cancellationToken = default)
        => Fit(data, ReadOnlySpan<double>.Empty, cancellationToken);

    /// <summary>Fits with a weight per row (a row of weight 2 counts as two identical rows in every batch it is drawn into).</summary>
    /// <param name="data">The rows to cluster.</param>
    /// <param name="sampleWeights">One finite, non-negative weight per row, with a positive sum; empty means all 1.</param>
    /// <param name="cancellationToken">Checked between mini-batch steps, between initialisations and between k-means++ centres.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MiniBatchKMeansOptions.K"/> exceeds the number of rows.</exception>
    /// <exception cref="ArgumentException">A weight is negative, NaN or infinite, the count differs from the rows, or the weights sum to 0; or the data is too large to cluster unscaled (squared distances would exceed float32, the message names the features and suggests a scaling); or explicit initial centroids have the wrong number of features.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ClusteringResult Fit(FeatureMatrix data, ReadOnlySpan<double> sampleWeights, CancellationToken cancellationToken = default)
    {
        int clusters = Options.K;
        ClusteringChecks.ClustersFitRows(data, clusters);

        var input = new KMeansInput(data, sampleWeights, Options.MaxDegreeOfParallelism, _width);
        var random = new Xoshiro256StarStar(Options.Seed, threadSafe: false);
        int batchSize = Math.Min(Options.BatchSize, input.RowCount);
        double[] initial = MiniBatchInitialization.Choose(input, Options, batchSize, random, cancellationToken);

        var steps = new MiniBatchSteps(input, initial, clusters, batchSize, Options.ReassignmentRatio);
        var convergence = new MiniBatchConvergence(batchSize, input.RowCount, Options.Tolerance * input.MeanVariance, Options.MaxNoImprovement);
        long maxSteps = Math.Max(1, (long)Options.MaxIterations * input.RowCount / batchSize);
        long taken = 0;
        bool converged = false;
        while (taken < maxSteps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            (double batchInertia, double shift) = steps.Take(random);
            taken++;
            if (convergence.ShouldStop(taken - 1, batchInertia, shift))
            {
                converged = true;
                break;
            }
        }

        int[] labels = AssignAll(input, steps.Centres, clusters);
        double inertia = Inertia.Compute(input, LloydRun.DataUnits(input.Offset, steps.Centres), clusters, labels);
        int epochs = (int)(((taken * batchSize) + input.RowCount - 1) / input.RowCount);
        var outcome = new LloydOutcome(steps.Centres, labels, inertia, epochs, converged);
        return NearestCentroid.Result(data, input, outcome, sizes => Warn(sizes, clusters));
    }

    /// <summary>The nearest centre of every row, by the same kernel (and float32 centres) that Predict uses, over fixed blocks.</summary>
    private static int[] AssignAll(KMeansInput input, double[] centres, int clusters)
    {
        float[] kernelCentres = LloydRun.ToFloat(centres);
        var labels = new int[input.RowCount];
        BlockPartition partition = input.Partition;
        input.ForEachBlock(clusters, b => LloydKernel.AssignBlock(
            input.Kernel, kernelCentres, clusters, labels, partition.Start(b), partition.End(b), Span<double>.Empty));
        return labels;
    }

    private static List<string> Warn(int[] sizes, int clusters)
    {
        int empty = sizes.Count(size => size == 0);
        return empty == 0
            ? []
            : [string.Create(
                CultureInfo.InvariantCulture,
                $"{empty} of the {clusters} clusters received no rows in the final assignment: the data has fewer distinct points than clusters, or ReassignmentRatio is 0 and a centre was left behind.")];
    }
}
