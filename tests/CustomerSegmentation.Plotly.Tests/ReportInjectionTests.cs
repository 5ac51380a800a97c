using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

using CustomerSegmentation.Data;
using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Plotly.Tests;

/// <summary>
/// A report built from data full of script payloads (category values, ids, feature and column names, hence segment
/// labels) shows them as text and runs none of them.
/// </summary>
public sealed partial class ReportInjectionTests
{
    internal static readonly string[] Payloads =
    [
        "</script><script>document.title='pwned';window.__pwned=1</script>",
        "<img src=x onerror=\"document.title='pwned';window.__pwned=1\">",
        "<!--<script>window.__pwned=1</script>",
        "\" onmouseover=\"window.__pwned=1",
        "line\u2028separator\u2029paragraph & <b>bold</b>",
    ];

    internal const string Title = "Injection report";

    internal static SegmentationResult Hostile(int count = 300)
    {
        var random = new Random(7);
        double[][] rows = [.. Enumerable.Range(0, count).Select(i => new double[] { (i % 3) * 10 + random.NextDouble(), random.NextDouble() * 5, (i % 2) * 7 + random.NextDouble() })];
        string[] features = ["Age " + Payloads[0], "Income " + Payloads[1], "Score " + Payloads[2]];
        var table = CustomerTable.FromFeatures(
            FeatureMatrix.FromRows(rows, features),
            [.. Enumerable.Range(0, count).Select(i => Payloads[i % Payloads.Length] + " #" + i)],
            new Dictionary<string, IReadOnlyList<string>>
            {
                ["Genre " + Payloads[3]] = [.. Enumerable.Range(0, count).Select(i => Payloads[i % Payloads.Length])],
                [Payloads[4]] = [.. Enumerable.Range(0, count).Select(i => i % 2 == 0 ? Payloads[1] : "plain")],
            });
        return SegmentationPipeline.FromTable(table).ChooseK(2, 4).WithSeed(3).Run();
    }

    [Fact]
    public void No_payload_appears_raw_in_the_page_and_no_chart_script_can_close_or_comment_out_its_element()
    {
        string html = Hostile().ToReport(title: Title).ToHtml();
        string own = ReportPage.WithoutPlotlyJs(html);

        foreach (string payload in Payloads)
        {
            Assert.DoesNotContain(payload, own, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<img", own, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(EventHandlerAttribute().Matches(own));
        string[] scripts = ReportPage.ChartScripts(html);
        Assert.Equal(6, scripts.Length); // table sorting, the customers plot, sizes, centre heatmap, the elbow chart, the download
        foreach (string script in scripts)
        {
            Assert.DoesNotContain("<", script, StringComparison.Ordinal);
            Assert.DoesNotContain(">", script, StringComparison.Ordinal);
            Assert.DoesNotContain("\u2028", script, StringComparison.Ordinal);
            Assert.DoesNotContain("\u2029", script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_payload_is_still_in_the_chart_data_as_text_for_plotly_to_show()
    {
        SegmentationResult result = Hostile();
        string[] shown = [.. ReportPage.JsonStrings(result.ToReport(title: Title).ToHtml()).Select(s => WebUtility.HtmlDecode(s) ?? "")];

        foreach (string payload in Payloads)
        {
            Assert.Contains(shown, s => s.Contains(payload, StringComparison.Ordinal));
        }

        Assert.Contains(shown, s => s.Contains("Age " + Payloads[0], StringComparison.Ordinal)); // axis title

        // The profile table is HTML now: its headers and cells hold the payloads as encoded text.
        string[][] rows = ReportPage.TableRows(result.ToReport(title: Title).ToHtml(), "profile-table");
        Assert.Equal(result.K, rows.Length);
        Assert.Contains(rows, row => row.Any(cell => cell.Contains(Payloads[1], StringComparison.Ordinal)));
    }

    [Fact]
    public void A_hostile_title_is_encoded_in_the_head_and_in_the_description_attribute()
    {
        string html = Hostile(60).ToReport(title: "T " + Payloads[3] + Payloads[1]).ToHtml();
        string own = ReportPage.WithoutPlotlyJs(html);
        Assert.DoesNotContain(Payloads[3], own, StringComparison.Ordinal);
        Assert.DoesNotContain(Payloads[1], own, StringComparison.Ordinal);
        Assert.Contains("<title>T &quot; onmouseover=&quot;window.__pwned=1&lt;img", own, StringComparison.Ordinal);
    }

    [Fact]
    public void The_charts_themselves_carry_data_text_as_entities_so_plotly_net_s_own_html_is_safe_too()
    {
        SegmentationResult result = Hostile(120);
        foreach (global::Plotly.NET.GenericChart chart in new[] { SegmentCharts.Scatter3D(result), SegmentCharts.ProfileTable(result), SegmentCharts.Elbow(result.Elbow!) })
        {
            string json = global::Plotly.NET.GenericChart.toJson(chart);
            foreach (string payload in Payloads)
            {
                Assert.DoesNotContain(payload, json, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("</script", json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<!--", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Script_safe_json_escapes_markup_and_line_separators_and_reads_back_the_same_text()
    {
        string text = "</script><!--<script>a & b > c\u2028d\u2029e\"f'g";
        string json = ChartHtml.ScriptSafeJson(new[] { text });

        Assert.Equal(text, JsonSerializer.Deserialize<string[]>(json)![0]);
        foreach (string raw in new[] { "<", ">", "&", "\u2028", "\u2029" })
        {
            Assert.DoesNotContain(raw, json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Plotly_text_shows_markup_literally_and_leaves_quotes_alone()
    {
        Assert.Equal("a &amp; &lt;b&gt;x&lt;/b&gt; \"q\" 'r'", PlotlyText.Literal("a & <b>x</b> \"q\" 'r'"));
        Assert.Equal("plain · text", PlotlyText.Literal("plain · text"));
    }

    [ChromiumFact]
    public void A_report_full_of_script_payloads_runs_none_of_them_in_a_browser_and_shows_them_as_text()
    {
        SegmentationResult result = Hostile();
        string path = Path.Combine(Path.GetTempPath(), $"hostile-report-{Guid.NewGuid():N}.html");
        try
        {
            result.ToReport(title: Title).Save(path);
            JsonElement verdict = HeadlessChromium.Render(path, expectedPlots: 4, probe: "return document.body.innerText;");

            Assert.False(verdict.GetProperty("timedOut").GetBoolean(), "plotly did not finish drawing: " + verdict);
            Assert.Equal(0, verdict.GetProperty("errors").GetArrayLength());
            Assert.Equal(Title, verdict.GetProperty("title").GetString());
            Assert.False(verdict.GetProperty("pwned").GetBoolean(), "a payload ran: " + verdict);
            Assert.Equal(0, verdict.GetProperty("images").GetInt32());
            Assert.Equal(7, verdict.GetProperty("scripts").GetInt32()); // plotly.js, sorting, four charts, the download (the test's own two are not counted)
            Assert.Equal(4, verdict.GetProperty("plots").GetArrayLength());

            // The profile table (an HTML table now) shows every payload as text; white space is compared loosely.
            string shown = WithoutWhiteSpace(verdict.GetProperty("probe").GetString()!);
            foreach (string payload in Payloads.Take(4))
            {
                Assert.Contains(WithoutWhiteSpace(payload), shown, StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string WithoutWhiteSpace(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    // An on* attribute of a tag, after any number of well-formed attributes (text inside a quoted value is not one).
    [GeneratedRegex(@"<[a-z][a-z0-9]*(?:\s+[a-z-]+(?:=(?:""[^""]*""|[^\s""'>]+))?)*\s+on[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();
}
