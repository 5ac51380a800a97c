using CustomerSegmentation.Data;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Profiling;

namespace CustomerSegmentation.Tests.Profiling;

public sealed class SegmentProfileTests
{
    /// <summary>Two obvious groups: three young low earners (two women), two older high earners (men).</summary>
    private static SegmentationResult TwoGroups()
    {
        FeatureMatrix features = FeatureMatrix.FromRows(
            [[20, 10], [22, 12], [24, 14], [60, 90], [64, 100]],
            ["Age", "Annual Income (k$)"]);
        var table = CustomerTable.FromFeatures(
            features,
            ["a", "b", "c", "d", "e"],
            new Dictionary<string, IReadOnlyList<string>> { ["Genre"] = ["Female", "Female", "Male", "Male", "Male"] });
        return SegmentationPipeline.FromTable(table).WithK(2).Run();
    }

    [Fact]
    public void Hand_computed_profile_of_the_larger_segment()
    {
        SegmentProfile young = TwoGroups().Segment(1);

        Assert.Equal(3, young.Size);
        Assert.Equal(0.6, young.Share, 12);
        FeatureProfile age = young["age"];
        Assert.Equal(22, age.Mean, 5);
        Assert.Equal(22, age.Median, 5);
        // Population SD of 20, 22, 24: sqrt((4 + 0 + 4) / 3).
        Assert.Equal(Math.Sqrt(8.0 / 3), age.StandardDeviation, 5);
        Assert.Equal(20, age.Min);
        Assert.Equal(24, age.Max);
        Assert.Equal(21, age.LowerQuartile, 5);
        Assert.Equal(23, age.UpperQuartile, 5);
        Assert.Equal(22, age.Centre, 4);

        // All ages: mean 38, population SD sqrt(((18^2)+(16^2)+(14^2)+(22^2)+(26^2))/5) = sqrt(387.2).
        Assert.Equal((22 - 38) / Math.Sqrt(387.2), age.ZScore, 9);
        Assert.Equal("Younger · Low income", young.Label);

        CategoryShare female = young.Categories["Genre"][0];
        Assert.Equal(("Female", 2), (female.Value, female.Count));
        Assert.Equal(2.0 / 3, female.Share, 12);
    }

    [Fact]
    public void Segments_are_numbered_by_size_largest_first_and_labels_are_unique()
    {
        SegmentationResult result = TwoGroups();

        Assert.Equal([1, 2], result.Profiles.Select(p => p.Id));
        Assert.Equal([3, 2], result.Profiles.Select(p => p.Size));
        Assert.Equal("Older · High income", result.Segment(2).Label);
        Assert.Equal(result.Profiles.Length, result.Profiles.Select(p => p.Label).Distinct().Count());
    }

    [Fact]
    public void A_segments_standard_deviation_and_z_score_use_population_standard_deviations()
    {
        // Values 1, 3 | 5, 7. All: mean 4, population SD sqrt((9 + 1 + 1 + 9) / 4) = sqrt(5).
        // Segment 1 (cluster 0): mean 2, population SD sqrt((1 + 1) / 2) = 1, z = (2 - 4) / sqrt(5).
        var table = CustomerTable.FromFeatures(FeatureMatrix.FromColumns([new[] { 1.0, 3, 5, 7 }], ["x"]));

        var profiles = SegmentProfiler.Profile(table, [0, 0, 1, 1], [[2.0], [6.0]], []);

        FeatureProfile low = profiles[0]["x"];
        FeatureProfile high = profiles[1]["x"];
        Assert.Equal((2.0, 1.0), (low.Mean, low.StandardDeviation));
        Assert.Equal(-2 / Math.Sqrt(5), low.ZScore, 12);
        Assert.Equal((6.0, 1.0), (high.Mean, high.StandardDeviation));
        Assert.Equal(2 / Math.Sqrt(5), high.ZScore, 12);
    }

    [Fact]
    public void A_one_customer_segment_has_standard_deviation_0_and_a_constant_feature_z_score_0()
    {
        var table = CustomerTable.FromFeatures(FeatureMatrix.FromArray(new double[,] { { 5, 1 }, { 5, 2 }, { 5, 9 } }, ["flat", "x"]));

        var profiles = SegmentProfiler.Profile(table, [0, 0, 1], [[5.0, 1.5], [5.0, 9.0]], []);

        Assert.Equal(0, profiles[1]["x"].StandardDeviation);
        Assert.Equal(0.5, profiles[0]["x"].StandardDeviation, 12);
        Assert.All(profiles, p => Assert.Equal(0, p["flat"].ZScore));
    }

    [Theory]
    [InlineData("Annual Income (k$)", "income")]
    [InlineData("Spending Score (1-100)", "spending")]
    [InlineData("Age", "age")]
    [InlineData("total_orders", "orders")]
    [InlineData("Score", "score")]
    [InlineData("annual_income_k", "income")]
    [InlineData("annual_income_thousands", "income")]
    [InlineData("annualIncomeK", "income")]
    [InlineData("spendingScore", "spending")]
    [InlineData("age_years", "age")]
    [InlineData("customer-age", "customer age")]
    [InlineData("days_since_last_order", "days since last order")]
    [InlineData("k", "k")]
    public void Feature_names_shorten_to_a_readable_word(string feature, string word)
        => Assert.Equal(word, SegmentLabels.ShortName(feature));

    [Fact]
    public void Segments_alike_on_their_top_features_get_more_detail_until_they_differ()
    {
        string[] labels = SegmentLabels.Create(["Age", "Income", "Score"], [[1.0, 1.0, 0.6], [1.0, 1.0, -0.6]], [1, 2]);

        Assert.Equal("Older · High income · High score", labels[0]);
        Assert.Equal("Older · High income · Low score", labels[1]);
    }

    [Fact]
    public void Indistinguishable_segments_are_numbered()
    {
        string[] labels = SegmentLabels.Create(["Age"], [[0.1], [0.1]], [1, 2]);

        Assert.Equal(["Average age (segment 1)", "Average age (segment 2)"], labels);
    }

    [Fact]
    public void Unknown_feature_names_the_features_that_exist()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => TwoGroups().Segment(1)["Score"]);
        Assert.Contains("no feature 'Score'", error.Message);
        Assert.Contains("Age, Annual Income (k$)", error.Message);
    }
}
