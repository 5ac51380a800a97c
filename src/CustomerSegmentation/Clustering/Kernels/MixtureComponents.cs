namespace CustomerSegmentation.Clustering.Kernels;

/// <summary>
/// The parameters of K Gaussian components as the mixture kernel reads them: the means, the Cholesky factors of the
/// precisions (scikit-learn's <c>precisions_cholesky_</c>) and one log constant per component.
/// </summary>
/// <remarks>
/// Component k's weighted log density at x is <c>LogConstants[k] - 0.5 * ||(x - mean_k) P_k||²</c>, where P_k is upper
/// triangular (full covariance: <c>PrecisionFactors[k·d·d + a·d + j]</c> for a &lt;= j, the rest ignored) or diagonal
/// (<c>PrecisionFactors[k·d + j]</c>), and <c>LogConstants[k] = ln w_k + ln det P_k - d/2 ln 2π</c>.
/// </remarks>
internal sealed class MixtureComponents
{
    /// <param name="count">K, at least 1.</param>
    /// <param name="features">d, at least 1.</param>
    /// <param name="diagonal">Whether the precision factors are diagonal (d values per component) or full (d x d).</param>
    /// <param name="means">K x d, row-major.</param>
    /// <param name="precisionFactors">K x d x d (full) or K x d (diagonal).</param>
    /// <param name="logConstants">K values.</param>
    /// <exception cref="ArgumentException">An array has the wrong length.</exception>
    public MixtureComponents(int count, int features, bool diagonal, double[] means, double[] precisionFactors, double[] logConstants)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        int factorLength = count * features * (diagonal ? 1 : features);
        if (means.Length != count * features || precisionFactors.Length != factorLength || logConstants.Length != count)
        {
            throw new ArgumentException(
                $"K = {count} components of {features} features need {count * features} means, {factorLength} precision factors and {count} constants; got {means.Length}, {precisionFactors.Length} and {logConstants.Length}.");
        }

        Count = count;
        Features = features;
        Diagonal = diagonal;
        Means = means;
        PrecisionFactors = precisionFactors;
        LogConstants = logConstants;
    }

    /// <summary>K.</summary>
    public int Count { get; }

    /// <summary>d.</summary>
    public int Features { get; }

    /// <summary>Whether the precision factors are diagonal.</summary>
    public bool Diagonal { get; }

    /// <summary>K x d means, row-major.</summary>
    public double[] Means { get; }

    /// <summary>The precision Cholesky factors (see the remarks of the type).</summary>
    public double[] PrecisionFactors { get; }

    /// <summary>ln w_k + ln det P_k - d/2 ln 2π per component.</summary>
    public double[] LogConstants { get; }

    /// <summary>
    /// The doubles the kernel sums per component: the responsibility total N, the d first moments about the
    /// component's mean, then the second moments about it (d squares for diagonal, the d(d+1)/2 products a &lt;= b of
    /// the upper triangle row by row for full).
    /// </summary>
    public int MomentLength => 1 + Features + (Diagonal ? Features : Features * (Features + 1) / 2);
}
