using CustomerSegmentation.Data;
using CustomerSegmentation.Scaling;

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

using MathNet.Numerics.Statistics;

namespace CustomerSegmentation.Tests.Scaling;

/// <summary>A random data set (2 to 40 rows, 1 to 4 features) with values built from integers, and a scaling method.</summary>
public sealed record ScalingCase(FeatureMatrix Data, FeatureScaling Method)
{
    public override string ToString()
        => $"{Method} on {Data.RowCount}x{Data.FeatureCount}: [{string.Join("; ", Enumerable.Range(0, Data.FeatureCount).Select(j => string.Join(" ", Data.Column(j).ToArray())))}]";
}

public static class ScalingGenerators
{
    /// <summary>
    /// A feature of <paramref name="n"/> values with its own magnitude (1e-2 .. 1e4) and centre, and sometimes only one
    /// distinct value.
    /// </summary>
    internal static Gen<double[]> Column(int n) =>
        from exponent in Gen.Choose(-2, 4)
        from centre in Gen.Choose(-1000, 1000)
        from distinct in Gen.Choose(1, 6)
        from ints in Gen.Choose(-1000, 1000).ArrayOf(n)
        select ints.Select(k => (centre + (distinct == 1 ? 0 : k)) * Math.Pow(10, exponent)).ToArray();

    public static Arbitrary<ScalingCase> Cases()
    {
        Gen<ScalingCase> gen =
            from n in Gen.Choose(2, 40)
            from d in Gen.Choose(1, 4)
            from columns in Column(n).ArrayOf(d)
            from method in Gen.Elements(FeatureScaling.All.ToArray())
            select new ScalingCase(FeatureMatrix.FromColumns([.. columns], [.. Enumerable.Range(0, d).Select(j => $"f{j}")]), method);
        return Arb.From(gen);
    }
}

public sealed class FeatureScalerProperties
{
    [Property(Arbitrary = [typeof(ScalingGenerators)], MaxTest = 200)]
    public void Inverse_transform_undoes_transform(ScalingCase c)
    {
        FeatureScaler scaler = FeatureScaler.Fit(c.Data, c.Method);

        for (int i = 0; i < c.Data.RowCount; i++)
        {
            double[] row = c.Data.GetRow(i);
            double[] back = scaler.InverseTransform(scaler.Transform(row));
            for (int j = 0; j < row.Length; j++)
            {
                // Rounding is relative to the column's magnitude (offset and scale), not to this value: 0 in a column
                // spanning 1e7 comes back within about 1e-9, not exactly.
                double magnitude = Math.Abs(row[j]) + Math.Abs(scaler.Offsets[j]) + scaler.Scales[j];
                Assert.Equal(row[j], back[j], (magnitude * 1e-12) + 1e-9);
            }
        }
    }

    [Property(Arbitrary = [typeof(ScalingGenerators)], MaxTest = 200)]
    public void Standardized_columns_have_mean_0_and_population_std_1_unless_constant(ScalingCase c)
    {
        FeatureScaler scaler = FeatureScaler.Fit(c.Data, FeatureScaling.Standard);
        FeatureMatrix scaled = scaler.Transform(c.Data);

        for (int j = 0; j < scaled.FeatureCount; j++)
        {
            float[] column = scaled.Column(j).ToArray();
            bool constant = c.Data.Column(j).ToArray().Distinct().Count() == 1;
            Assert.Equal(constant, scaler.ZeroVarianceFeatures.Contains(c.Data.FeatureNames[j]));
            Assert.Equal(0.0, ArrayStatistics.Mean(column), 1e-5);
            Assert.Equal(constant ? 0.0 : 1.0, ArrayStatistics.PopulationStandardDeviation(column), 1e-5);
        }
    }

    [Property(Arbitrary = [typeof(ScalingGenerators)], MaxTest = 200)]
    public void MinMax_columns_lie_in_0_to_1_and_reach_both_ends_unless_constant(ScalingCase c)
    {
        FeatureScaler scaler = FeatureScaler.Fit(c.Data, FeatureScaling.MinMax);
        FeatureMatrix scaled = scaler.Transform(c.Data);

        for (int j = 0; j < scaled.FeatureCount; j++)
        {
            float[] column = scaled.Column(j).ToArray();
            bool constant = scaler.ZeroVarianceFeatures.Contains(c.Data.FeatureNames[j]);
            Assert.All(column, v => Assert.InRange(v, 0f, 1f));
            Assert.Equal(0f, column.Min());
            Assert.Equal(constant ? 0f : 1f, column.Max());
        }
    }

    [Property(Arbitrary = [typeof(ScalingGenerators)], MaxTest = 100)]
    public void A_scaler_rebuilt_from_its_parameters_scales_identically(ScalingCase c)
    {
        FeatureScaler fitted = FeatureScaler.Fit(c.Data, c.Method);

        FeatureScaler rebuilt = FeatureScaler.FromParameters(fitted.Method, fitted.FeatureNames, fitted.Offsets, fitted.Scales, fitted.ZeroVarianceFeatures);

        Assert.Equal(fitted.Method, rebuilt.Method);
        Assert.Equal<string>(fitted.ZeroVarianceFeatures, rebuilt.ZeroVarianceFeatures);
        FeatureMatrix a = fitted.Transform(c.Data);
        FeatureMatrix b = rebuilt.Transform(c.Data);
        for (int j = 0; j < a.FeatureCount; j++)
        {
            Assert.Equal(a.Column(j).ToArray(), b.Column(j).ToArray());
        }
    }

    [Property(Arbitrary = [typeof(ScalingGenerators)], MaxTest = 100)]
    public void Scaling_does_not_depend_on_the_order_of_the_rows(ScalingCase c)
    {
        int[] reversed = [.. Enumerable.Range(0, c.Data.RowCount).Reverse()];

        FeatureScaler forward = FeatureScaler.Fit(c.Data, c.Method);
        FeatureScaler backward = FeatureScaler.Fit(c.Data.SelectRows(reversed), c.Method);

        for (int j = 0; j < c.Data.FeatureCount; j++)
        {
            Assert.Equal(forward.Offsets[j], backward.Offsets[j], Math.Abs(forward.Offsets[j]) * 1e-12 + 1e-12);
            Assert.Equal(forward.Scales[j], backward.Scales[j], forward.Scales[j] * 1e-12);
        }
    }
}
