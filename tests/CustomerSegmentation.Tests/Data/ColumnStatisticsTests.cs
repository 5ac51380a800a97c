using CustomerSegmentation.Data;

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

using MathNet.Numerics.Statistics;

namespace CustomerSegmentation.Tests.Data;

public static class ColumnGenerators
{
    /// <summary>1 to 41 values (every tail length of the four-way loop) from integers, magnitudes 1e-3 to 1e5.</summary>
    public static Arbitrary<double[]> Columns()
    {
        Gen<double[]> gen =
            from n in Gen.Choose(1, 41)
            from exponent in Gen.Choose(-3, 5)
            from centre in Gen.Choose(-1000, 1000)
            from ints in Gen.Choose(-1000, 1000).ArrayOf(n)
            select ints.Select(k => (centre + k) * Math.Pow(10, exponent)).ToArray();
        return Arb.From(gen);
    }
}

public sealed class ColumnStatisticsTests
{
    [Fact]
    public void Hand_computed_statistics_use_the_population_variance()
    {
        // 1, 2, 3, 4, 10: mean 4, squared deviations 9 + 4 + 1 + 0 + 36 = 50, population variance 50 / 5 = 10.
        ColumnStatistics stats = ColumnStatistics.Of([1f, 2f, 3f, 4f, 10f]);

        Assert.Equal(new ColumnStatistics(5, 4, 10, 1, 10), stats);
        Assert.Equal(Math.Sqrt(10), stats.StandardDeviation);
        Assert.False(stats.IsConstant);
    }

    [Fact]
    public void One_value_has_variance_0_and_an_empty_column_has_no_statistics()
    {
        ColumnStatistics one = ColumnStatistics.Of([7.5]);
        ColumnStatistics none = ColumnStatistics.Of(ReadOnlySpan<double>.Empty);

        Assert.Equal(new ColumnStatistics(1, 7.5, 0, 7.5, 7.5), one);
        Assert.True(one.IsConstant);
        Assert.Equal(0, none.Count);
        Assert.True(double.IsNaN(none.Mean) && double.IsNaN(none.Variance) && double.IsNaN(none.Min) && double.IsNaN(none.Max));
        Assert.False(none.IsConstant);
    }

    [Fact]
    public void A_constant_column_has_exactly_its_value_as_mean_and_variance_0()
    {
        float[] values = Enumerable.Repeat(0.1f, 1003).ToArray();

        ColumnStatistics stats = ColumnStatistics.Of(values);

        Assert.Equal((double)0.1f, stats.Mean);
        Assert.Equal(0, stats.Variance);
        Assert.True(stats.IsConstant);
    }

    [Property(Arbitrary = [typeof(ColumnGenerators)], MaxTest = 200)]
    public void Statistics_agree_with_MathNet_population_statistics_for_doubles_and_floats(double[] values)
    {
        float[] floats = Array.ConvertAll(values, v => (float)v);
        double[] widened = Array.ConvertAll(floats, f => (double)f);
        double scale = values.Max(Math.Abs) + 1e-300;

        foreach ((ColumnStatistics stats, double[] reference) in new[] { (ColumnStatistics.Of(values), values), (ColumnStatistics.Of(floats), widened) })
        {
            Assert.Equal(reference.Length, stats.Count);
            Assert.Equal(ArrayStatistics.Mean(reference), stats.Mean, scale * 1e-13);
            Assert.Equal(ArrayStatistics.PopulationVariance(reference), stats.Variance, scale * scale * 1e-12);
            Assert.Equal(reference.Min(), stats.Min);
            Assert.Equal(reference.Max(), stats.Max);
        }
    }
}
