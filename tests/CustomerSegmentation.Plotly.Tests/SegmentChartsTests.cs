using System.Collections.Immutable;
using System.Text.Json;

using CustomerSegmentation.Data;

namespace CustomerSegmentation.Plotly.Tests;

public sealed class SegmentChartsTests
{
    [Fact]
    public void The_3D_plot_has_one_trace_per_segment_named_after_it_then_the_centres()
    {
        SegmentPlotData data = SyntheticSegmentation.PlotData(300);
        ChartJson chart = ChartJson.Of(SegmentCharts.Customers(data));

        Assert.Equal(data.SegmentCount + 1, chart.Traces.Length);
        Assert.All(chart.Traces, t => Assert.Equal("scatter3d", t.GetProperty("type").GetString()));
        Assert.Equal([.. data.SegmentNames, SegmentCharts.CentresTraceName], chart.Traces.Select(t => t.GetProperty("name").GetString()));
        for (int s = 0; s < data.SegmentCount; s++)
        {
            Assert.Equal(data.Labels.Count(l => l == s), chart.Traces[s].GetProperty("x").GetArrayLength());
        }

        JsonElement centres = chart.Traces[^1];
        Assert.Equal(data.Centroids.Select(c => Math.Round(c[1], 10)), ChartJson.Numbers(centres.GetProperty("y")).Select(v => Math.Round(v, 10)));
        Assert.Equal("diamond-open", centres.GetProperty("marker").GetProperty("symbol").GetString());
    }

    [Fact]
    public void Points_are_in_original_units_on_the_chosen_axes_and_the_axes_are_titled_with_feature_names()
    {
        SegmentPlotData data = SyntheticSegmentation.PlotData(50);
        var options = new SegmentPlotOptions { Features = ["spending score (1-100)", "Age", "Annual Income (k$)"] };
        ChartJson chart = ChartJson.Of(SegmentCharts.Customers(data, options));

        JsonElement scene = chart.Layout.GetProperty("scene");
        Assert.Equal("Spending Score (1-100)", scene.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("Age", scene.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("Annual Income (k$)", scene.GetProperty("zaxis").GetProperty("title").GetProperty("text").GetString());

        int firstRowSegment = data.Labels[0];
        JsonElement trace = chart.Traces[firstRowSegment];
        Assert.Equal(data.Features[0, 2], ChartJson.Numbers(trace.GetProperty("x"))[0]);
        Assert.Equal(data.Features[0, 0], ChartJson.Numbers(trace.GetProperty("y"))[0]);
        Assert.Equal(data.Features[0, 1], ChartJson.Numbers(trace.GetProperty("z"))[0]);
    }

    [Fact]
    public void Hover_text_shows_the_id_the_segment_every_feature_and_the_extra_columns()
    {
        SegmentPlotData data = SyntheticSegmentation.PlotData(100);
        ChartJson chart = ChartJson.Of(SegmentCharts.Customers(data));
        int s = data.Labels[0];
        string text = ChartJson.Strings(chart.Traces[s].GetProperty("text"))[0];

        Assert.Contains("<b>C00001</b>", text, StringComparison.Ordinal);
        Assert.Contains("Segment: " + data.SegmentNames[s], text, StringComparison.Ordinal);
        double[] row = data.Features.GetRow(0);
        Assert.Contains($"Age: {row[0]}", text, StringComparison.Ordinal);
        Assert.Contains($"Annual Income (k$): {row[1]}", text, StringComparison.Ordinal);
        Assert.Contains($"Spending Score (1-100): {row[2]}", text, StringComparison.Ordinal);
        Assert.Contains("Genre: " + data.HoverColumns[0].Values[0], text, StringComparison.Ordinal);
    }

    [Fact]
    public void Hover_text_encodes_markup_in_ids_and_names()
    {
        FeatureMatrix features = FeatureMatrix.FromRows([[1, 2, 3], [4, 5, 6]], ["a<b", "b", "c"]);
        var data = new SegmentPlotData(features, [0, 1], ["<i>x</i>", "y"], ["<script>", "id2"], [[1, 2, 3], [4, 5, 6]]);
        string text = ChartJson.Strings(ChartJson.Of(SegmentCharts.Customers(data)).Traces[0].GetProperty("text"))[0];

        Assert.Contains("<b>&lt;script&gt;</b>", text, StringComparison.Ordinal);
        Assert.Contains("Segment: &lt;i&gt;x&lt;/i&gt;", text, StringComparison.Ordinal);
        Assert.Contains("a&lt;b: 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Principal_components_title_the_axes_with_their_share_of_variance()
    {
        // Four features; the fourth is an exact copy of age, so PC1 carries at least half of the variance.
        SegmentPlotData synthetic = SyntheticSegmentation.PlotData(400);
        double[][] rows = Enumerable.Range(0, synthetic.RowCount)
            .Select(i => synthetic.Features.GetRow(i).Append(synthetic.Features[i, 0]).ToArray())
            .ToArray();
        FeatureMatrix features = FeatureMatrix.FromRows(rows, [.. SyntheticSegmentation.FeatureNames, "Age again"]);
        var data = new SegmentPlotData(
            features, synthetic.Labels, synthetic.SegmentNames, synthetic.CustomerIds,
            synthetic.Centroids.Select(c => (IReadOnlyList<double>)[.. c, c[0]]).ToArray());

        JsonElement scene = ChartJson.Of(SegmentCharts.Customers(data, new SegmentPlotOptions { UsePrincipalComponents = true })).Layout.GetProperty("scene");
        string[] titles = ["xaxis", "yaxis", "zaxis"];
        string[] texts = titles.Select(a => scene.GetProperty(a).GetProperty("title").GetProperty("text").GetString()!).ToArray();
        Assert.Matches(@"^PC1 \(\d+\.\d% variance\)$", texts[0]);
        Assert.StartsWith("PC2 (", texts[1], StringComparison.Ordinal);
        Assert.StartsWith("PC3 (", texts[2], StringComparison.Ordinal);
        double[] shares = texts.Select(t => double.Parse(t[5..t.IndexOf('%', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.True(shares[0] >= 50, texts[0]);
        Assert.True(shares[0] >= shares[1] && shares[1] >= shares[2], string.Join(" | ", texts));
        Assert.True(shares.Sum() <= 100.05, string.Join(" | ", texts));
    }

    [Fact]
    public void Large_data_is_sampled_keeping_every_segment_and_the_same_seed_draws_the_same_customers()
    {
        SegmentPlotData data = SyntheticSegmentation.PlotData(20_000);
        var options = new SegmentPlotOptions { MaxPoints = 500, Seed = 3 };
        ChartJson first = ChartJson.Of(SegmentCharts.Customers(data, options));
        ChartJson again = ChartJson.Of(SegmentCharts.Customers(data, options));
        ChartJson otherSeed = ChartJson.Of(SegmentCharts.Customers(data, new SegmentPlotOptions { MaxPoints = 500, Seed = 4 }));

        int[] sizes = first.Traces[..^1].Select(t => t.GetProperty("x").GetArrayLength()).ToArray();
        Assert.Equal(500, sizes.Sum());
        Assert.All(sizes, size => Assert.True(size > 0));
        for (int s = 0; s < data.SegmentCount; s++)
        {
            double share = data.Labels.Count(l => l == s) / (double)data.RowCount;
            Assert.InRange(sizes[s], (int)Math.Floor(share * 500), (int)Math.Ceiling(share * 500));
        }

        Assert.Equal(Ids(first), Ids(again));
        Assert.NotEqual(Ids(first), Ids(otherSeed));
        Assert.Contains("500 of 20,000 customers shown", first.Layout.GetProperty("title").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_segment_keeps_at_least_one_customer_in_the_sample()
    {
        Assert.Equal([90, 9, 1], SegmentSample.Quotas([900, 90, 10], 1000, 100));
        Assert.Equal([8, 1, 1], SegmentSample.Quotas([998, 1, 1], 1000, 10));
        Assert.Equal([5, 0, 5], SegmentSample.Quotas([500, 0, 500], 1000, 10));
    }

    [Fact]
    public void The_elbow_chart_draws_inertia_against_K_and_stars_the_chosen_K()
    {
        ElbowCurveData elbow = SyntheticSegmentation.Elbow();
        ChartJson chart = ChartJson.Of(SegmentCharts.Elbow(elbow));

        Assert.Equal(8, chart.Traces.Length); // inertia, silhouette, Calinski-Harabasz, Davies-Bouldin: curve and star each
        Assert.Equal(elbow.Ks.Select(k => (double)k), ChartJson.Numbers(chart.Traces[0].GetProperty("x")));
        Assert.Equal(elbow.Inertias, ChartJson.Numbers(chart.Traces[0].GetProperty("y")));
        Assert.Equal([5.0], ChartJson.Numbers(chart.Traces[1].GetProperty("x")));
        Assert.Equal([420.0], ChartJson.Numbers(chart.Traces[1].GetProperty("y")));
        Assert.Equal("Chosen K = 5", chart.Traces[1].GetProperty("name").GetString());
        Assert.Equal("star", chart.Traces[1].GetProperty("marker").GetProperty("symbol").GetString());
        Assert.Contains("knee at K = 5", chart.Layout.GetProperty("title").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_scores_table_lists_every_score_per_K_with_na_where_undefined()
    {
        ChartJson chart = ChartJson.Of(SegmentCharts.Scores(SyntheticSegmentation.Elbow()));
        JsonElement table = Assert.Single(chart.Traces);
        Assert.Equal("table", table.GetProperty("type").GetString());
        string[][] columns = [.. table.GetProperty("cells").GetProperty("values").EnumerateArray().Select(ChartJson.Strings)];
        Assert.Equal(5, columns.Length);
        Assert.Equal("★ 5", columns[0][4]);
        Assert.Equal("n/a", columns[2][0]);
        Assert.Equal("0.61", columns[2][4]);
        Assert.Equal("1400", columns[3][4]);
        Assert.Equal("0.55", columns[4][4]);
    }

    [Fact]
    public void A_feature_that_does_not_exist_is_rejected_naming_it_and_the_features()
    {
        SegmentPlotData data = SyntheticSegmentation.PlotData(100);
        var e = Assert.Throws<ArgumentException>(
            () => SegmentCharts.Customers(data, new SegmentPlotOptions { Features = ["Age", "Income", "Spending Score (1-100)"] }));
        Assert.Contains("'Income'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'Annual Income (k$)'", e.Message, StringComparison.Ordinal);
    }

    private static string[] Ids(ChartJson chart)
        => [.. chart.Traces[..^1].SelectMany(t => ChartJson.Strings(t.GetProperty("text"))).Select(t => t[3..t.IndexOf("</b>", StringComparison.Ordinal)])];
}
