using System.Text.RegularExpressions;

using CustomerSegmentation.Plotly.Page;

namespace CustomerSegmentation.Plotly.Tests;

/// <summary>The page parts every report is made of: real HTML tables, whole pages and chart fragments.</summary>
public sealed class PageTests
{
    [Fact]
    public void A_table_holds_every_row_and_cell_as_encoded_text_with_numeric_sort_keys()
    {
        var table = new HtmlTable(
            "Segments",
            ["Segment", "Customers"],
            [["1 <b>Big</b> & co", "1,200"], ["2 Small", "90"], ["3 Mid", "400"]],
            [[1, 1200], [2, 90], [3, 400]]);

        string html = Giraffe.ViewEngine.RenderView.AsString.htmlNode(table.ToNode("profiles"));

        Assert.Equal(3, Regex.Matches(html, "<tr>").Count - 1);
        Assert.Contains("1 &lt;b&gt;Big&lt;/b&gt; &amp; co", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("<td data-label=\"Customers\" data-sort=\"1200\">1,200</td>", html);
        Assert.Contains("<th data-label=\"Segment\" data-sort=\"2\" scope=\"row\">2 Small</th>", html);
        Assert.Contains("<table id=\"profiles\" class=\"data sortable\"><caption>Segments</caption>", html);
    }

    [Fact]
    public void A_table_row_with_the_wrong_number_of_cells_is_rejected_naming_the_row()
    {
        var e = Assert.Throws<ArgumentException>(() => new HtmlTable("t", ["a", "b"], [["1", "2"], ["3"]]));
        Assert.Equal("rows", e.ParamName);
        Assert.Contains("Row 1 has 1 cells but there are 2 columns", e.Message);
    }

    [Fact]
    public void A_chart_page_embeds_plotly_js_once_and_draws_the_chart()
    {
        string html = SegmentCharts.Elbow(SyntheticSegmentation.Elbow()).ToHtmlPage("Elbow <chart>");

        Assert.Single(Regex.Matches(html, "plotly.js v"));
        Assert.Contains("<title>Elbow &lt;chart&gt;</title>", html);
        Assert.Single(ReportPage.ChartScripts(html), s => s.Contains("Plotly.newPlot", StringComparison.Ordinal));
        Assert.DoesNotContain("https://", ReportPage.WithoutPlotlyJs(html));
    }

    [Fact]
    public void A_fragment_carries_plotly_js_only_when_asked()
    {
        var chart = SegmentCharts.Elbow(SyntheticSegmentation.Elbow());

        string alone = chart.ToHtmlFragment();
        string bare = chart.ToHtmlFragment(includePlotlyJs: false);

        Assert.StartsWith("<script type=\"text/javascript\" charset=\"utf-8\">", alone);
        Assert.Contains("plotly.js v", alone);
        Assert.DoesNotContain("plotly.js v", bare);
        Assert.StartsWith("<div><div id=", bare);
        Assert.Contains("Plotly.newPlot", bare);
        Assert.DoesNotContain("<html", alone);
    }

    [Fact]
    public void A_page_can_load_plotly_js_from_a_url_instead()
    {
        string html = SegmentCharts.Elbow(SyntheticSegmentation.Elbow()).ToHtmlPage("Elbow", PlotlyScript.FromUrl("https://example.org/plotly-2.28.0.min.js"));

        Assert.DoesNotContain("plotly.js v", html);
        Assert.Contains("<script src=\"https://example.org/plotly-2.28.0.min.js\"", html);
    }

    [Theory]
    [InlineData("plotly.min.js")]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.org/plotly.js")]
    public void A_plotly_url_that_is_not_absolute_http_https_or_file_is_rejected(string url)
    {
        var e = Assert.Throws<ArgumentException>(() => PlotlyScript.FromUrl(url));
        Assert.Equal("url", e.ParamName);
        Assert.Contains("absolute http, https or file URL", e.Message);
    }
}
