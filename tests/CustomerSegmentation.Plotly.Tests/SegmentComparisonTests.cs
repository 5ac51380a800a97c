using System.Text.Json;

using CustomerSegmentation.Data;
using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Plotly.Tests;

/// <summary>Segment sizes, centre z-scores and the elbow chart with every score.</summary>
public sealed class SegmentComparisonTests
{
    // Five customers, features x = 1, 2, 3, 4, 10 and a constant c = 7; segments 0, 0, 1, 0, 2.
    private static readonly SegmentPlotData Tiny = new(
        FeatureMatrix.FromRows([[1, 7], [2, 7], [3, 7], [4, 7], [10, 7]], ["x", "c"]),
        [0, 0, 1, 0, 2],
        ["1 · Low", "2 · Mid", "3 · High"],
        ["a", "b", "c", "d", "e"],
        [[7.0 / 3, 7], [3, 7], [10, 7]]);

    [Fact]
    public void Sizes_are_horizontal_bars_of_customers_per_segment_labelled_with_their_share_segment_1_on_top()
    {
        ChartJson chart = ChartJson.Of(SegmentCharts.SegmentSizes(Tiny));
        JsonElement bar = Assert.Single(chart.Traces);

        Assert.Equal("bar", bar.GetProperty("type").GetString());
        Assert.Equal("h", bar.GetProperty("orientation").GetString());
        Assert.Equal([3.0, 1.0, 1.0], ChartJson.Numbers(bar.GetProperty("x")));
        Assert.Equal(["1 · Low", "2 · Mid", "3 · High"], ChartJson.Strings(bar.GetProperty("y")));
        Assert.Equal(["60.0%", "20.0%", "20.0%"], ChartJson.Strings(bar.GetProperty("text")));
        Assert.Equal("%{x:,} (%{text})", bar.GetProperty("texttemplate").GetString());
        Assert.EndsWith("<extra></extra>", bar.GetProperty("hovertemplate").GetString(), StringComparison.Ordinal);
        Assert.Equal("reversed", chart.Layout.GetProperty("yaxis").GetProperty("autorange").GetString());
    }

    [Fact]
    public void The_centre_heatmap_holds_each_centre_s_z_score_against_all_customers_and_the_original_units_on_hover()
    {
        JsonElement heatmap = Assert.Single(ChartJson.Of(SegmentCharts.CentreHeatmap(Tiny)).Traces);

        // x: mean 4, population sd sqrt(((-3)² + (-2)² + (-1)² + 0² + 6²) / 5) = sqrt(10); c is constant (z = 0).
        double sd = Math.Sqrt(10);
        double[][] z = [.. heatmap.GetProperty("z").EnumerateArray().Select(ChartJson.Numbers)];
        Assert.Equal(((7.0 / 3) - 4) / sd, z[0][0], 12);
        Assert.Equal((3.0 - 4) / sd, z[1][0], 12);
        Assert.Equal((10.0 - 4) / sd, z[2][0], 12);
        Assert.All(z, row => Assert.Equal(0.0, row[1]));
        Assert.Equal(["x", "c"], ChartJson.Strings(heatmap.GetProperty("x")));
        Assert.Equal(["1 · Low", "2 · Mid", "3 · High"], ChartJson.Strings(heatmap.GetProperty("y")));
        Assert.Equal(0, heatmap.GetProperty("zmid").GetDouble());
        Assert.Equal(-heatmap.GetProperty("zmax").GetDouble(), heatmap.GetProperty("zmin").GetDouble());
        Assert.Equal(["2.333", "4"], ChartJson.Strings(heatmap.GetProperty("customdata")[0][0]));
        Assert.Equal(["7", "7"], ChartJson.Strings(heatmap.GetProperty("customdata")[2][1]));
        string hover = heatmap.GetProperty("hovertemplate").GetString()!;
        Assert.Contains("Centre: %{customdata[0]}", hover, StringComparison.Ordinal);
        Assert.Contains("mean: %{customdata[1]}", hover, StringComparison.Ordinal);
    }

    [Fact]
    public void The_heatmap_of_a_real_segmentation_has_one_row_per_segment_and_one_column_per_feature_with_signs_matching_the_centres()
    {
        SegmentationResult result = FeatureCountSegmentation.Result(3);
        JsonElement heatmap = Assert.Single(ChartJson.Of(SegmentCharts.CentreHeatmap(result)).Traces);
        double[][] z = [.. heatmap.GetProperty("z").EnumerateArray().Select(ChartJson.Numbers)];

        Assert.Equal(result.K, z.Length);
        for (int j = 0; j < 3; j++)
        {
            double mean = result.Customers.Features.Column(j).ToArray().Average(v => (double)v);
            for (int s = 0; s < result.K; s++)
            {
                Assert.Equal(Math.Sign(result.Model.Segments[s].Centre[j] - mean), Math.Sign(z[s][j]));
            }

            // Customer-weighted centres average to the overall mean, so the size-weighted z-scores sum to zero.
            int[] sizes = [.. result.Profiles.Select(p => p.Size)];
            Assert.Equal(0, Enumerable.Range(0, result.K).Sum(s => sizes[s] * z[s][j]) / sizes.Sum(), 6);
        }
    }

    [Fact]
    public void The_elbow_chart_draws_every_score_in_its_own_panel_and_stars_the_chosen_K_on_each()
    {
        ElbowCurveData source = SyntheticSegmentation.Elbow();
        var elbow = new ElbowCurveData(
            source.Ks, source.Inertias, source.ChosenK, source.Silhouette, source.CalinskiHarabasz, source.DaviesBouldin, source.Note,
            gap: [0.1, 0.3, 0.45, 0.6, 0.8, 0.78, 0.77, 0.76]);
        ChartJson chart = ChartJson.Of(SegmentCharts.Elbow(elbow));

        Assert.Equal(10, chart.Traces.Length);
        double?[][] panels = [[.. elbow.Inertias.Select(v => (double?)v)], [.. elbow.Silhouette], [.. elbow.CalinskiHarabasz], [.. elbow.DaviesBouldin], [.. elbow.Gap]];
        for (int p = 0; p < panels.Length; p++)
        {
            JsonElement curve = chart.Traces[2 * p];
            JsonElement star = chart.Traces[(2 * p) + 1];
            string suffix = p == 0 ? "" : (p + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal("x" + suffix, curve.GetProperty("xaxis").GetString());
            Assert.Equal("y" + suffix, star.GetProperty("yaxis").GetString());
            Assert.Equal(panels[p].Where(v => v is not null).Select(v => v!.Value), ChartJson.Numbers(curve.GetProperty("y")));
            Assert.Equal([5.0], ChartJson.Numbers(star.GetProperty("x")));
            Assert.Equal([panels[p][4]!.Value], ChartJson.Numbers(star.GetProperty("y")));
            Assert.Equal("star", star.GetProperty("marker").GetProperty("symbol").GetString());
        }

        Assert.Equal([2.0, 3, 4, 5, 6, 7, 8], ChartJson.Numbers(chart.Traces[2].GetProperty("x"))); // silhouette is undefined at K = 1
        Assert.Equal(3, chart.Layout.GetProperty("grid").GetProperty("rows").GetInt32());
        Assert.Contains("Gap statistic", string.Join("|", chart.Layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString())), StringComparison.Ordinal);
    }

    [Fact]
    public void An_elbow_curve_with_inertia_only_draws_one_panel_and_a_gap_of_the_wrong_length_is_rejected()
    {
        ChartJson chart = ChartJson.Of(SegmentCharts.Elbow(new ElbowCurveData([1, 2, 3], [9, 4, 3], 2)));
        Assert.Equal(2, chart.Traces.Length);
        Assert.Equal(1, chart.Layout.GetProperty("grid").GetProperty("columns").GetInt32());

        var e = Assert.Throws<ArgumentException>(() => new ElbowCurveData([1, 2, 3], [9, 4, 3], 2, gap: [0.1, 0.2]));
        Assert.Equal("gap", e.ParamName);
        Assert.Contains("2 gap scores but 3 K values", e.Message, StringComparison.Ordinal);
    }
}
