using CustomerSegmentation.Data;

namespace CustomerSegmentation.Plotly.Tests;

public sealed class InputValidationTests
{
    private static readonly FeatureMatrix Three = FeatureMatrix.FromRows([[1, 2, 3], [4, 5, 6], [7, 8, 9]], ["a", "b", "c"]);
    private static readonly double[][] TwoCentres = [[1, 2, 3], [5, 6, 7]];

    [Fact]
    public void Labels_of_the_wrong_length_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new SegmentPlotData(Three, [0, 1], ["x", "y"], ["1", "2", "3"], TwoCentres));
        Assert.Equal("labels", e.ParamName);
        Assert.Contains("2 labels but 3 rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_outside_the_segments_is_rejected_naming_the_row()
    {
        var e = Assert.Throws<ArgumentException>(() => new SegmentPlotData(Three, [0, 2, 1], ["x", "y"], ["1", "2", "3"], TwoCentres));
        Assert.Contains("Row 1 has label 2, but there are 2 segments", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Customer_ids_of_the_wrong_length_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new SegmentPlotData(Three, [0, 1, 1], ["x", "y"], ["1"], TwoCentres));
        Assert.Equal("customerIds", e.ParamName);
        Assert.Contains("1 customer ids but 3 rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Centroids_must_be_one_per_segment_with_one_finite_value_per_feature()
    {
        Assert.Contains(
            "1 centroids but 2 segments",
            Assert.Throws<ArgumentException>(() => new SegmentPlotData(Three, [0, 1, 1], ["x", "y"], ["1", "2", "3"], [[1, 2, 3]])).Message,
            StringComparison.Ordinal);
        Assert.Contains(
            "segment 1 ('y') has 2 values but there are 3 features",
            Assert.Throws<ArgumentException>(() => new SegmentPlotData(Three, [0, 1, 1], ["x", "y"], ["1", "2", "3"], [[1, 2, 3], [1, 2]])).Message,
            StringComparison.Ordinal);
        Assert.Contains(
            "value NaN for feature 'b'",
            Assert.Throws<ArgumentException>(() => new SegmentPlotData(Three, [0, 1, 1], ["x", "y"], ["1", "2", "3"], [[1, 2, 3], [1, double.NaN, 3]])).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void One_or_two_features_are_plotted_and_centroids_must_still_match_them()
    {
        FeatureMatrix two = FeatureMatrix.FromRows([[1, 2], [3, 4]], ["Age", "Income"]);
        Assert.Equal(2, new SegmentPlotData(two, [0, 0], ["x"], ["1", "2"], [[1, 2]]).Features.FeatureCount);
        var e = Assert.Throws<ArgumentException>(() => new SegmentPlotData(two, [0, 0], ["x"], ["1", "2"], [[1, 2, 3]]));
        Assert.Equal("centroids", e.ParamName);
        Assert.Contains("has 3 values but there are 2 features", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_segment_name_and_a_short_hover_column_are_rejected()
    {
        Assert.Contains(
            "Segment 1 has a blank name",
            Assert.Throws<ArgumentException>(() => new SegmentPlotData(Three, [0, 1, 1], ["x", " "], ["1", "2", "3"], TwoCentres)).Message,
            StringComparison.Ordinal);
        Assert.Contains(
            "Hover column 'Genre' has 2 values but there are 3 rows",
            Assert.Throws<ArgumentException>(() => new SegmentPlotData(Three, [0, 1, 1], ["x", "y"], ["1", "2", "3"], TwoCentres, [new HoverColumn("Genre", ["F", "M"])])).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Plot_options_reject_a_wrong_number_of_features_and_a_point_limit_below_one()
    {
        var features = Assert.Throws<ArgumentException>(() => new SegmentPlotOptions { Features = ["a", "b", "c", "d"] });
        Assert.Equal("Features", features.ParamName);
        Assert.Contains("one to three distinct, non-blank features", features.Message, StringComparison.Ordinal);
        Assert.Contains(
            "one to three distinct, non-blank features",
            Assert.Throws<ArgumentException>(() => new SegmentPlotOptions { Features = ["a", "A", "b"] }).Message,
            StringComparison.Ordinal);
        var maxPoints = Assert.Throws<ArgumentOutOfRangeException>(() => new SegmentPlotOptions { MaxPoints = 0 });
        Assert.Equal("MaxPoints", maxPoints.ParamName);
        Assert.Equal(5000, new SegmentPlotOptions().MaxPoints);
    }

    [Fact]
    public void An_elbow_curve_rejects_unordered_K_mismatched_lengths_bad_inertia_and_an_untried_chosen_K()
    {
        Assert.Contains(
            "position 2 holds 3 after 4",
            Assert.Throws<ArgumentException>(() => new ElbowCurveData([1, 4, 3], [3, 2, 1], 3)).Message,
            StringComparison.Ordinal);
        Assert.Contains(
            "2 inertias but 3 K values",
            Assert.Throws<ArgumentException>(() => new ElbowCurveData([1, 2, 3], [3, 2], 2)).Message,
            StringComparison.Ordinal);
        Assert.Contains(
            "inertia for K = 2 is -1",
            Assert.Throws<ArgumentException>(() => new ElbowCurveData([1, 2], [3, -1], 2)).Message,
            StringComparison.Ordinal);
        var chosen = Assert.Throws<ArgumentException>(() => new ElbowCurveData([1, 2, 3], [3, 2, 1], 5));
        Assert.Equal("chosenK", chosen.ParamName);
        Assert.Contains("chosen K = 5 is not among the tried K values (1, 2, 3)", chosen.Message, StringComparison.Ordinal);
        Assert.Contains(
            "2 silhouette scores but 3 K values",
            Assert.Throws<ArgumentException>(() => new ElbowCurveData([1, 2, 3], [3, 2, 1], 2, silhouette: [null, 0.5])).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_table_row_with_the_wrong_number_of_cells_is_rejected_naming_the_row()
    {
        var e = Assert.Throws<ArgumentException>(() => new ProfileTableData(["Segment", "Size"], [["a", "1"], ["b"]]));
        Assert.Equal("rows", e.ParamName);
        Assert.Contains("Row 1 has 1 cells but there are 2 columns", e.Message, StringComparison.Ordinal);
    }
}
