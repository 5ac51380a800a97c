using System.Text.Json;

using CustomerSegmentation.Data;
using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Plotly.Tests;

/// <summary>The customers plot adapts to the number of features: strip plot, 2D, 3D, or 3D with a choice of axes.</summary>
public sealed class CustomersPlotTests
{
    [Theory]
    [InlineData(1, "box")]
    [InlineData(2, "scatter")]
    [InlineData(3, "scatter3d")]
    [InlineData(8, "scatter3d")]
    public void The_plot_kind_follows_the_number_of_features_with_the_centres_last(int features, string kind)
    {
        SegmentationResult result = FeatureCountSegmentation.Result(features);
        ChartJson chart = ChartJson.Of(SegmentCharts.Customers(result));

        Assert.Equal(result.K + 1, chart.Traces.Length);
        Assert.All(chart.Traces[..^1], t => Assert.Equal(kind, t.GetProperty("type").GetString()));
        Assert.Equal(kind == "scatter3d" ? "scatter3d" : "scatter", chart.Traces[^1].GetProperty("type").GetString());
        Assert.Equal(SegmentCharts.CentresTraceName, chart.Traces[^1].GetProperty("name").GetString());
        Assert.Equal(result.Customers.RowCount, chart.Traces[..^1].Sum(t => t.GetProperty("x").GetArrayLength()));
        Assert.Equal(features > 1, chart.Traces[0].TryGetProperty("y", out _));
        Assert.Equal(kind == "scatter3d", chart.Traces[0].TryGetProperty("z", out _));
        Assert.Equal(kind == "scatter3d", chart.Layout.TryGetProperty("scene", out _));
        Assert.Equal(features == 8, chart.Layout.TryGetProperty("updatemenus", out _));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void Hover_shows_only_the_formatted_text_legend_markers_are_one_size_and_the_chart_fits_its_container(int features)
    {
        SegmentationResult result = FeatureCountSegmentation.Result(features);
        ChartJson chart = ChartJson.Of(SegmentCharts.Customers(result));

        Assert.All(chart.Traces, t => Assert.Equal("%{text}<extra></extra>", t.GetProperty("hovertemplate").GetString()));
        Assert.All(chart.Traces, t => Assert.Equal(t.GetProperty("x").GetArrayLength(), t.GetProperty("text").GetArrayLength()));
        Assert.Equal("constant", chart.Layout.GetProperty("legend").GetProperty("itemsizing").GetString());
        Assert.True(chart.Layout.GetProperty("autosize").GetBoolean());
        string layout = ChartHtml.ScriptSafeJson(global::Plotly.NET.GenericChart.getLayout(SegmentCharts.Customers(result)));
        Assert.False(JsonDocument.Parse(layout).RootElement.TryGetProperty("width", out _), "a fixed width would cut the chart in a narrow card");
        string config = ChartHtml.ScriptSafeJson(global::Plotly.NET.GenericChart.getConfig(SegmentCharts.Customers(result)));
        Assert.True(JsonDocument.Parse(config).RootElement.GetProperty("responsive").GetBoolean(), config);
    }

    [Fact]
    public void Centres_are_open_diamonds_drawn_last_at_the_model_s_centres()
    {
        SegmentationResult result = FeatureCountSegmentation.Result(2);
        JsonElement centres = ChartJson.Of(SegmentCharts.Customers(result)).Traces[^1];

        Assert.Equal("diamond-open", centres.GetProperty("marker").GetProperty("symbol").GetString());
        Assert.Equal(result.Model.Segments.Select(s => s.Centre[0]), ChartJson.Numbers(centres.GetProperty("x")));
        Assert.Equal(result.Model.Segments.Select(s => s.Centre[1]), ChartJson.Numbers(centres.GetProperty("y")));
        Assert.StartsWith("<b>Centre of 1 · ", ChartJson.Strings(centres.GetProperty("text"))[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_classic_income_by_spending_example_draws_a_2D_plot_with_both_features_on_the_axes_and_makes_a_report()
    {
        SegmentationResult result = FeatureCountSegmentation.Result(2);
        ChartJson chart = ChartJson.Of(SegmentCharts.Customers(result));

        Assert.Equal("Annual Income (k$)", chart.Layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("Spending Score (1-100)", chart.Layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        int s = result.Assignments[0].Segment - 1;
        Assert.Equal(result.Customers.Features[0, 0], ChartJson.Numbers(chart.Traces[s].GetProperty("x"))[0]);
        Assert.Equal(result.Customers.Features[0, 1], ChartJson.Numbers(chart.Traces[s].GetProperty("y"))[0]);

        string html = result.ToReport().ToHtml();
        Assert.Contains("\"type\":\"scatter\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_strip_plot_puts_each_segment_on_its_own_row_with_its_centre_on_that_row()
    {
        SegmentationResult result = FeatureCountSegmentation.Result(1);
        ChartJson chart = ChartJson.Of(SegmentCharts.Customers(result));

        Assert.All(chart.Traces[..^1], t => Assert.Equal("h", t.GetProperty("orientation").GetString()));
        Assert.All(chart.Traces[..^1], t => Assert.Equal("all", t.GetProperty("boxpoints").GetString()));
        string[] names = [.. chart.Traces[..^1].Select(t => t.GetProperty("name").GetString()!)];
        Assert.Equal(names, ChartJson.Strings(chart.Traces[^1].GetProperty("y")));
        Assert.Equal(result.Model.Segments.Select(s => s.Centre[0]), ChartJson.Numbers(chart.Traces[^1].GetProperty("x")));
        Assert.Equal("Spending Score (1-100)", chart.Layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void With_eight_features_each_axis_has_a_menu_of_every_feature_whose_buttons_carry_that_feature_for_every_trace()
    {
        SegmentationResult result = FeatureCountSegmentation.Result(8);
        ChartJson chart = ChartJson.Of(SegmentCharts.Customers(result));
        JsonElement[] menus = [.. chart.Layout.GetProperty("updatemenus").EnumerateArray()];
        FeatureMatrix features = result.Customers.Features;

        Assert.Equal(3, menus.Length);
        string[] axes = ["x", "y", "z"];
        for (int a = 0; a < 3; a++)
        {
            Assert.Equal(a, menus[a].GetProperty("active").GetInt32()); // the first three features are drawn at first
            JsonElement[] buttons = [.. menus[a].GetProperty("buttons").EnumerateArray()];
            Assert.Equal(features.FeatureNames, buttons.Select(b => b.GetProperty("label").GetString()));
            for (int j = 0; j < features.FeatureCount; j++)
            {
                JsonElement args = buttons[j].GetProperty("args");
                JsonElement[] values = [.. args[0].GetProperty(axes[a]).EnumerateArray()];
                Assert.Equal(result.K + 1, values.Length);
                for (int s = 0; s < result.K; s++)
                {
                    double[] expected = [.. Enumerable.Range(0, features.RowCount).Where(i => result.Assignments[i].Segment == s + 1).Select(i => (double)features[i, j])];
                    Assert.Equal(expected, ChartJson.Numbers(values[s]));
                }

                Assert.Equal(result.Model.Segments.Select(c => c.Centre[j]), ChartJson.Numbers(values[^1]));
                Assert.Equal(features.FeatureNames[j], args[1].GetProperty($"scene.{axes[a]}axis.title.text").GetString());
            }
        }

        // The buttons that start active match what is drawn.
        Assert.Equal(ChartJson.Numbers(chart.Traces[0].GetProperty("z")), ChartJson.Numbers(menus[2].GetProperty("buttons")[2].GetProperty("args")[0].GetProperty("z")[0]));
    }

    [Fact]
    public void Chosen_features_pick_the_kind_one_two_or_three_and_principal_components_of_two_features_draw_in_2D()
    {
        SegmentationResult eight = FeatureCountSegmentation.Result(8);
        Assert.Equal("box", ChartJson.Of(SegmentCharts.Customers(eight, new SegmentPlotOptions { Features = ["Tenure (years)"] })).Traces[0].GetProperty("type").GetString());
        ChartJson two = ChartJson.Of(SegmentCharts.Customers(eight, new SegmentPlotOptions { Features = ["basket size", "Age"] }));
        Assert.Equal("scatter", two.Traces[0].GetProperty("type").GetString());
        Assert.Equal("Basket size", two.Layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.False(two.Layout.TryGetProperty("updatemenus", out _));

        ChartJson pca = ChartJson.Of(SegmentCharts.Customers(FeatureCountSegmentation.Result(2), new SegmentPlotOptions { UsePrincipalComponents = true }));
        Assert.Equal("scatter", pca.Traces[0].GetProperty("type").GetString());
        string x = pca.Layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString()!;
        string y = pca.Layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString()!;
        Assert.Matches(@"^PC1 \(\d+\.\d% variance\)$", x);
        Assert.Matches(@"^PC2 \(\d+\.\d% variance\)$", y);
        double sum = new[] { x, y }.Sum(t => double.Parse(t[5..t.IndexOf('%', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(sum, 99.85, 100.05); // two components of two features explain all of the variance
    }

    [Fact]
    public void Plot_options_take_one_to_three_distinct_features_and_reject_more_duplicates_and_blanks()
    {
        Assert.Single(new SegmentPlotOptions { Features = ["Age"] }.Features);
        Assert.Equal(2, new SegmentPlotOptions { Features = ["Age", "Income"] }.Features.Length);
        foreach (string[] bad in new[] { new[] { "a", "b", "c", "d" }, ["a", "A"], ["a", " "] })
        {
            var e = Assert.Throws<ArgumentException>(() => new SegmentPlotOptions { Features = [.. bad] });
            Assert.Equal("Features", e.ParamName);
            Assert.Contains("one to three distinct, non-blank features", e.Message, StringComparison.Ordinal);
        }
    }
}
