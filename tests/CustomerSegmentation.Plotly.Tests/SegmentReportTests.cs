using System.Text.RegularExpressions;

using CustomerSegmentation.Data;
using CustomerSegmentation.DemoData;

namespace CustomerSegmentation.Plotly.Tests;

public sealed partial class SegmentReportTests
{
    [Fact]
    public void The_page_embeds_plotly_js_and_loads_no_script_from_the_network()
    {
        string html = SyntheticSegmentation.Report(500).ToHtml();

        Assert.Contains("plotly.js v", html, StringComparison.Ordinal);
        Assert.Empty(ScriptSource().Matches(html));
        Assert.Empty(NetworkLink().Matches(html)); // the favicon is a data: URI
        Assert.Equal(4, PlotDiv().Matches(html).Count); // customers, sizes, centre heatmap, elbow chart; the scores and profiles are HTML tables
        Assert.Contains("<title>Synthetic mall customers</title>", html, StringComparison.Ordinal);
        Assert.Contains("The customers plot shows all 500 customers.", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"profiles-heading\">Segment profiles</h2>", html, StringComparison.Ordinal);
        Assert.Equal(SyntheticCustomers.Personas.Length, ReportPage.TableRows(html, "profile-table").Length);
    }

    [Fact]
    public void Sections_are_left_out_when_their_data_is_not_given()
    {
        string html = new SegmentReport(SyntheticSegmentation.PlotData(200)).ToHtml();
        Assert.Equal(3, PlotDiv().Matches(html).Count); // customers, sizes, centre heatmap
        Assert.DoesNotContain("id=\"profiles\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"choosing-k\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"rules\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"downloads\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Headings_and_notes_are_html_encoded()
    {
        string html = new SegmentReport(SyntheticSegmentation.PlotData(200), title: "A <b>bold</b> & odd title").ToHtml();
        Assert.Contains("<title>A &lt;b&gt;bold&lt;/b&gt; &amp; odd title</title>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold</b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_million_customer_report_shows_a_sample_says_so_and_stays_small()
    {
        const int n = 1_000_000;
        var random = new MathNet.Numerics.Random.Xoshiro256StarStar(9);
        var columns = new float[3][];
        for (int j = 0; j < 3; j++)
        {
            columns[j] = new float[n];
        }

        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % 100 == 0 ? 3 : i % 3; // segment 3 is small (1%)
            for (int j = 0; j < 3; j++)
            {
                columns[j][i] = (float)((labels[i] * 10) + random.NextDouble());
            }
        }

        FeatureMatrix features = FeatureMatrix.FromColumns(columns, ["x", "y", "z"]);
        var data = new SegmentPlotData(
            features, labels, ["A", "B", "C", "Small"], Enumerable.Range(1, n).Select(i => $"C{i:D7}").ToArray(),
            [[0.5, 0.5, 0.5], [10.5, 10.5, 10.5], [20.5, 20.5, 20.5], [30.5, 30.5, 30.5]]);
        var report = new SegmentReport(data, SyntheticSegmentation.Elbow());
        string path = Path.Combine(Path.GetTempPath(), $"segment-report-{Guid.NewGuid():N}.html");
        try
        {
            report.Save(path);
            long bytes = new FileInfo(path).Length;
            string html = File.ReadAllText(path);

            Assert.Equal(5000, report.PlottedCustomers);
            Assert.Equal(n, report.TotalCustomers);
            Assert.Contains("a random sample of 5,000 of the 1,000,000 customers (seed 42)", html, StringComparison.Ordinal);
            Assert.Contains("5,000 of 1,000,000 customers shown", html, StringComparison.Ordinal);
            Assert.Contains("\"name\":\"Small\"", html, StringComparison.Ordinal);
            Assert.Contains("Download the segments of all 1,000,000 customers (CSV)", html, StringComparison.Ordinal);
            Assert.True(bytes < 10_000_000, $"the report is {bytes:N0} bytes; expected under 10 MB (about 3.6 MB of it is plotly.js, the rest the sample and the compressed download)");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [GeneratedRegex("<script[^>]*\\bsrc\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSource();

    [GeneratedRegex("<link[^>]*\\bhref\\s*=\\s*\"(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex NetworkLink();

    [GeneratedRegex("<div id=\"[0-9a-f-]{36}\">")]
    private static partial Regex PlotDiv();
}
