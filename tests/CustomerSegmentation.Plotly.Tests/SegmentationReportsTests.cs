using System.Text.Json;
using CustomerSegmentation.Data;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Selection;
using CustomerSegmentation.DemoData;
using CustomerSegmentation.Export;

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

        string[] shown = ReportPage.JsonStrings(report.ToHtml());
        foreach (var profile in result.Profiles)
        {
            Assert.Contains($"{profile.Id} · {profile.Label}", shown); // the legend name of its trace
        }
    }

    [Fact]
    public void A_K_prototypes_report_shows_the_category_in_each_customers_hover_and_each_segments_profile()
    {
        SyntheticCustomer[] customers = [.. SyntheticCustomers.Generate(600, 42)];
        var table = CustomerTable.FromFeatures(
            FeatureMatrix.FromRows([.. customers.Select(c => new double[] { c.Age, c.AnnualIncomeThousands, c.SpendingScore })], SyntheticSegmentation.FeatureNames),
            [.. customers.Select(c => c.Id)],
            new Dictionary<string, IReadOnlyList<string>> { ["Genre"] = [.. customers.Select(c => c.Genre)] });
        SegmentationResult result = SegmentationPipeline.FromTable(table).Standardize().WithCategorical("Genre")
            .UseKPrototypes(new Clustering.KPrototypesOptions()).WithK(4).WithSeed(3).Run();

        SegmentReport report = result.ToReport();
        string[] shown = ReportPage.JsonStrings(report.ToHtml());

        Assert.Equal("Genre", report.Profile!.Headers[^1]);
        Assert.Equal(result.K, report.Profile.Rows.Length);
        Assert.All(report.Profile.Rows, row => Assert.Matches("(Female|Male) [0-9]+%", row[^1]));
        Assert.Contains(shown, text => text.Contains($"<b>{customers[0].Id}</b>", StringComparison.Ordinal) && text.Contains($"Genre: {customers[0].Genre}", StringComparison.Ordinal));
    }

    [Fact]
    public void The_3D_chart_of_a_result_numbers_its_segments_1_to_K_and_marks_the_model_centres()
    {
        SegmentationResult result = Segmented(400);

        ChartJson chart = ChartJson.Of(SegmentCharts.Scatter3D(result));

        Assert.Equal(
            [.. result.Profiles.Select(p => $"{p.Id} · {p.Label}"), SegmentCharts.CentresTraceName],
            chart.Traces.Select(t => t.GetProperty("name").GetString()));
        for (int s = 0; s < result.K; s++)
        {
            Assert.Equal(result.Assignments.Count(a => a.Segment == s + 1), chart.Traces[s].GetProperty("x").GetArrayLength());
        }

        Assert.Equal(
            result.Model.Segments.Select(s => Math.Round(s.Centre[2], 9)),
            ChartJson.Numbers(chart.Traces[^1].GetProperty("z")).Select(v => Math.Round(v, 9)));
    }

    [Fact]
    public void The_elbow_and_scores_charts_of_a_sweep_star_the_chosen_K_and_give_the_reason()
    {
        SegmentationResult result = Segmented(400);
        ElbowResult elbow = result.Elbow!;

        ChartJson chart = ChartJson.Of(SegmentCharts.Elbow(elbow));
        Assert.Equal(elbow.Curve.Select(p => (double)p.K), ChartJson.Numbers(chart.Traces[0].GetProperty("x")));
        Assert.Equal([(double)elbow.ChosenK], ChartJson.Numbers(chart.Traces[1].GetProperty("x")));
        Assert.Contains(System.Net.WebUtility.HtmlEncode(elbow.Reason), chart.Layout.GetProperty("title").GetProperty("text").GetString(), StringComparison.Ordinal);

        JsonElement scores = Assert.Single(ChartJson.Of(SegmentCharts.Scores(elbow)).Traces);
        string[] ks = ChartJson.Strings(scores.GetProperty("cells").GetProperty("values")[0]);
        Assert.Equal("★ " + elbow.ChosenK, ks[elbow.Curve.Select(p => p.K).ToList().IndexOf(elbow.ChosenK)]);
        Assert.Equal(5, scores.GetProperty("cells").GetProperty("values").GetArrayLength());
    }

    [Fact]
    public void The_profile_table_reads_cell_for_cell_like_the_markdown_export()
    {
        SegmentationResult result = Segmented(400);

        string html = result.ToReport().ToHtml();

        string[] headers = ReportPage.TableHeaders(html, "profile-table");
        string[][] rows = ReportPage.TableRows(html, "profile-table");
        string[] markdown = result.ToProfilesMarkdown().TrimEnd().Split(Environment.NewLine);
        Assert.Equal(MarkdownCells(markdown[0]), headers);
        Assert.Equal(result.K, rows.Length);
        for (int s = 0; s < result.K; s++)
        {
            Assert.Equal(MarkdownCells(markdown[s + 2]), rows[s]);
        }

        Assert.Equal(Enumerable.Range(1, result.K).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r[0]));
    }

    [Fact]
    public void Charts_reject_a_null_result_or_elbow_naming_it()
    {
        Assert.Equal("result", Assert.Throws<ArgumentNullException>(() => SegmentCharts.Scatter3D((SegmentationResult)null!)).ParamName);
        Assert.Equal("result", Assert.Throws<ArgumentNullException>(() => SegmentCharts.ProfileTable((SegmentationResult)null!)).ParamName);
        Assert.Equal("elbow", Assert.Throws<ArgumentNullException>(() => SegmentCharts.Elbow((ElbowResult)null!)).ParamName);
        Assert.Equal("elbow", Assert.Throws<ArgumentNullException>(() => SegmentCharts.Scores((ElbowResult)null!)).ParamName);
        Assert.Equal("result", Assert.Throws<ArgumentNullException>(() => SegmentationReports.ToReport(null!)).ParamName);
    }

    [Fact]
    public void Two_features_make_a_report_with_a_2D_plot()
    {
        SegmentationResult result = SegmentationPipeline.FromMatrix(FeatureMatrix.FromRows([[1.0, 2], [1.1, 2], [9, 9], [9.1, 9]], ["a", "b"])).WithK(2).Run();

        string html = result.ToReport().ToHtml();
        Assert.Contains("var data = [{\"type\":\"scatter\",", ReportPage.ChartScripts(html).First(s => s.Contains("var data = ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.All(ChartJson.Of(SegmentCharts.Scatter3D(result)).Traces, t => Assert.Equal("scatter", t.GetProperty("type").GetString()));
    }

    [ChromiumFact]
    public void A_pipeline_report_renders_in_a_browser_with_no_network()
    {
        SegmentationResult result = Segmented();
        string path = Path.Combine(Path.GetTempPath(), $"pipeline-report-{Guid.NewGuid():N}.html");
        try
        {
            result.ToReport().Save(path);
            JsonElement verdict = HeadlessChromium.Render(path, expectedPlots: 4, probe: ReportProbes.ProfileRowCount);

            Assert.False(verdict.GetProperty("timedOut").GetBoolean(), "plotly did not finish drawing: " + verdict);
            Assert.Equal(0, verdict.GetProperty("errors").GetArrayLength());
            JsonElement scatter = verdict.GetProperty("plots")[0];
            Assert.Equal(result.K + 1, scatter.GetProperty("traces").GetInt32());
            Assert.Equal(
                [.. result.Profiles.Select(p => $"{p.Id} · {p.Label}"), SegmentCharts.CentresTraceName],
                scatter.GetProperty("names").EnumerateArray().Select(n => n.GetString()));
            Assert.True(scatter.GetProperty("webgl").GetBoolean(), "the 3D scene has no WebGL context: " + scatter);
            Assert.Equal(result.K, verdict.GetProperty("probe").GetInt32());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string[] MarkdownCells(string line)
        => [.. System.Text.RegularExpressions.Regex.Split(line.Trim().Trim('|'), @"(?<!\\)\|").Select(c => c.Trim().Replace("\\|", "|", StringComparison.Ordinal))];
}
