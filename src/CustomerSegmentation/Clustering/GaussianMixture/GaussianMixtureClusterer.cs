using System.Collections.Immutable;
using System.Globalization;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;
using MathNet.Numerics.Random;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// A Gaussian mixture fitted by expectation-maximisation with scikit-learn's GaussianMixture semantics: full or
/// diagonal covariances, <see cref="GaussianMixtureOptions.RegCovar"/> added to every covariance's diagonal, a start
/// from the labels of the library's own K-means, EM until the mean log-likelihood lower bound changes by less than the
/// tolerance, the best lower bound of <see cref="GaussianMixtureOptions.NInit"/> starts kept, and a final E-step so
/// the labels equal <c>Predict</c>. Each EM iteration is one SIMD, multi-threaded pass over the rows (densities,
/// log-sum-exp, responsibilities and the M-step's sums together) in fixed blocks: the same seed gives bit-identical
/// results for any degree of parallelism.
/// </summary>
/// <remarks>
/// The result's model is a <see cref="GaussianMixtureModel"/> (membership probabilities, log-likelihood, BIC, AIC, the
/// lower bound of every iteration); <see cref="ClusteringResult.Inertia"/> is the sum of squared distances of the rows
/// to their component's mean, so the sweep's cost curve stays comparable with K-means.
/// A constant feature is handled as scikit-learn does: its variance in every component is <c>RegCovar</c>, the
/// log-likelihood finite (and large). A covariance that is still not positive definite throws an
/// <see cref="ArgumentException"/> naming the component.
/// </remarks>
/// <example>
/// <code>
/// var fit = new GaussianMixtureClusterer(new GaussianMixtureOptions { K = 5, NInit = 5 }).Fit(data);
/// var model = (GaussianMixtureModel)fit.Model;
/// double[,] probabilities = model.PredictProbabilities(data);
/// </code>
/// </example>
public sealed class GaussianMixtureClusterer : IClusterer
{
    private readonly VectorWidth _width;

    /// <summary>Creates a clusterer with the given options.</summary>
    /// <param name="options">The mixture settings, used for every fit.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public GaussianMixtureClusterer(GaussianMixtureOptions options)
        : this(options, VectorWidths.Best)
    {
    }

    /// <summary>Creates a clusterer running its kernel at a given width (tests compare the widths).</summary>
    internal GaussianMixtureClusterer(GaussianMixtureOptions options, VectorWidth width)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _width = width;
    }

    /// <summary>The options this clusterer runs with.</summary>
    public GaussianMixtureOptions Options { get; }

    /// <summary>
    /// A factory of Gaussian-mixture clusterers with <paramref name="options"/>, whose
    /// <see cref="GaussianMixtureOptions.K"/>, <see cref="GaussianMixtureOptions.Seed"/> and
    /// <see cref="GaussianMixtureOptions.MaxDegreeOfParallelism"/> are replaced by each request's.
    /// </summary>
    /// <param name="options">Every other setting (covariance, regularisation, tolerance, restarts); null for the defaults.</param>
    /// <returns>The factory.</returns>
    public static ClustererFactory Factory(GaussianMixtureOptions? options = null)
    {
        GaussianMixtureOptions settings = options ?? new GaussianMixtureOptions();
        return request => new GaussianMixtureClusterer(settings with
        {
            K = request.K,
            Seed = request.Seed,
            MaxDegreeOfParallelism = request.MaxDegreeOfParallelism,
        });
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="GaussianMixtureOptions.K"/> exceeds the number of rows.</exception>
    /// <exception cref="ArgumentException">A component's covariance is not positive definite even with the regularisation (the message names the component and what to do), or the data is too large for the K-means start in float32 (the message names the features and suggests a scaling).</exception>
    public ClusteringResult Fit(FeatureMatrix data, CancellationToken cancellationToken = default)
        => Fit(data, null, cancellationToken);

    /// <summary>Fits the mixture, reporting every EM iteration.</summary>
    /// <param name="data">The rows to cluster.</param>
    /// <param name="progress">Told after every EM iteration of every initialisation; may be null.</param>
    /// <param name="cancellationToken">Checked before every initialisation and every EM iteration, and inside the K-means starts.</param>
    /// <returns>The fit: a <see cref="GaussianMixtureModel"/>, the labels of the final E-step, the inertia, the iterations of the winning start and whether it converged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="GaussianMixtureOptions.K"/> exceeds the number of rows.</exception>
    /// <exception cref="ArgumentException">A component's covariance is not positive definite even with the regularisation (the message names the component and what to do), or the data is too large for the K-means start in float32 (the message names the features and suggests a scaling).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ClusteringResult Fit(FeatureMatrix data, IProgress<GaussianMixtureProgress>? progress, CancellationToken cancellationToken = default)
    {
        int clusters = Options.K;
        ClusteringChecks.ClustersFitRows(data, clusters);
        cancellationToken.ThrowIfCancellationRequested();
        int features = data.FeatureCount;
        var pass = new MixturePass(GaussianMixtureModel.Columns(data, _width), Options.MaxDegreeOfParallelism);
        var master = new Xoshiro256StarStar(Options.Seed);
        var seeds = new int[Options.NInit];
        for (int r = 0; r < seeds.Length; r++)
        {
            seeds[r] = master.Next();
        }

        Run? best = null;
        for (int r = 0; r < seeds.Length; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            MixtureEstimate start = Start(data, seeds[r], cancellationToken);
            Run run = Expectations(pass, start, r + 1, progress, cancellationToken);
            if (best is null || run.LowerBound > best.LowerBound)
            {
                best = run;
            }
        }

        // The final E-step: labels and the log-likelihood under the kept parameters, as Predict and Score give them.
        var responsibilities = new double[data.RowCount * clusters];
        double logLikelihood = pass.Run(best!.Estimate.Components, withMoments: false, responsibilities).LogLikelihood;
        int[] labels = GaussianMixtureModel.Labels(responsibilities, data.RowCount, clusters);
        var model = new GaussianMixtureModel(
            data.FeatureNames, best.Estimate, logLikelihood, data.RowCount, [.. best.History], Options.MaxDegreeOfParallelism, _width);
        var warnings = new List<string>();
        if (!best.Converged)
        {
            warnings.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"The best of {Options.NInit} initialisations did not converge in {Options.MaxIterations} EM iterations (lower bound still changing by {Options.Tolerance} or more); raise MaxIterations or Tolerance."));
        }

        return new ClusteringResult(data, model, labels, inertia: null, best.History.Count, best.Converged, warnings);
    }

    /// <summary>scikit-learn's k-means start: one K-means restart of the given seed, its labels as hard responsibilities.</summary>
    private MixtureEstimate Start(FeatureMatrix data, int seed, CancellationToken cancellationToken)
    {
        var kMeans = new KMeansClusterer(
            new KMeansOptions { K = Options.K, NInit = 1, Seed = seed, MaxDegreeOfParallelism = Options.MaxDegreeOfParallelism }, _width);
        ClusteringResult fit = kMeans.Fit(data, cancellationToken);
        int features = data.FeatureCount;
        double[] centres = fit.Centroids.SelectMany(c => c).ToArray();
        bool diagonal = Options.Covariance == GaussianCovariance.Diagonal;
        int momentLength = 1 + features + (diagonal ? features : features * (features + 1) / 2);
        var moments = new double[Options.K * momentLength];
        var difference = new double[features];
        ImmutableArray<int> labels = fit.Labels;
        for (int i = 0; i < data.RowCount; i++)
        {
            int k = labels[i];
            Span<double> m = moments.AsSpan(k * momentLength, momentLength);
            for (int j = 0; j < features; j++)
            {
                difference[j] = data.Column(j)[i] - centres[(k * features) + j];
            }

            m[0] += 1;
            int second = 1 + features;
            for (int a = 0; a < features; a++)
            {
                m[1 + a] += difference[a];
                if (diagonal)
                {
                    m[second + a] += difference[a] * difference[a];
                    continue;
                }

                for (int b = a; b < features; b++)
                {
                    m[second++] += difference[a] * difference[b];
                }
            }
        }

        return MixtureEstimate.FromMoments(moments, centres, Options.Covariance, features, Options.RegCovar);
    }

    /// <summary>EM from <paramref name="estimate"/>: E-step and M-step in one pass per iteration, until the lower bound settles.</summary>
    private Run Expectations(MixturePass pass, MixtureEstimate estimate, int initialisation, IProgress<GaussianMixtureProgress>? progress, CancellationToken cancellationToken)
    {
        var history = new List<double>();
        double lowerBound = double.NegativeInfinity;
        bool converged = false;
        for (int iteration = 1; iteration <= Options.MaxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double previous = lowerBound;
            (estimate, lowerBound) = Step(pass, estimate, Options.RegCovar);
            history.Add(lowerBound);
            progress?.Report(new GaussianMixtureProgress(initialisation, iteration, lowerBound));
            if (Math.Abs(lowerBound - previous) < Options.Tolerance)
            {
                converged = true;
                break;
            }
        }

        return new Run(estimate, lowerBound, history, converged);
    }

    /// <summary>
    /// One EM iteration: the E-step under <paramref name="estimate"/> (its mean log-likelihood is the lower bound) and
    /// the M-step from the same pass's moments.
    /// </summary>
    internal static (MixtureEstimate Next, double LowerBound) Step(MixturePass pass, MixtureEstimate estimate, double regCovar)
    {
        (double logLikelihood, double[]? moments) = pass.Run(estimate.Components, withMoments: true, responsibilities: null);
        MixtureEstimate next = MixtureEstimate.FromMoments(moments!, estimate.Means, estimate.Covariance, estimate.Features, regCovar);
        return (next, logLikelihood / pass.RowCount);
    }

    /// <summary>One initialisation's outcome: its parameters after the last M-step, its last lower bound and every bound.</summary>
    private sealed record Run(MixtureEstimate Estimate, double LowerBound, List<double> History, bool Converged);
}
