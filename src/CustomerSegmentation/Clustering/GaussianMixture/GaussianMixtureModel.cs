using System.Collections.Immutable;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// A fitted Gaussian mixture: K weighted Gaussian components, each with a mean (its <see cref="Centroids"/>) and a
/// full or diagonal covariance. It assigns a row to the component of highest posterior probability and gives every
/// row's membership probabilities; it carries the fit's log-likelihood, so BIC and AIC can compare K.
/// </summary>
/// <remarks>
/// A saved and loaded model predicts the same labels and probabilities bit for bit: the densities are recomputed from
/// the same double parameters by the same kernel. <see cref="LowerBoundHistory"/> is not saved (empty after loading).
/// </remarks>
public sealed class GaussianMixtureModel : ILikelihoodModel, ISoftClusteringModel
{
    /// <summary>The model kind written into model files.</summary>
    internal const string Kind = "GaussianMixture";

    private readonly int _maxDegreeOfParallelism;

    internal GaussianMixtureModel(
        ImmutableArray<string> featureNames,
        MixtureEstimate estimate,
        double logLikelihood,
        int sampleCount,
        ImmutableArray<double> lowerBoundHistory,
        int maxDegreeOfParallelism,
        VectorWidth width)
    {
        FeatureNames = featureNames;
        Estimate = estimate;
        LogLikelihood = logLikelihood;
        SampleCount = sampleCount;
        LowerBoundHistory = lowerBoundHistory;
        _maxDegreeOfParallelism = maxDegreeOfParallelism;
        Width = width;
        int features = featureNames.Length;
        Centroids = [.. Enumerable.Range(0, estimate.K).Select(k => ImmutableArray.Create(estimate.Means, k * features, features))];
        Weights = [.. estimate.Weights];
    }

    /// <inheritdoc />
    public int K => Estimate.K;

    /// <inheritdoc />
    public ImmutableArray<string> FeatureNames { get; }

    /// <summary>The mean of every component, one value per feature, in the fitted space.</summary>
    public ImmutableArray<ImmutableArray<double>> Centroids { get; }

    /// <summary>The mixing weight of every component: positive, summing to 1.</summary>
    public ImmutableArray<double> Weights { get; }

    /// <summary>The shape of the components' covariances.</summary>
    public GaussianCovariance CovarianceType => Estimate.Covariance;

    /// <inheritdoc />
    public double LogLikelihood { get; }

    /// <summary>The mean log-likelihood per fitted row (scikit-learn's <c>score(X)</c> on the fitted rows).</summary>
    public double MeanLogLikelihood => LogLikelihood / SampleCount;

    /// <inheritdoc />
    public int SampleCount { get; }

    /// <inheritdoc />
    public int FreeParameters => MixtureEstimate.FreeParameters(K, FeatureNames.Length, CovarianceType);

    /// <summary>The Bayesian information criterion on the fitted rows, -2 ln L + p ln N: lower is better.</summary>
    public double Bic => InformationCriteria.Bic(this);

    /// <summary>Akaike's information criterion on the fitted rows, -2 ln L + 2 p: lower is better.</summary>
    public double Aic => InformationCriteria.Aic(this);

    /// <summary>
    /// The mean log-likelihood lower bound after every EM iteration of the winning initialisation, in order (the
    /// first is that of the K-means start). EM never lowers it, up to rounding. Empty for a loaded model.
    /// </summary>
    public ImmutableArray<double> LowerBoundHistory { get; }

    internal MixtureEstimate Estimate { get; }

    internal VectorWidth Width { get; }

    /// <summary>The covariance matrix of one component (a diagonal one has zeros off the diagonal).</summary>
    /// <param name="component">The component, 0 to K - 1.</param>
    /// <returns>A new d x d matrix, in the squared units of the fitted space, regularisation included.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="component"/> is outside 0..K - 1.</exception>
    public double[,] Covariance(int component)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(component);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(component, K);
        int d = FeatureNames.Length;
        var matrix = new double[d, d];
        for (int a = 0; a < d; a++)
        {
            if (CovarianceType == GaussianCovariance.Diagonal)
            {
                matrix[a, a] = Estimate.Covariances[(component * d) + a];
                continue;
            }

            for (int b = 0; b < d; b++)
            {
                matrix[a, b] = Estimate.Covariances[(component * d * d) + (a * d) + b];
            }
        }

        return matrix;
    }

    /// <summary>The component of highest posterior probability for every row (the first on ties).</summary>
    /// <param name="data">Rows with the model's features, in order.</param>
    /// <returns>One label (0 to K - 1) per row.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data's features differ from <see cref="FeatureNames"/>.</exception>
    public int[] Predict(FeatureMatrix data) => Labels(Responsibilities(data, out _), data.RowCount, K);

    /// <summary>Every row's membership probability for every component (scikit-learn's <c>predict_proba</c>).</summary>
    /// <param name="data">Rows with the model's features, in order.</param>
    /// <returns>A rows x K array; each row sums to 1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data's features differ from <see cref="FeatureNames"/>.</exception>
    public double[,] PredictProbabilities(FeatureMatrix data)
    {
        double[] responsibilities = Responsibilities(data, out _);
        int rows = data.RowCount;
        var probabilities = new double[rows, K];
        for (int k = 0; k < K; k++)
        {
            for (int i = 0; i < rows; i++)
            {
                probabilities[i, k] = responsibilities[(k * rows) + i];
            }
        }

        return probabilities;
    }

    /// <summary>The mean log-likelihood per row of <paramref name="data"/> under the model (scikit-learn's <c>score</c>).</summary>
    /// <param name="data">Rows with the model's features, in order.</param>
    /// <returns>The mean over rows of ln p(row), in nats.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data's features differ from <see cref="FeatureNames"/>.</exception>
    public double Score(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ClusteringResult.RequireFeatures(data, FeatureNames, nameof(data));
        var pass = new MixturePass(Columns(data, Width), _maxDegreeOfParallelism);
        return pass.Run(Estimate.Components, withMoments: false, responsibilities: null).LogLikelihood / data.RowCount;
    }

    /// <summary>The label of every row from component-major responsibilities: the first largest.</summary>
    internal static int[] Labels(double[] responsibilities, int rows, int clusters)
    {
        var labels = new int[rows];
        var best = new double[rows];
        responsibilities.AsSpan(0, rows).CopyTo(best);
        for (int k = 1; k < clusters; k++)
        {
            ReadOnlySpan<double> column = responsibilities.AsSpan(k * rows, rows);
            for (int i = 0; i < rows; i++)
            {
                if (column[i] > best[i])
                {
                    best[i] = column[i];
                    labels[i] = k;
                }
            }
        }

        return labels;
    }

    /// <summary>The kernels' view of a matrix (its padded columns, not copied).</summary>
    internal static KernelColumns Columns(FeatureMatrix data, VectorWidth width)
        => new(data.PaddedColumns(), data.RowCount, width);

    private double[] Responsibilities(FeatureMatrix data, out double logLikelihood)
    {
        ArgumentNullException.ThrowIfNull(data);
        ClusteringResult.RequireFeatures(data, FeatureNames, nameof(data));
        var responsibilities = new double[data.RowCount * K];
        var pass = new MixturePass(Columns(data, Width), _maxDegreeOfParallelism);
        logLikelihood = pass.Run(Estimate.Components, withMoments: false, responsibilities).LogLikelihood;
        return responsibilities;
    }
}
