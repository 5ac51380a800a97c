using CustomerSegmentation.Data;

namespace CustomerSegmentation.Scaling;

/// <summary>The signed log sign(x)·ln(1 + |x|), then z-scores of the logs; the inverse is sign(y)·(e^|y| - 1).</summary>
internal sealed class LogStandardScaling : FeatureScaling
{
    public override string Name => "LogStandard";

    internal override ColumnStatistics Measure(ReadOnlySpan<float> column)
    {
        var logs = new double[column.Length];
        for (int i = 0; i < logs.Length; i++)
        {
            logs[i] = Forward(column[i]);
        }

        return ColumnStatistics.Of(logs);
    }

    internal override (double Offset, double Scale) Fit(ColumnStatistics column) => StandardScaling.ZScores(column);

    internal override double Forward(double value) => Math.CopySign(double.LogP1(Math.Abs(value)), value);

    internal override double Backward(double value) => Math.CopySign(double.ExpM1(Math.Abs(value)), value);
}
