using System.Text.Json;

namespace CustomerSegmentation.Plotly.Tests;

public sealed class ReportInBrowserTests
{
    [ChromiumFact]
    public void The_report_renders_every_plot_and_the_3D_scene_in_a_browser_with_no_network()
    {
        SegmentReport report = SyntheticSegmentation.Report(20_000, options: new SegmentPlotOptions { MaxPoints = 2000 });
        string path = Path.Combine(Path.GetTempPath(), $"segment-report-{Guid.NewGuid():N}.html");
        try
        {
            report.Save(path);
            JsonElement verdict = HeadlessChromium.Render(path, expectedPlots: 4, probe: ReportProbes.TableRowCounts);

            Assert.False(verdict.GetProperty("timedOut").GetBoolean(), "plotly did not finish drawing: " + verdict);
            Assert.Equal(0, verdict.GetProperty("errors").GetArrayLength());
            JsonElement[] plots = [.. verdict.GetProperty("plots").EnumerateArray()];
            Assert.Equal(4, plots.Length); // the customers plot, sizes, centre heatmap and the elbow chart; the tables are HTML

            JsonElement scatter = plots[0];
            int k = DemoData.SyntheticCustomers.Personas.Length;
            Assert.Equal(k + 1, scatter.GetProperty("traces").GetInt32());
            Assert.All(scatter.GetProperty("types").EnumerateArray(), t => Assert.Equal("scatter3d", t.GetString()));
            Assert.Equal(
                [.. DemoData.SyntheticCustomers.Personas.Select(p => p.Name), SegmentCharts.CentresTraceName],
                scatter.GetProperty("names").EnumerateArray().Select(n => n.GetString()));
            Assert.True(scatter.GetProperty("hasScene").GetBoolean(), "the 3D plot has no gl3d scene: " + scatter);
            Assert.True(scatter.GetProperty("canvas").GetBoolean(), "the 3D scene has no drawn canvas: " + scatter);
            Assert.True(scatter.GetProperty("webgl").GetBoolean(), "the 3D scene has no WebGL context: " + scatter);

            Assert.Equal("bar", Assert.Single(plots[1].GetProperty("types").EnumerateArray()).GetString());
            Assert.Equal("heatmap", Assert.Single(plots[2].GetProperty("types").EnumerateArray()).GetString());
            Assert.Equal(8, plots[3].GetProperty("traces").GetInt32()); // the elbow: four scores, each a curve and the chosen K
            Assert.All(plots[3].GetProperty("types").EnumerateArray(), t => Assert.Equal("scatter", t.GetString()));
            JsonElement rows = verdict.GetProperty("probe");
            Assert.Equal(k, rows.GetProperty("profile-table").GetInt32());
            Assert.Equal(8, rows.GetProperty("scores-table").GetInt32());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
