using System.Collections.Immutable;

using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Plotly.Tests;

/// <summary>Every option of <see cref="SegmentReportOptions"/> that is rejected, with its type and a message naming the problem.</summary>
public sealed class SegmentReportOptionsTests
{
    [Fact]
    public void The_defaults_are_the_title_no_renaming_default_plot_options_and_embedded_plotly_js()
    {
        var options = new SegmentReportOptions();
        Assert.Equal("Customer segmentation report", options.Title);
        Assert.Empty(options.SegmentNames);
        Assert.Empty(options.FeatureDisplayNames);
        Assert.Equal(SegmentPlotOptions.DefaultMaxPoints, options.Plot.MaxPoints);
        Assert.Same(PlotlyScript.Embedded, options.Plotly);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void A_blank_title_is_rejected(string? title)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new SegmentReportOptions { Title = title! });
        Assert.Equal("Title", e.ParamName);
    }

    [Fact]
    public void A_segment_number_below_1_is_rejected_naming_it()
    {
        var e = Assert.Throws<ArgumentException>(() => new SegmentReportOptions { SegmentNames = Names((0, "Zero")) });
        Assert.Equal("SegmentNames", e.ParamName);
        Assert.Contains("names segment 0, but segments are numbered from 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_segment_name_is_rejected_naming_the_segment()
    {
        var e = Assert.Throws<ArgumentException>(() => new SegmentReportOptions { SegmentNames = Names((2, " ")) });
        Assert.Equal("SegmentNames", e.ParamName);
        Assert.Contains("gives segment 2 a blank name", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_dictionaries_plot_options_and_plotly_script_are_rejected_naming_the_option()
    {
        Assert.Equal("SegmentNames", Assert.Throws<ArgumentNullException>(() => new SegmentReportOptions { SegmentNames = null! }).ParamName);
        Assert.Equal("FeatureDisplayNames", Assert.Throws<ArgumentNullException>(() => new SegmentReportOptions { FeatureDisplayNames = null! }).ParamName);
        Assert.Equal("Plot", Assert.Throws<ArgumentNullException>(() => new SegmentReportOptions { Plot = null! }).ParamName);
        Assert.Equal("Plotly", Assert.Throws<ArgumentNullException>(() => new SegmentReportOptions { Plotly = null! }).ParamName);
    }

    [Fact]
    public void A_blank_display_name_is_rejected_naming_the_feature()
    {
        var e = Assert.Throws<ArgumentException>(() => new SegmentReportOptions { FeatureDisplayNames = Display(("Age", "")) });
        Assert.Equal("FeatureDisplayNames", e.ParamName);
        Assert.Contains("maps 'Age' to ''; neither may be blank", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_features_with_the_same_display_name_are_rejected_naming_both()
    {
        var e = Assert.Throws<ArgumentException>(() => new SegmentReportOptions { FeatureDisplayNames = Display(("Age", "Years"), ("Tenure", "years")) });
        Assert.Equal("FeatureDisplayNames", e.ParamName);
        Assert.Contains("gives 'Age' and 'Tenure' the same display name", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_segment_the_result_does_not_have_is_rejected_by_to_report_with_the_range()
    {
        SegmentationResult result = SegmentationReportsTests.Segmented(300);

        var e = Assert.Throws<ArgumentException>(() => result.ToReport(new SegmentReportOptions { SegmentNames = Names((result.K + 1, "Ghosts")) }));
        Assert.Equal("options", e.ParamName);
        Assert.Contains($"names segment {result.K + 1}, but the segmentation has segments 1..{result.K}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_feature_the_data_does_not_have_is_rejected_by_to_report_listing_the_columns()
    {
        SegmentationResult result = SegmentationReportsTests.Segmented(300);

        var e = Assert.Throws<ArgumentException>(() => result.ToReport(new SegmentReportOptions { FeatureDisplayNames = Display(("Income", "Money")) }));
        Assert.Equal("options", e.ParamName);
        Assert.Contains("names 'Income', which is not a feature or column of the data", e.Message, StringComparison.Ordinal);
        Assert.Contains("'Annual Income (k$)'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'Genre'", e.Message, StringComparison.Ordinal);
    }

    internal static ImmutableDictionary<int, string> Names(params (int Segment, string Name)[] names)
        => names.ToImmutableDictionary(n => n.Segment, n => n.Name);

    internal static ImmutableDictionary<string, string> Display(params (string Feature, string Name)[] names)
        => names.ToImmutableDictionary(n => n.Feature, n => n.Name);
}
