using CustomerSegmentation.Data;

using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace CustomerSegmentation.Plotly;

/// <summary>
/// The leading principal components of standardized features (each feature centred on its mean and divided by its
/// population standard deviation), found by a symmetric eigendecomposition of their covariance matrix.
/// </summary>
internal sealed class PrincipalComponents
{
    private readonly double[] _means;
    private readonly double[] _scales;
    private readonly Matrix<double> _components;

    private PrincipalComponents(double[] means, double[] scales, Matrix<double> components, double[] explained)
    {
        _means = means;
        _scales = scales;
        _components = components;
        ExplainedVarianceRatio = explained;
    }

    /// <summary>The fraction of the total standardized variance each kept component explains, largest first.</summary>
    public IReadOnlyList<double> ExplainedVarianceRatio { get; }

    /// <summary>Fits <paramref name="count"/> components on every row of <paramref name="features"/>.</summary>
    public static PrincipalComponents Fit(FeatureMatrix features, int count)
    {
        int d = features.FeatureCount;
        FeatureSummary summary = FeatureSummary.Of(features);
        double[] means = [.. summary.Means];
        // A constant feature contributes nothing instead of dividing by zero.
        double[] scales = [.. summary.StandardDeviations.Select(sd => sd > 0 ? sd : 1.0)];

        Matrix<double> covariance = Matrix<double>.Build.Dense(d, d);
        var z = new double[d];
        for (int i = 0; i < features.RowCount; i++)
        {
            for (int j = 0; j < d; j++)
            {
                z[j] = (features[i, j] - means[j]) / scales[j];
            }

            for (int a = 0; a < d; a++)
            {
                for (int b = a; b < d; b++)
                {
                    covariance[a, b] += z[a] * z[b];
                }
            }
        }

        for (int a = 0; a < d; a++)
        {
            for (int b = a; b < d; b++)
            {
                covariance[a, b] /= features.RowCount;
                covariance[b, a] = covariance[a, b];
            }
        }

        Evd<double> evd = covariance.Evd(Symmetricity.Symmetric);
        double[] eigenvalues = evd.EigenValues.Select(v => Math.Max(0, v.Real)).ToArray();
        double totalVariance = eigenvalues.Sum();
        int[] order = Enumerable.Range(0, d).OrderByDescending(i => eigenvalues[i]).Take(count).ToArray();
        Matrix<double> components = Matrix<double>.Build.Dense(order.Length, d);
        var explained = new double[order.Length];
        for (int c = 0; c < order.Length; c++)
        {
            Vector<double> vector = evd.EigenVectors.Column(order[c]);
            // Eigenvectors have no preferred sign: make the largest coefficient positive so results are reproducible.
            if (vector[vector.AbsoluteMaximumIndex()] < 0)
            {
                vector = -vector;
            }

            components.SetRow(c, vector);
            explained[c] = totalVariance > 0 ? eigenvalues[order[c]] / totalVariance : 0;
        }

        return new PrincipalComponents(means, scales, components, explained);
    }

    /// <summary>The component scores of one point given in original units.</summary>
    public double[] Project(IReadOnlyList<double> point)
    {
        Vector<double> z = Vector<double>.Build.Dense(_means.Length, j => (point[j] - _means[j]) / _scales[j]);
        return (_components * z).ToArray();
    }
}
