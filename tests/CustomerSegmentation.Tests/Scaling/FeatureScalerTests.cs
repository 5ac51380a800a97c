using System.Text.Json;

using CustomerSegmentation.Data;
using CustomerSegmentation.Scaling;

namespace CustomerSegmentation.Tests.Scaling;

public sealed class FeatureScalerTests
{
    private static FeatureMatrix Column(params double[] values) => FeatureMatrix.FromColumns([values], ["x"]);

    [Fact]
    public void Standard_scaling_of_1_2_3_uses_the_population_standard_deviation()
    {
        FeatureScaler scaler = FeatureScaler.Fit(Column(1, 2, 3), FeatureScaling.Standard);

        double sd = Math.Sqrt(2.0 / 3.0);
        Assert.Equal(2.0, scaler.Offsets[0], 12);
        Assert.Equal(sd, scaler.Scales[0], 12);
        FeatureMatrix scaled = scaler.Transform(Column(1, 2, 3));
        Assert.Equal(-1.2247449f, scaled[0, 0], 6);
        Assert.Equal(0f, scaled[1, 0]);
        Assert.Equal(1.2247449f, scaled[2, 0], 6);
    }

    [Fact]
    public void LogStandard_takes_signed_logs_then_z_scores_and_maps_back_to_original_units()
    {
        double e = Math.E;
        FeatureScaler scaler = FeatureScaler.Fit(Column(0, e - 1, (e * e) - 1), FeatureScaling.LogStandard);

        // ln(1 + x) = 0, 1, 2 (to float32 storage): mean 1, population sd sqrt(2/3).
        Assert.Equal(1.0, scaler.Offsets[0], 7);
        Assert.Equal(Math.Sqrt(2.0 / 3.0), scaler.Scales[0], 7);
        FeatureMatrix scaled = scaler.Transform(Column(0, e - 1, (e * e) - 1));
        Assert.Equal(-1.2247449f, scaled[0, 0], 5);
        Assert.Equal(0f, scaled[1, 0], 5);
        Assert.Equal(1.2247449f, scaled[2, 0], 5);
        Assert.Equal(-(e - 1), scaler.InverseTransform(scaler.Transform([-(e - 1)]))[0], 12);
        Assert.Equal(e - 1, scaler.InverseTransform([0.0])[0], 6);
    }

    [Fact]
    public void MinMax_scaling_maps_the_range_onto_0_to_1()
    {
        FeatureScaler scaler = FeatureScaler.Fit(Column(2, 4, 10), FeatureScaling.MinMax);

        Assert.Equal(2.0, scaler.Offsets[0]);
        Assert.Equal(8.0, scaler.Scales[0]);
        Assert.Equal([0f, 0.25f, 1f], scaler.Transform(Column(2, 4, 10)).Column(0).ToArray());
        Assert.Equal([1.5], scaler.Transform([14.0]));
    }

    [Fact]
    public void None_leaves_values_unchanged()
    {
        FeatureScaler scaler = FeatureScaler.Fit(Column(-3.5, 7), FeatureScaling.None);

        Assert.Equal<double>([0.0], scaler.Offsets);
        Assert.Equal<double>([1.0], scaler.Scales);
        Assert.Equal([-3.5f, 7f], scaler.Transform(Column(-3.5, 7)).Column(0).ToArray());
    }

    [Theory]
    [InlineData("Standard")]
    [InlineData("MinMax")]
    [InlineData("LogStandard")]
    public void A_zero_variance_feature_is_reported_and_left_centred_not_divided_by_zero(string method)
    {
        FeatureMatrix data = FeatureMatrix.FromArray(new double[,] { { 0.1, 1 }, { 0.1, 2 }, { 0.1, 4 } }, ["flat", "varied"]);

        FeatureScaler scaler = FeatureScaler.Fit(data, FeatureScaling.Parse(method));

        Assert.Equal<string>(["flat"], scaler.ZeroVarianceFeatures);
        Assert.Equal(1.0, scaler.Scales[0]);
        Assert.Equal([0f, 0f, 0f], scaler.Transform(data).Column("flat").ToArray());
        Assert.Equal(0.1f, (float)scaler.InverseTransform([0.0, 0.0])[0]);
    }

    [Fact]
    public void Fitting_reports_no_zero_variance_when_every_feature_varies()
    {
        Assert.Empty(FeatureScaler.Fit(Column(1, 2), FeatureScaling.Standard).ZeroVarianceFeatures);
    }

    [Fact]
    public void Standardized_blobs_have_the_total_sum_of_squares_scikit_learn_reports_for_one_cluster()
    {
        // sklearn's inertia for K = 1 is the total sum of squares around the mean: N times the sum of the
        // population variances. Unscaled, that is sum_j N * scale_j^2; standardized, it is N * d exactly.
        CustomerTable table = CustomerCsv.Read(TestData.Fixture("blobs_2000x3.csv"), ["f1", "f2", "f3"]);
        using JsonDocument reference = JsonDocument.Parse(File.ReadAllText(TestData.Fixture("blobs_2000x3.sklearn.json")));
        double sklearnInertiaK1 = reference.RootElement.GetProperty("inertia_best_of_10_by_k").GetProperty("1").GetDouble();

        FeatureScaler scaler = FeatureScaler.Fit(table.Features, FeatureScaling.Standard);

        double totalSumOfSquares = scaler.Scales.Sum(s => table.RowCount * s * s);
        Assert.Equal(sklearnInertiaK1, totalSumOfSquares, sklearnInertiaK1 * 1e-6);
        Assert.Equal(table.RowCount * 3.0, SumOfSquares(scaler.Transform(table.Features)), 1e-2);
    }

    [MallDataFact]
    public void Standardized_mall_data_matches_scikit_learns_one_cluster_inertia()
    {
        CustomerTable table = CustomerCsv.Read(TestData.MallCustomersCsv()!, ["Age", "Annual Income (k$)", "Spending Score (1-100)"]);
        using JsonDocument reference = JsonDocument.Parse(File.ReadAllText(TestData.Fixture("mall_customers.sklearn.json")));
        double sklearnInertiaK1 = reference.RootElement.GetProperty("standardized").GetProperty("inertia_best_of_10_by_k").GetProperty("1").GetDouble();

        FeatureMatrix scaled = FeatureScaler.Fit(table.Features, FeatureScaling.Standard).Transform(table.Features);

        Assert.Equal(sklearnInertiaK1, SumOfSquares(scaled), 1e-3);
    }

    [Fact]
    public void Transform_rejects_data_with_other_features_naming_the_mismatch()
    {
        FeatureScaler scaler = FeatureScaler.Fit(FeatureMatrix.FromArray(new double[,] { { 1, 2 } }, ["Age", "Income"]), FeatureScaling.None);

        var swapped = Assert.Throws<ArgumentException>(() => scaler.Transform(FeatureMatrix.FromArray(new double[,] { { 1, 2 } }, ["Income", "Age"])));
        var fewer = Assert.Throws<ArgumentException>(() => scaler.Transform(Column(1)));

        Assert.Contains("feature 0 is 'Income' but the scaler expects 'Age'", swapped.Message, StringComparison.Ordinal);
        Assert.Equal("data", swapped.ParamName);
        Assert.Contains("feature 0 is 'x' but the scaler expects 'Age'", fewer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transform_accepts_the_same_names_in_another_case()
    {
        FeatureScaler scaler = FeatureScaler.Fit(FeatureMatrix.FromColumns([new[] { 1.0, 3.0 }], ["Age"]), FeatureScaling.MinMax);

        Assert.Equal([0.5f], scaler.Transform(FeatureMatrix.FromColumns([new[] { 2.0 }], ["AGE"])).Column(0).ToArray());
    }

    [Fact]
    public void Row_transforms_reject_a_wrong_length_or_a_non_finite_value()
    {
        FeatureScaler scaler = FeatureScaler.Fit(Column(1, 2), FeatureScaling.Standard);

        var length = Assert.Throws<ArgumentException>(() => scaler.Transform([1.0, 2.0]));
        var nan = Assert.Throws<ArgumentException>(() => scaler.InverseTransform([double.NaN]));

        Assert.StartsWith("The row has 2 values but the scaler has 1 features (x)", length.Message, StringComparison.Ordinal);
        Assert.StartsWith("Feature 'x' is NaN; values must be finite", nan.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transform_reports_a_value_that_overflows_float32()
    {
        FeatureScaler scaler = FeatureScaler.FromParameters(FeatureScaling.Standard, ["x"], [0.0], [1e-30]);

        var error = Assert.Throws<ArgumentException>(() => scaler.Transform(Column(1e10)));

        Assert.Contains("Row 0, feature 'x'", error.Message, StringComparison.Ordinal);
        Assert.Contains("beyond the float32 range", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 0.0 }, new[] { 1.0, 1.0 }, "offsets", "There are 2 feature names but 1 offsets and 2 scales")]
    [InlineData(new[] { 0.0, 0.0 }, new[] { 1.0, 1.0, 1.0 }, "scales", "There are 2 feature names but 2 offsets and 3 scales")]
    [InlineData(new[] { double.NaN, 0.0 }, new[] { 1.0, 1.0 }, "offsets", "The offset of feature 'a' is NaN; offsets must be finite")]
    [InlineData(new[] { 0.0, 0.0 }, new[] { 1.0, 0.0 }, "scales", "The scale of feature 'b' is 0; scales must be finite and greater than zero")]
    [InlineData(new[] { 0.0, 0.0 }, new[] { -2.0, 1.0 }, "scales", "The scale of feature 'a' is -2;")]
    [InlineData(new[] { 0.0, 0.0 }, new[] { double.PositiveInfinity, 1.0 }, "scales", "The scale of feature 'a' is Infinity;")]
    public void From_parameters_rejects_bad_parameters_naming_the_feature_and_value(double[] offsets, double[] scales, string parameter, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => FeatureScaler.FromParameters(FeatureScaling.Standard, ["a", "b"], offsets, scales));

        Assert.Equal(parameter, error.ParamName);
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_parameters_rejects_offsets_or_scales_that_contradict_None()
    {
        var error = Assert.Throws<ArgumentException>(() => FeatureScaler.FromParameters(FeatureScaling.None, ["a"], [5.0], [1.0]));

        Assert.Contains("Feature 'a' has offset 5 and scale 1, but method None means offset 0 and scale 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_parameters_rejects_an_unknown_zero_variance_feature_and_bad_names()
    {
        var unknown = Assert.Throws<ArgumentException>(() => FeatureScaler.FromParameters(FeatureScaling.MinMax, ["a"], [0.0], [1.0], ["b"]));
        var duplicate = Assert.Throws<ArgumentException>(() => FeatureScaler.FromParameters(FeatureScaling.MinMax, ["a", "A"], [0.0, 0.0], [1.0, 1.0]));

        Assert.StartsWith("The zero-variance feature 'b' is not one of the features (a)", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("Feature name 'A' appears twice", duplicate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_method_is_rejected()
    {
        var fit = Assert.Throws<ArgumentNullException>(() => FeatureScaler.Fit(Column(1), null!));
        var rebuild = Assert.Throws<ArgumentNullException>(() => FeatureScaler.FromParameters(null!, ["a"], [0.0], [1.0]));

        Assert.Equal("method", fit.ParamName);
        Assert.Equal("method", rebuild.ParamName);
    }

    private static double SumOfSquares(FeatureMatrix data)
    {
        double sum = 0;
        for (int j = 0; j < data.FeatureCount; j++)
        {
            foreach (float v in data.Column(j))
            {
                sum += (double)v * v;
            }
        }

        return sum;
    }
}
