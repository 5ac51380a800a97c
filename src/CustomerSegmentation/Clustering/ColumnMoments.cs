using System.Runtime.CompilerServices;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// The per-feature mean and population variance of a matrix, which K-means needs for its offset and its tolerance
/// scale. Computed once per matrix for every feature by <see cref="ColumnStatistics"/> (a fixed summation order, so
/// always the same bits), and kept beside the matrix for as long as it lives, so the fits of an elbow sweep over one
/// matrix pay for one pass.
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
            ColumnStatistics statistics = ColumnStatistics.Of(data.Column(j));
            computed[j] = (statistics.Mean, statistics.Variance);
        }

        return computed;
    }
}
