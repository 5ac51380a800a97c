using System.Net;

using CustomerSegmentation.Pipeline;

using Plotly.NET;

namespace CustomerSegmentation.Plotly.Tests;

/// <summary>The segment charts (customers in 1, 2, 3 and more dimensions, sizes, centre heatmap, elbow) with hostile data.</summary>
public sealed partial class ReportInjectionTests
{
    private static GenericChart[] HostileCharts(SegmentationResult result) =>
    [
        SegmentCharts.Customers(result),
        SegmentCharts.Customers(result, new SegmentPlotOptions { Features = [result.Customers.Features.FeatureNames[1]] }),
        SegmentCharts.Customers(result, new SegmentPlotOptions { Features = [.. result.Customers.Features.FeatureNames.Take(2)] }),
        SegmentCharts.Customers(result, new SegmentPlotOptions { UsePrincipalComponents = true }),
        SegmentCharts.SegmentSizes(result),
        SegmentCharts.CentreHeatmap(result),
        SegmentCharts.Elbow(result.Elbow!),
    ];

    [Fact]
    public void The_segment_charts_carry_every_payload_only_as_entities_and_their_pages_cannot_close_a_script()
    {
        SegmentationResult result = Hostile(150);
        foreach (GenericChart chart in HostileCharts(result))
        {
            string json = GenericChart.toJson(chart);
            foreach (string payload in Payloads)
            {
                Assert.DoesNotContain(payload, json, StringComparison.Ordinal);
            }

            string own = ReportPage.WithoutPlotlyJs(chart.ToHtmlPage(Title));
            foreach (string payload in Payloads)
            {
                Assert.DoesNotContain(payload, own, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("<img", own, StringComparison.OrdinalIgnoreCase);
            Assert.All(ReportPage.ChartScripts(chart.ToHtmlPage(Title)), s => Assert.DoesNotContain("<", s, StringComparison.Ordinal));
        }

        // The axis menus of more than three features: their labels and axis titles are entities too.
        var wide = new SegmentPlotData(
            Data.FeatureMatrix.FromRows([[1, 2, 3, 4], [5, 6, 7, 8]], [.. Payloads.Take(4)]),
            [0, 1], ["a", "b"], ["1", "2"], [[1, 2, 3, 4], [5, 6, 7, 8]]);
        string menus = GenericChart.toJson(SegmentCharts.Customers(wide));
        Assert.Contains("updatemenus", menus, StringComparison.Ordinal);
        foreach (string payload in Payloads.Take(4))
        {
            Assert.DoesNotContain(payload, menus, StringComparison.Ordinal);
        }

        Assert.Equal(
            Payloads.Take(4).Select(PlotlyText.Literal),
            ChartJson.Of(SegmentCharts.Customers(wide)).Layout.GetProperty("updatemenus")[0].GetProperty("buttons").EnumerateArray().Select(b => b.GetProperty("label").GetString()));

        // The payloads are still there as text for plotly.js to show.
        string[] shown = [.. HostileCharts(result).SelectMany(c => ReportPage.JsonStrings(c.ToHtmlPage(Title))).Select(s => WebUtility.HtmlDecode(s) ?? "")];
        Assert.Contains(shown, s => s.Contains("Income " + Payloads[1], StringComparison.Ordinal));
        Assert.Contains(shown, s => s.Contains(Payloads[0], StringComparison.Ordinal));
    }

    [ChromiumFact]
    public void The_segment_charts_full_of_payloads_run_none_of_them_in_a_browser()
    {
        GenericChart[] charts = HostileCharts(Hostile(150));
        System.Text.Json.JsonElement verdict = LayoutProbe.RenderCharts(charts, 1280, Title);

        Assert.False(verdict.GetProperty("timedOut").GetBoolean(), "plotly did not finish drawing: " + verdict);
        Assert.Equal(0, verdict.GetProperty("errors").GetArrayLength());
        Assert.False(verdict.GetProperty("pwned").GetBoolean(), "a payload ran: " + verdict);
        Assert.Equal(Title, verdict.GetProperty("title").GetString());
        Assert.Equal(0, verdict.GetProperty("images").GetInt32());
        Assert.Equal(charts.Length, verdict.GetProperty("plots").GetArrayLength());
    }
}
