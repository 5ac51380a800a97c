using System.Text.Json;
using CustomerSegmentation.Data;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.DemoData;

namespace CustomerSegmentation.Plotly.Tests;

/// <summary>The report of a real pipeline run: segments, elbow and profiles come from the <see cref="SegmentationResult"/>.</summary>
public sealed class SegmentationReportsTests
{
    internal static SegmentationResult Segmented(int count = 1000)
    {
        SyntheticCustomer[] customers = [.. SyntheticCustomers.Generate(count, 42)];
        var table = CustomerTable.FromFeatures(
            FeatureMatrix.FromRows([.. customers.Select(c => new double[] { c.Age, c.AnnualIncomeThousands, c.SpendingScore })], SyntheticSegmentation.FeatureNames),
            [.. customers.Select(c => c.Id)],
            new Dictionary<string, IReadOnlyList<string>> { ["Genre"] = [.. customers.Select(c => c.Genre)] });
        return SegmentationPipeline.FromTable(table).ChooseK(2, 8).WithSeed(1).Run();
    }

    [Fact]
    public void The_report_names_each_segment_by_number_and_label_and_carries_the_elbow_and_profiles()
    {
        SegmentationResult result = Segmented();

        SegmentReport report = result.ToReport(title: "Mall segments");

        Assert.Equal("Mall segments", report.Title);
        Assert.Equal(result.Customers.RowCount, report.TotalCustomers);
        Assert.Equal(result.Elbow!.Curve.Select(p => p.K).ToArray(), report.Elbow!.Ks.ToArray());
        Assert.Equal(result.K, report.Elbow.ChosenK);
        Assert.Equal(result.KReason, report.Elbow.Note);
        Assert.Equal(result.K, report.Profile!.Rows.Length);
        Assert.Equal(["Segment", "Label", "Customers", "Share"], report.Profile.Headers.Take(4));
        Assert.Equal("Genre", report.Profile.Headers[^1]);

        string html = report.ToHtml();
        foreach (var profile in result.Profiles)
        {
            Assert.Contains(System.Net.WebUtility.HtmlEncode($"{profile.Id} · {profile.Label}"), html);
        }
    }

    [Fact]
    public void Fewer_than_three_features_cannot_be_drawn_in_3D()
    {
        SegmentationResult result = SegmentationPipeline.FromMatrix(FeatureMatrix.FromRows([[1.0, 2], [1.1, 2], [9, 9], [9.1, 9]], ["a", "b"])).WithK(2).Run();

        var error = Assert.Throws<ArgumentException>(() => result.ToReport());
        Assert.Contains("at least three features", error.Message);
    }

    [ChromiumFact]
    public void A_pipeline_report_renders_in_a_browser_with_no_network()
    {
        SegmentationResult result = Segmented();
        string path = Path.Combine(Path.GetTempPath(), $"pipeline-report-{Guid.NewGuid():N}.html");
        try
        {
            result.ToReport().Save(path);
            JsonElement verdict = HeadlessChromium.Render(path, expectedPlots: 4);

            Assert.False(verdict.GetProperty("timedOut").GetBoolean(), "plotly did not finish drawing: " + verdict);
            Assert.Equal(0, verdict.GetProperty("errors").GetArrayLength());
            JsonElement scatter = verdict.GetProperty("plots")[0];
            Assert.Equal(result.K + 1, scatter.GetProperty("traces").GetInt32());
            Assert.Equal(
                [.. result.Profiles.Select(p => $"{p.Id} · {p.Label}"), SegmentCharts.CentresTraceName],
                scatter.GetProperty("names").EnumerateArray().Select(n => n.GetString()));
            Assert.True(scatter.GetProperty("webgl").GetBoolean(), "the 3D scene has no WebGL context: " + scatter);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
