using System.Runtime.CompilerServices;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// The per-feature mean, population variance and range (max - min) of a matrix, which K-means needs for its offset,
/// its tolerance scale and its check that squared distances fit float32. Computed once per matrix for every feature by <see cref="ColumnStatistics"/> (a fixed summation order, so
/// always the same bits), and kept beside the matrix for as long as it lives, so the fits of an elbow sweep over one
/// matrix pay for one pass.
/// </summary>
internal static class ColumnMoments
{
    private static readonly ConditionalWeakTable<FeatureMatrix, (double Mean, double Variance, double Range)[]> Cache = new();

    /// <summary>The mean, population variance and range of feature <paramref name="feature"/> of <paramref name="data"/>, in double; safe from several threads.</summary>
    public static (double Mean, double Variance, double Range) Of(FeatureMatrix data, int feature)
        => Cache.GetValue(data, Compute)[feature];

    private static (double Mean, double Variance, double Range)[] Compute(FeatureMatrix data)
    {
        var computed = new (double Mean, double Variance, double Range)[data.FeatureCount];
        for (int j = 0; j < computed.Length; j++)
        {
            ColumnStatistics statistics = ColumnStatistics.Of(data.Column(j));
            computed[j] = (statistics.Mean, statistics.Variance, statistics.Max - statistics.Min);
        }

        return computed;
    }
}
