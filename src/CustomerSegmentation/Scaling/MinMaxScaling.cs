using CustomerSegmentation.Data;

namespace CustomerSegmentation.Scaling;

/// <summary>The observed minimum maps to 0 and the maximum to 1; a constant column maps to 0.</summary>
internal sealed class MinMaxScaling : FeatureScaling
{
    public override string Name => "MinMax";

    internal override (double Offset, double Scale) Fit(ColumnStatistics column)
        => (column.Min, column.IsConstant ? 1.0 : column.Max - column.Min);
}
