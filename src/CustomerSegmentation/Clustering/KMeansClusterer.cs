using System.Globalization;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;
using MathNet.Numerics.Random;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// K-means clustering (Lloyd's algorithm with greedy k-means++ initialisation) with scikit-learn's semantics and a
/// SIMD, multi-threaded core whose results are bit-identical for a given seed whatever the degree of parallelism.
/// </summary>
/// <example>
/// <code>
/// var result = new KMeansClusterer(new KMeansOptions { K = 5, NInit = 10, Seed = 42 }).Fit(data);
/// </code>
/// </example>
public sealed class KMeansClusterer : IClusterer
{
    private readonly VectorWidth _width;

    /// <summary>How Lloyd's runs gather their sums (see <see cref="LloydRun.Execute"/>).</summary>
    private readonly LloydPasses _passes;

    /// <summary>Creates a clusterer with the given options.</summary>
    /// <param name="options">The K-means settings, used for every fit.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">Explicit initial centroids whose count differs from <see cref="KMeansOptions.K"/>.</exception>
    public KMeansClusterer(KMeansOptions options)
        : this(options, VectorWidths.Best)
    {
    }

    /// <summary>Creates a clusterer running its kernels at a given width (tests compare the widths).</summary>
    internal KMeansClusterer(KMeansOptions options, VectorWidth width, LloydPasses passes = LloydPasses.Moves)
    {
        ArgumentNullException.ThrowIfNull(options);
        ClusteringChecks.CentroidCount(options.Init, options.K, nameof(options));

        Options = options;
        _width = width;
        _passes = passes;
    }

    /// <summary>The options this clusterer runs with.</summary>
    public KMeansOptions Options { get; }

    /// <summary>
    /// A factory of K-means clusterers with <paramref name="options"/>, whose <see cref="KMeansOptions.K"/>,
    /// <see cref="KMeansOptions.Seed"/> and <see cref="KMeansOptions.MaxDegreeOfParallelism"/> are replaced by each
    /// request's: the caller (a pipeline or an elbow sweep) owns those.
    /// </summary>
    /// <param name="options">Every other setting (restarts, initialisation, tolerance, iterations); null for the defaults.</param>
    /// <returns>The factory.</returns>
    public static ClustererFactory Factory(KMeansOptions? options = null)
    {
        KMeansOptions settings = options ?? new KMeansOptions();
        return request => new KMeansClusterer(settings with
        {
            K = request.K,
            Seed = request.Seed,
            MaxDegreeOfParallelism = request.MaxDegreeOfParallelism,
        });
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="KMeansOptions.K"/> exceeds the number of rows.</exception>
    /// <exception cref="ArgumentException">The data is too large to cluster unscaled (squared distances would exceed float32); the message names the features and suggests a scaling.</exception>
    public ClusteringResult Fit(FeatureMatrix data, CancellationToken cancellationToken = default)
        => Fit(data, ReadOnlySpan<double>.Empty, cancellationToken);

    /// <summary>Fits with a weight per row (a row of weight 2 counts as two identical rows).</summary>
    /// <param name="data">The rows to cluster.</param>
    /// <param name="sampleWeights">One finite, non-negative weight per row, with a positive sum; empty means all 1.</param>
    /// <param name="cancellationToken">Checked between iterations and between k-means++ centres.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="KMeansOptions.K"/> exceeds the number of rows.</exception>
    /// <exception cref="ArgumentException">A weight is negative, NaN or infinite, the count differs from the rows, or the weights sum to 0; or the data is too large to cluster unscaled (squared distances would exceed float32, the message names the features and suggests a scaling).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ClusteringResult Fit(FeatureMatrix data, ReadOnlySpan<double> sampleWeights, CancellationToken cancellationToken = default)
    {
        int clusters = Options.K;
        ClusteringChecks.ClustersFitRows(data, clusters);

        var input = new KMeansInput(data, sampleWeights, Options.MaxDegreeOfParallelism, _width);
        var master = new Xoshiro256StarStar(Options.Seed);
        int restarts = Options.Init is CentroidInitialization ? 1 : Options.NInit;
        var seeds = new int[restarts];
        for (int r = 0; r < restarts; r++)
        {
            seeds[r] = master.Next();
        }

        LloydOutcome? best = null;
        int[]? spare = null; // the labels of the run that lost, reused by the next restart
        foreach (int seed in seeds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double[] initial = Options.Init.Choose(input, clusters, new Xoshiro256StarStar(seed), cancellationToken);
            LloydOutcome outcome = LloydRun.Execute(input, clusters, Options.MaxIterations, Options.Tolerance, initial, cancellationToken, _passes, spare);
            if (best is null || outcome.Inertia < best.Inertia)
            {
                spare = best?.Labels;
                best = outcome;
            }
            else
            {
                spare = outcome.Labels;
            }
        }

        return NearestCentroid.Result(data, input, best!, sizes => Warn(sizes.Count(size => size > 0), clusters));
    }

    /// <summary>
    /// The fit <paramref name="summary"/> (centroids found on other rows, such as a coreset) applied to every row of
    /// <paramref name="data"/>: one assignment pass gives the labels, sizes and inertia; the iterations and convergence
    /// are the summary's.
    /// </summary>
    internal ClusteringResult Assign(FeatureMatrix data, ClusteringResult summary, CancellationToken cancellationToken)
    {
        var input = new KMeansInput(data, ReadOnlySpan<double>.Empty, Options.MaxDegreeOfParallelism, _width);
        double[] centred = Centred(input, summary);
        LloydOutcome assigned = LloydRun.Execute(input, Options.K, 0, Options.Tolerance, centred, cancellationToken, _passes);
        return NearestCentroid.Result(
            data, input, assigned with { Iterations = summary.Iterations, Converged = summary.Converged }, sizes => Warn(sizes.Count(size => size > 0), Options.K));
    }

    /// <summary>Lloyd's algorithm on every row of <paramref name="data"/> from the centroids of <paramref name="start"/> (one run, no restarts).</summary>
    internal ClusteringResult Refine(FeatureMatrix data, ClusteringResult start, CancellationToken cancellationToken)
    {
        var input = new KMeansInput(data, ReadOnlySpan<double>.Empty, Options.MaxDegreeOfParallelism, _width);
        LloydOutcome outcome = LloydRun.Execute(input, Options.K, Options.MaxIterations, Options.Tolerance, Centred(input, start), cancellationToken, _passes);
        return NearestCentroid.Result(data, input, outcome, sizes => Warn(sizes.Count(size => size > 0), Options.K));
    }

    private static double[] Centred(KMeansInput input, ClusteringResult fit)
    {
        int features = input.FeatureCount;
        var centres = new double[fit.K * features];
        for (int k = 0; k < fit.K; k++)
        {
            for (int j = 0; j < features; j++)
            {
                centres[(k * features) + j] = fit.Centroids[k][j] - input.Offset[j];
            }
        }

        return centres;
    }

    /// <summary>The warning of a fit with <paramref name="distinct"/> non-empty clusters, when fewer than K.</summary>
    internal static List<string> Warn(int distinct, int clusters)
    {
        var warnings = new List<string>();
        if (distinct < clusters)
        {
            warnings.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Number of distinct clusters ({distinct}) found smaller than K ({clusters}): the data has fewer distinct points than clusters, or duplicates."));
        }

        return warnings;
    }
}
