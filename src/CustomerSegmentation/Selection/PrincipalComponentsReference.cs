using CustomerSegmentation.Data;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;

namespace CustomerSegmentation.Selection;

/// <summary>
/// Uniform over the box of the principal-component scores, mapped back to the features (Tibshirani et al. 2001,
/// section 3: centre X, take its right singular vectors V, draw uniformly over the range of X V, multiply by Vᵀ and
/// add the means back).
/// </summary>
/// <remarks>V comes from the SVD of the d x d matrix XᵀX (MathNet), so no N x N factor is ever formed.</remarks>
internal sealed class PrincipalComponentsReference : GapReference
{
    public override string Name => "PrincipalComponents";

    internal override string Description => "uniform over the principal components' box";

    internal override Func<Xoshiro256StarStar, FeatureMatrix> Sampler(FeatureMatrix data)
    {
        int n = data.RowCount;
        int d = data.FeatureCount;
        var means = new double[d];
        for (int j = 0; j < d; j++)
        {
            means[j] = ColumnStatistics.Of(data.Column(j)).Mean;
        }

        Matrix<double> scatter = Matrix<double>.Build.Dense(d, d);
        var row = new double[d];
        for (int i = 0; i < n; i++)
        {
            CentredRow(data, means, i, row);
            for (int a = 0; a < d; a++)
            {
                for (int b = 0; b < d; b++)
                {
                    scatter[a, b] += row[a] * row[b];
                }
            }
        }

        Matrix<double> v = scatter.Svd(computeVectors: true).VT.Transpose();
        var low = Enumerable.Repeat(double.PositiveInfinity, d).ToArray();
        var high = Enumerable.Repeat(double.NegativeInfinity, d).ToArray();
        for (int i = 0; i < n; i++)
        {
            CentredRow(data, means, i, row);
            for (int c = 0; c < d; c++)
            {
                double score = 0;
                for (int j = 0; j < d; j++)
                {
                    score += row[j] * v[j, c];
                }

                low[c] = Math.Min(low[c], score);
                high[c] = Math.Max(high[c], score);
            }
        }

        void ToFeatures(double[] scores, double[] values)
        {
            for (int j = 0; j < d; j++)
            {
                double value = means[j];
                for (int c = 0; c < d; c++)
                {
                    value += scores[c] * v[j, c];
                }

                values[j] = value;
            }
        }

        return random => UniformBox(data, low, high, random, ToFeatures);
    }

    private static void CentredRow(FeatureMatrix data, double[] means, int i, double[] row)
    {
        for (int j = 0; j < row.Length; j++)
        {
            row[j] = data[i, j] - means[j];
        }
    }
}
