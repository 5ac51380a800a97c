using CustomerSegmentation.Data;

using MathNet.Numerics.Statistics;

namespace CustomerSegmentation.Plotly;

/// <summary>Each feature's mean and population standard deviation over every row, in original units.</summary>
internal sealed class FeatureSummary
{
    private FeatureSummary(double[] means, double[] standardDeviations)
    {
        Means = means;
        StandardDeviations = standardDeviations;
    }

    /// <summary>The mean of each feature.</summary>
    public IReadOnlyList<double> Means { get; }

    /// <summary>The population standard deviation of each feature (0 for a constant feature).</summary>
    public IReadOnlyList<double> StandardDeviations { get; }

    /// <summary>The means and standard deviations of every feature of <paramref name="features"/>.</summary>
    public static FeatureSummary Of(FeatureMatrix features)
    {
        int d = features.FeatureCount;
        var means = new double[d];
        var sds = new double[d];
        for (int j = 0; j < d; j++)
        {
            float[] column = features.Column(j).ToArray();
            means[j] = column.Mean();
            sds[j] = column.PopulationStandardDeviation();
        }

        return new FeatureSummary(means, sds);
    }

    /// <summary>(value - mean) / sd of feature <paramref name="feature"/>, or 0 when the feature is constant.</summary>
    public double ZScore(int feature, double value)
        => StandardDeviations[feature] > 0 ? (value - Means[feature]) / StandardDeviations[feature] : 0;
}
