using System.Text.Json;

using CustomerSegmentation.Pipeline;

using Plotly.NET;

namespace CustomerSegmentation.Plotly.Tests;

/// <summary>
/// Every segment chart drawn in headless Chromium at 1280 and 1920 px: no script error, and every axis title and tick
/// label (and chart title, annotation, colour bar label) inside its chart's box.
/// </summary>
public sealed class ChartsInBrowserTests
{
    private static GenericChart[] Charts()
    {
        SegmentationResult three = FeatureCountSegmentation.Result(3);
        return
        [
            SegmentCharts.Customers(FeatureCountSegmentation.Result(1)),
            SegmentCharts.Customers(FeatureCountSegmentation.Result(2)),
            SegmentCharts.Customers(three),
            SegmentCharts.Customers(FeatureCountSegmentation.Result(8)),
            SegmentCharts.SegmentSizes(three),
            SegmentCharts.CentreHeatmap(FeatureCountSegmentation.Result(8)),
            SegmentCharts.Elbow(three.Elbow!),
        ];
    }

    [ChromiumFact]
    public void Every_chart_draws_with_every_label_inside_its_box_at_1280_px() => Check(1280);

    [ChromiumFact]
    public void Every_chart_draws_with_every_label_inside_its_box_at_1920_px() => Check(1920);

    [ChromiumFact]
    public void The_probe_finds_y_axis_ticks_pushed_out_of_their_chart()
    {
        GenericChart chart = PlotlyStyle.Figure(
            [PlotlyStyle.Trace("scatter", new Dictionary<string, object?> { ["x"] = new[] { 1, 2 }, ["y"] = new[] { 1000000, 2000000 } })],
            new Dictionary<string, object?>
            {
                ["height"] = 300,
                ["margin"] = new { l = 0, r = 0, t = 0, b = 0 },
                ["yaxis"] = new { title = new { text = "A title with no room" }, automargin = false },
            });
        JsonElement verdict = LayoutProbe.RenderCharts([chart], 1280);

        string[] outside = [.. verdict.GetProperty("probe").GetProperty("outside").EnumerateArray().Select(e => e.GetString()!)];
        Assert.Contains(outside, o => o.Contains("ytick '2M'", StringComparison.Ordinal));
    }

    private static void Check(int width)
    {
        GenericChart[] charts = Charts();
        JsonElement verdict = LayoutProbe.RenderCharts(charts, width, "Segment charts");

        LayoutProbe.AssertAxesInside(verdict, minimumChecked: 40);
        JsonElement[] plots = [.. verdict.GetProperty("plots").EnumerateArray()];
        Assert.Equal(charts.Length, plots.Length);
        Assert.Equal(width, verdict.GetProperty("width").GetInt32());
        string[] firstTypes(int p) => [.. plots[p].GetProperty("types").EnumerateArray().Select(t => t.GetString()!).Distinct()];
        Assert.Equal(["box", "scatter"], firstTypes(0));
        Assert.Equal(["scatter"], firstTypes(1));
        Assert.Equal(["scatter3d"], firstTypes(2));
        Assert.Equal(["scatter3d"], firstTypes(3));
        Assert.True(plots[2].GetProperty("webgl").GetBoolean() && plots[3].GetProperty("webgl").GetBoolean(), "a 3D scene has no WebGL context");
        Assert.Equal(["bar"], firstTypes(4));
        Assert.Equal(["heatmap"], firstTypes(5));
        Assert.Equal(["scatter"], firstTypes(6));
    }
}
