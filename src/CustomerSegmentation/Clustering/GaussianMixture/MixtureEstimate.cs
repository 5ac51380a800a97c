using System.Globalization;
using CustomerSegmentation.Clustering.Kernels;
using MathNet.Numerics.LinearAlgebra;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// The parameters of a Gaussian mixture (weights, means, covariances) and the kernel's view of them (precision
/// Cholesky factors and log constants, from MathNet's Cholesky decomposition). Built by the M-step from summed moments,
/// or directly from saved parameters.
/// </summary>
internal sealed class MixtureEstimate
{
    /// <summary>scikit-learn adds 10 machine epsilons to every component's responsibility total, so none is ever 0.</summary>
    private const double TotalFloor = 10 * 2.220446049250313e-16;

    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    /// <param name="weights">K weights summing to 1.</param>
    /// <param name="means">K x d, row-major.</param>
    /// <param name="covariances">K x d x d (full) or K x d (diagonal) covariances, regularisation included.</param>
    /// <param name="covariance">The covariance shape.</param>
    /// <param name="features">d.</param>
    /// <exception cref="ArgumentException">A component's covariance is not positive definite; the message names the component and what to do.</exception>
    public MixtureEstimate(double[] weights, double[] means, double[] covariances, GaussianCovariance covariance, int features)
    {
        Weights = weights;
        Means = means;
        Covariances = covariances;
        Covariance = covariance;
        Features = features;
        Components = Precisions(weights, means, covariances, covariance, features);
    }

    public double[] Weights { get; }

    public double[] Means { get; }

    public double[] Covariances { get; }

    public GaussianCovariance Covariance { get; }

    public int Features { get; }

    public int K => Weights.Length;

    public MixtureComponents Components { get; }

    /// <summary>The M-step from the moments of an E-step, taken about <paramref name="referenceMeans"/>.</summary>
    /// <param name="moments">K x MomentLength sums from the kernel.</param>
    /// <param name="referenceMeans">The means the moments were taken about (K x d).</param>
    /// <param name="covariance">The covariance shape.</param>
    /// <param name="features">d.</param>
    /// <param name="regCovar">Added to every variance.</param>
    /// <exception cref="ArgumentException">A covariance is not positive definite.</exception>
    public static MixtureEstimate FromMoments(double[] moments, double[] referenceMeans, GaussianCovariance covariance, int features, double regCovar)
    {
        bool diagonal = covariance == GaussianCovariance.Diagonal;
        int clusters = referenceMeans.Length / features;
        int momentLength = 1 + features + (diagonal ? features : features * (features + 1) / 2);
        int covarianceLength = diagonal ? features : features * features;
        var weights = new double[clusters];
        var means = new double[clusters * features];
        var covariances = new double[clusters * covarianceLength];
        var shift = new double[features];
        double total = 0;
        for (int k = 0; k < clusters; k++)
        {
            ReadOnlySpan<double> m = moments.AsSpan(k * momentLength, momentLength);
            double n = m[0] + TotalFloor;
            weights[k] = n;
            total += n;
            for (int a = 0; a < features; a++)
            {
                shift[a] = m[1 + a] / n;
                means[(k * features) + a] = referenceMeans[(k * features) + a] + shift[a];
            }

            Span<double> c = covariances.AsSpan(k * covarianceLength, covarianceLength);
            int second = 1 + features;
            for (int a = 0; a < features; a++)
            {
                if (diagonal)
                {
                    c[a] = (m[second + a] / n) - (shift[a] * shift[a]) + regCovar;
                    continue;
                }

                for (int b = a; b < features; b++)
                {
                    double value = (m[second++] / n) - (shift[a] * shift[b]);
                    if (a == b)
                    {
                        value += regCovar;
                    }

                    c[(a * features) + b] = value;
                    c[(b * features) + a] = value;
                }
            }
        }

        for (int k = 0; k < clusters; k++)
        {
            weights[k] /= total;
        }

        return new MixtureEstimate(weights, means, covariances, covariance, features);
    }

    /// <summary>The number of free parameters: K - 1 weights, K d means and K d(d+1)/2 (full) or K d (diagonal) covariance terms.</summary>
    public static int FreeParameters(int clusters, int features, GaussianCovariance covariance)
        => checked((clusters - 1) + (clusters * features) + (clusters * (covariance == GaussianCovariance.Diagonal ? features : features * (features + 1) / 2)));

    private static MixtureComponents Precisions(double[] weights, double[] means, double[] covariances, GaussianCovariance covariance, int features)
    {
        int clusters = weights.Length;
        bool diagonal = covariance == GaussianCovariance.Diagonal;
        var factors = new double[covariances.Length];
        var constants = new double[clusters];
        for (int k = 0; k < clusters; k++)
        {
            double logDeterminant;
            if (diagonal)
            {
                logDeterminant = 0;
                for (int j = 0; j < features; j++)
                {
                    double variance = covariances[(k * features) + j];
                    if (!(variance > 0) || !double.IsFinite(variance))
                    {
                        throw NotPositiveDefinite(k, covariance);
                    }

                    factors[(k * features) + j] = 1 / Math.Sqrt(variance);
                    logDeterminant -= 0.5 * Math.Log(variance);
                }
            }
            else
            {
                int size = features * features;
                Matrix<double> matrix = Matrix<double>.Build.Dense(features, features, (i, j) => covariances[(k * size) + (i * features) + j]);
                MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double> cholesky;
                try
                {
                    cholesky = matrix.Cholesky();
                }
                catch (ArgumentException)
                {
                    throw NotPositiveDefinite(k, covariance);
                }

                // sklearn's precisions_cholesky_: the transpose of the inverse of the lower Cholesky factor L.
                Matrix<double> inverse = cholesky.Factor.Inverse();
                for (int a = 0; a < features; a++)
                {
                    for (int j = 0; j < features; j++)
                    {
                        factors[(k * size) + (a * features) + j] = a <= j ? inverse[j, a] : 0.0;
                    }
                }

                logDeterminant = -0.5 * cholesky.DeterminantLn;
            }

            constants[k] = Math.Log(weights[k]) + logDeterminant - (features * HalfLogTwoPi);
            int length = diagonal ? features : features * features;
            bool finite = double.IsFinite(constants[k]);
            foreach (double factor in factors.AsSpan(k * length, length))
            {
                finite &= double.IsFinite(factor);
            }

            if (!finite)
            {
                throw NotPositiveDefinite(k, covariance);
            }
        }

        return new MixtureComponents(clusters, features, diagonal, means, factors, constants);
    }

    private static ArgumentException NotPositiveDefinite(int component, GaussianCovariance covariance)
        => new(
            string.Create(
                CultureInfo.InvariantCulture,
                $"The covariance of Gaussian component {component} is not positive definite even after GaussianMixtureOptions.RegCovar was added to its diagonal ({(covariance == GaussianCovariance.Full ? "its features are collinear, or on scales so large that the regularisation is lost in rounding" : "a feature has no spread within it")}); raise RegCovar, scale the features (e.g. standard scaling), or use fewer components."),
            "data");
}
