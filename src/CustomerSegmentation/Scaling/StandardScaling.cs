using CustomerSegmentation.Data;

namespace CustomerSegmentation.Scaling;

/// <summary>Z-scores: offset the mean, scale the population standard deviation; a constant column is only centred.</summary>
internal sealed class StandardScaling : FeatureScaling
{
    public override string Name => "Standard";

    /// <summary>The z-score fit, shared with <see cref="LogStandardScaling"/>.</summary>
    internal static (double Offset, double Scale) ZScores(ColumnStatistics column)
        => column.IsConstant ? (column.Min, 1.0) : (column.Mean, column.StandardDeviation);

    internal override (double Offset, double Scale) Fit(ColumnStatistics column) => ZScores(column);
}
