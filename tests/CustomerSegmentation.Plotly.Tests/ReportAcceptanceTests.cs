using System.Text.Json;

using CustomerSegmentation.Pipeline;

using Xunit.Abstractions;

namespace CustomerSegmentation.Plotly.Tests;

/// <summary>
/// The whole segment report as a user opens it, for 1, 2, 3 and 8 features at 1280 and 1920 px: every chart draws
/// with no script error, no axis title, tick label, chart title or annotation lies outside its chart, every profile row
/// is visible, and the download holds every customer.
/// </summary>
public sealed class ReportAcceptanceTests(ITestOutputHelper output)
{
    /// <summary>The three probes at once: labels inside their charts, profile rows visible, the downloaded CSV.</summary>
    private static readonly string Probe =
        "return Promise.all([(function () {" + LayoutProbe.AxesInside + "})(), (function () {" + ReportProbes.ProfileRowsVisible
        + "})(), (function () {" + ReportProbes.DownloadedCsv + "})()]).then(function (v) { return { axes: v[0], rows: v[1], csv: v[2] }; });";

    [ChromiumTheory]
    [InlineData(1, 1280)]
    [InlineData(1, 1920)]
    [InlineData(2, 1280)]
    [InlineData(2, 1920)]
    [InlineData(3, 1280)]
    [InlineData(3, 1920)]
    [InlineData(8, 1280)]
    [InlineData(8, 1920)]
    public void The_report_renders_whole_with_every_label_inside_its_chart_every_row_visible_and_every_customer_downloadable(int features, int width)
    {
        SegmentationResult result = SegmentReportPageTests.WideSegmentation(features);
        string path = Path.Combine(Path.GetTempPath(), $"report-acceptance-{Guid.NewGuid():N}.html");
        try
        {
            result.ToReport().Save(path);
            JsonElement verdict = HeadlessChromium.Render(path, expectedPlots: 4, width: width, probe: Probe);

            Assert.False(verdict.GetProperty("timedOut").GetBoolean(), "plotly did not finish drawing: " + verdict.GetProperty("errors"));
            Assert.True(verdict.GetProperty("errors").GetArrayLength() == 0, "script errors: " + verdict.GetProperty("errors"));
            Assert.Equal(width, verdict.GetProperty("width").GetInt32());
            JsonElement[] plots = [.. verdict.GetProperty("plots").EnumerateArray()];
            Assert.Equal(4, plots.Length);
            string expected = features switch { 1 => "box", 2 => "scatter", _ => "scatter3d" };
            Assert.Equal(expected, plots[0].GetProperty("types")[0].GetString());

            JsonElement probe = verdict.GetProperty("probe");
            JsonElement axes = probe.GetProperty("axes");
            Assert.True(axes.GetProperty("checked").GetInt32() >= 20, "too few labels were measured: " + axes);
            Assert.True(axes.GetProperty("outside").GetArrayLength() == 0, "labels outside their chart: " + axes.GetProperty("outside"));

            JsonElement rows = probe.GetProperty("rows");
            Assert.Equal(result.K, rows.GetProperty("rows").GetInt32());
            Assert.True(rows.GetProperty("bad").GetArrayLength() == 0, "profile rows not fully visible: " + rows);
            Assert.True(rows.GetProperty("scrollWidth").GetInt32() <= width, "the page scrolls sideways: " + rows);

            JsonElement csv = probe.GetProperty("csv");
            Assert.Equal(result.Assignments.Count + 1, csv.GetProperty("lines").GetInt32());
            output.WriteLine($"{features} features at {width} px: drawn after {verdict.GetProperty("drawnMs").GetDouble():N0} ms, {axes.GetProperty("checked").GetInt32()} labels measured");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [ChromiumTheory]
    [InlineData(3)]
    [InlineData(8)]
    public void On_a_phone_every_profile_row_is_stacked_readable_and_nothing_scrolls_sideways(int features)
    {
        SegmentationResult result = SegmentReportPageTests.WideSegmentation(features);
        string path = Path.Combine(Path.GetTempPath(), $"report-phone-{Guid.NewGuid():N}.html");
        try
        {
            result.ToReport().Save(path);
            const string stacked = """
                var cells = Array.prototype.slice.call(document.querySelectorAll('#profile-table tbody td'));
                return { display: getComputedStyle(document.querySelector('#profile-table tbody tr')).display,
                  header: getComputedStyle(document.querySelector('#profile-table thead')).display,
                  narrowest: Math.min.apply(null, cells.map(function (c) { return c.getBoundingClientRect().width; })) };
                """;
            JsonElement verdict = HeadlessChromium.Render(path, expectedPlots: 4, width: 400, probe: "return [(function () {" + ReportProbes.ProfileRowsVisible + "})(), (function () {" + stacked + "})()];");

            Assert.True(verdict.GetProperty("errors").GetArrayLength() == 0, "script errors: " + verdict.GetProperty("errors"));
            JsonElement rows = verdict.GetProperty("probe")[0];
            JsonElement layout = verdict.GetProperty("probe")[1];
            Assert.Equal(result.K, rows.GetProperty("rows").GetInt32());
            Assert.True(rows.GetProperty("bad").GetArrayLength() == 0, "profile rows not fully visible: " + rows);
            int window = rows.GetProperty("width").GetInt32(); // headless Chromium widens a window below about 500 px
            Assert.True(window < 700, "the window is not phone-sized: " + rows);
            Assert.True(rows.GetProperty("scrollWidth").GetInt32() <= window, "the page scrolls sideways: " + rows);
            Assert.Equal("block", layout.GetProperty("display").GetString());
            Assert.Equal("none", layout.GetProperty("header").GetString());
            Assert.True(layout.GetProperty("narrowest").GetDouble() > window * 0.8, "a cell is squeezed: " + layout);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
