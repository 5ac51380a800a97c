using System.Runtime.CompilerServices;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// The per-feature mean and population variance of a matrix, which K-means needs for its offset and its tolerance
/// scale. Computed once per matrix for every feature, in a fixed summation order (so always the same bits), and kept
/// beside the matrix for as long as it lives, so the fits of an elbow sweep over one matrix pay for one pass.
/// </summary>
internal static class ColumnMoments
{
    private static readonly ConditionalWeakTable<FeatureMatrix, (double Mean, double Variance)[]> Cache = new();

    /// <summary>The mean and population variance of feature <paramref name="feature"/> of <paramref name="data"/>, in double; safe from several threads.</summary>
    public static (double Mean, double Variance) Of(FeatureMatrix data, int feature)
        => Cache.GetValue(data, Compute)[feature];

    private static (double Mean, double Variance)[] Compute(FeatureMatrix data)
    {
        var computed = new (double Mean, double Variance)[data.FeatureCount];
        for (int j = 0; j < computed.Length; j++)
        {
            computed[j] = Moments(data.Column(j));
        }

        return computed;
    }

    /// <summary>Two passes (the mean, then the squared deviations from it), each with four interleaved double accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Mean, double Variance) Moments(ReadOnlySpan<float> values)
    {
        int n = values.Length;
        int whole = n & ~3;
        double a = 0, b = 0, c = 0, d = 0;
        for (int i = 0; i < whole; i += 4)
        {
            a += values[i];
            b += values[i + 1];
            c += values[i + 2];
            d += values[i + 3];
        }

        double sum = (a + b) + (c + d);
        for (int i = whole; i < n; i++)
        {
            sum += values[i];
        }

        double mean = sum / n;
        a = b = c = d = 0;
        for (int i = 0; i < whole; i += 4)
        {
            double da = values[i] - mean, db = values[i + 1] - mean, dc = values[i + 2] - mean, dd = values[i + 3] - mean;
            a += da * da;
            b += db * db;
            c += dc * dc;
            d += dd * dd;
        }

        double squares = (a + b) + (c + d);
        for (int i = whole; i < n; i++)
        {
            double delta = values[i] - mean;
            squares += delta * delta;
        }

        return (mean, squares / n);
    }
}
