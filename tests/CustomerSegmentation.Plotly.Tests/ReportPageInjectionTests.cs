using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;

using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Stability;

namespace CustomerSegmentation.Plotly.Tests;

/// <summary>
/// The report's new sections (rules, stability, the download) and its label map and display names carry script
/// payloads as text: nothing of them appears raw in the page, and in a browser none runs.
/// </summary>
public sealed partial class ReportPageInjectionTests
{
    private static (SegmentationResult Result, SegmentReportOptions Options) Hostile()
    {
        SegmentationResult hostile = ReportInjectionTests.Hostile(240);
        SegmentationResult result = SegmentationPipeline.FromTable(hostile.Customers).WithK(3).WithStability(new StabilityOptions { Resamples = 3 }).WithSeed(3).Run();
        string[] payloads = ReportInjectionTests.Payloads;
        var options = new SegmentReportOptions
        {
            Title = "Hostile " + payloads[3],
            SegmentNames = ImmutableDictionary<int, string>.Empty.Add(1, "One " + payloads[0]).Add(2, "Two " + payloads[1]),
            FeatureDisplayNames = ImmutableDictionary<string, string>.Empty.Add(result.Customers.Features.FeatureNames[0], "Shown " + payloads[2]),
        };
        return (result, options);
    }

    [Fact]
    public void Segment_names_display_names_rules_stability_and_the_download_hold_no_raw_payload()
    {
        (SegmentationResult result, SegmentReportOptions options) = Hostile();
        string html = result.ToReport(options).ToHtml();
        string own = ReportPage.WithoutPlotlyJs(html);

        foreach (string payload in ReportInjectionTests.Payloads)
        {
            Assert.DoesNotContain(payload, own, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<img", own, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(EventHandlerAttribute().Matches(own));
        Assert.Contains("One " + ReportInjectionTests.Payloads[0], ReportPage.TableRows(html, "stability-table")[0][1], StringComparison.Ordinal);
        Assert.Contains(ReportPage.TableRows(html, "rules-table"), row => row[1] == "Two " + ReportInjectionTests.Payloads[1]);
        Assert.StartsWith("Shown " + ReportInjectionTests.Payloads[2], ReportPage.TableHeaders(html, "profile-table")[4], StringComparison.Ordinal);
    }

    [ChromiumFact]
    public void In_a_browser_no_payload_runs_and_the_download_still_holds_every_customer()
    {
        (SegmentationResult result, SegmentReportOptions options) = Hostile();
        string path = Path.Combine(Path.GetTempPath(), $"hostile-page-{Guid.NewGuid():N}.html");
        try
        {
            result.ToReport(options).Save(path);
            JsonElement verdict = HeadlessChromium.Render(path, expectedPlots: 4, probe: ReportProbes.DownloadedCsv);

            Assert.Equal(0, verdict.GetProperty("errors").GetArrayLength());
            Assert.False(verdict.GetProperty("pwned").GetBoolean(), "a payload ran: " + verdict);
            Assert.Equal(0, verdict.GetProperty("images").GetInt32());
            Assert.Equal(options.Title, verdict.GetProperty("title").GetString());
            Assert.Equal(result.Customers.RowCount + 1, verdict.GetProperty("probe").GetProperty("lines").GetInt32());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [GeneratedRegex(@"<[a-z][a-z0-9]*(?:\s+[a-z-]+(?:=(?:""[^""]*""|[^\s""'>]+))?)*\s+on[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();
}
