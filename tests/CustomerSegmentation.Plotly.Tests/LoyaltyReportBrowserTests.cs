using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Plotly.Tests;

/// <summary>
/// The loyalty report in headless Chromium: every chart draws with no script error, every table row is laid out, no
/// axis title or tick label lies outside its chart at 1280 and 1920 px, and hostile ids and tier names run nothing.
/// </summary>
public sealed partial class LoyaltyReportBrowserTests
{
    /// <summary>
    /// Checks the drawn page: for every plot, that it is no wider than its card and that every title, tick label, colour
    /// bar label and legend text of its SVG lies inside the plot's box; for every data table, its rows and whether any
    /// is collapsed or hidden.
    /// </summary>
    internal const string LayoutProbe = """
        var problems = [];
        var plots = Array.prototype.slice.call(document.querySelectorAll('.js-plotly-plot'));
        plots.forEach(function (gd, i) {
          var box = gd.getBoundingClientRect();
          var card = gd.closest('section') ? gd.closest('section').getBoundingClientRect() : box;
          if (box.width < 200) { problems.push('plot ' + i + ' is only ' + box.width + ' px wide'); }
          if (box.left < card.left - 1 || box.right > card.right + 1) { problems.push('plot ' + i + ' is wider than its card'); }
          var texts = gd.querySelectorAll('.gtitle, .xtitle, .ytitle, .xtick text, .ytick text, .colorbar text, .legendtext, .cbtitle text');
          Array.prototype.forEach.call(texts, function (t) {
            var r = t.getBoundingClientRect();
            if (r.width === 0 && r.height === 0) { return; }
            if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
              problems.push('plot ' + i + ': "' + t.textContent + '" lies outside its chart');
            }
          });
        });
        var rows = 0, hidden = 0, tables = [];
        Array.prototype.forEach.call(document.querySelectorAll('table.data'), function (table) {
          var n = table.tBodies[0].rows.length;
          tables.push({ id: table.id, rows: n });
          Array.prototype.forEach.call(table.tBodies[0].rows, function (tr) {
            rows++;
            var style = getComputedStyle(tr);
            if (tr.getBoundingClientRect().height < 10 || style.display === 'none' || style.visibility === 'hidden') { hidden++; }
          });
        });
        return { problems: problems, rows: rows, hidden: hidden, tables: tables };
        """;

    [ChromiumFact]
    public void The_full_synthetic_report_draws_every_chart_and_table_inside_its_box_at_1280_and_1920_px()
    {
        LoyaltyFixtures.Synthetic s = LoyaltyFixtures.SyntheticResults;
        LoyaltyReport report = s.Rfm.ToReport(s.AllOptions() with { TopCustomers = 25 });
        int expectedRows = 10 + 3 + Enum.GetValues<TierMovementKind>().Length + 25;

        foreach (int width in new[] { 1280, 1920 })
        {
            JsonElement verdict = Render(report, width);
            AssertDrawnCleanly(verdict, report.ChartCount, expectedRows);
        }
    }

    [CdnowChromiumFact]
    public void A_clv_report_of_the_real_cdnow_customers_draws_every_chart_with_clv_on_a_log_axis()
    {
        TransactionSet cdnow = LoyaltyFixtures.Cdnow()!;
        RfmResult rfm = new RfmAnalyzer().Analyze(cdnow);
        DateOnly last = cdnow.Transactions.Max(t => DateOnly.FromDateTime(t.Timestamp));
        var calibrationEnd = new DateOnly(1997, 9, 30);
        CalibrationHoldout split = CalibrationHoldout.Split(cdnow, calibrationEnd, last, PeriodUnit.Weeks);
        LifetimeValueResult clv = new LifetimeValueAnalyzer().Analyze(split.Calibration);
        SpendTierAssignment tiers = SpendTiers.Default.Assign(rfm);
        TierMovements projected = SpendTiers.Default.History(cdnow, SpendWindows.Rolling12Months(calibrationEnd.AddDays(1), 1)).Project(clv);
        LoyaltyReport report = rfm.ToReport(new LoyaltyReportOptions
        {
            Title = "CDNOW loyalty",
            Tiers = tiers,
            Movements = projected,
            LifetimeValue = clv,
            Holdout = HoldoutEvaluation.Evaluate(clv.Purchases, split),
        });

        Assert.StartsWith("CLV is skewed", report.LifetimeValueScaleNote);
        // CDNOW has one customer whose CLV lies below the log axis' first bar: said in the singular, with the bound.
        Assert.Matches(@" 1 customer with a CLV below \d\S* is counted in the first bar\.$", report.LifetimeValueScaleNote);
        foreach (int width in new[] { 1280, 1920 })
        {
            JsonElement verdict = Render(report, width);
            AssertDrawnCleanly(verdict, report.ChartCount, 10 + tiers.Summaries.Length + Enum.GetValues<TierMovementKind>().Length + LoyaltyReportOptions.DefaultTopCustomers);
            Assert.True(verdict.GetProperty("drawnMs").GetDouble() > 0);
        }
    }

    [ChromiumFact]
    public void A_loyalty_report_full_of_script_payloads_runs_none_of_them_and_shows_them_as_text()
    {
        LoyaltyFixtures.Synthetic s = LoyaltyFixtures.Synthetic.Make(ReportInjectionTests.Payloads, ["Bronze " + ReportInjectionTests.Payloads[0], ReportInjectionTests.Payloads[1], "Gold " + ReportInjectionTests.Payloads[3]]);
        LoyaltyReport report = s.Rfm.ToReport(s.AllOptions(title: "Loyalty " + ReportInjectionTests.Payloads[3]));

        JsonElement verdict = Render(report, 1280);

        Assert.False(verdict.GetProperty("timedOut").GetBoolean(), "plotly did not finish drawing: " + verdict);
        Assert.Equal(0, verdict.GetProperty("errors").GetArrayLength());
        Assert.False(verdict.GetProperty("pwned").GetBoolean(), "a payload ran: " + verdict);
        Assert.Equal(0, verdict.GetProperty("images").GetInt32());
        Assert.Equal(2 + report.ChartCount, verdict.GetProperty("scripts").GetInt32()); // plotly.js, the sort script and one per chart
        Assert.Equal("Loyalty " + ReportInjectionTests.Payloads[3], verdict.GetProperty("title").GetString());
        string drawn = verdict.GetProperty("text").GetString()!;
        Assert.Contains(ReportInjectionTests.Payloads[1], drawn, StringComparison.Ordinal); // a tier name, drawn as text by plotly
    }

    [Fact]
    public void No_payload_in_ids_tier_names_or_title_appears_raw_in_the_page_or_can_close_a_chart_script()
    {
        string[] payloads = ReportInjectionTests.Payloads;
        LoyaltyFixtures.Synthetic s = LoyaltyFixtures.Synthetic.Make(payloads, ["Bronze " + payloads[0], payloads[1], "Gold " + payloads[3]]);
        LoyaltyReport report = s.Rfm.ToReport(s.AllOptions(title: "Loyalty " + payloads[3]) with { TopCustomers = 40 });
        string html = report.ToHtml();
        string own = ReportPage.WithoutPlotlyJs(html);

        foreach (string payload in payloads)
        {
            Assert.DoesNotContain(payload, own, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<img", own, StringComparison.OrdinalIgnoreCase);
        Assert.Matches(EventHandlerAttribute(), "<img src=x onerror=\"a\">");
        Assert.DoesNotMatch(EventHandlerAttribute(), "<meta name=\"description\" content=\"Loyalty &quot; onmouseover=&quot;x\">");
        Assert.Empty(EventHandlerAttribute().Matches(own));
        string[] scripts = ReportPage.ChartScripts(html);
        Assert.Equal(1 + report.ChartCount, scripts.Length); // the sort script and one per chart
        foreach (string script in scripts.Where(t => t.Contains("Plotly.newPlot", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain("<", script, StringComparison.Ordinal);
            Assert.DoesNotContain(">", script, StringComparison.Ordinal);
            Assert.DoesNotContain("\u2028", script, StringComparison.Ordinal);
        }

        // Every payload still reaches the reader: as text in a table (ids) or in the chart data (tier names, 3D hover).
        string text = WebUtility.HtmlDecode(own);
        string[] shown = [.. ReportPage.JsonStrings(html).Select(t => WebUtility.HtmlDecode(t) ?? "")];
        foreach (string payload in payloads)
        {
            Assert.True(text.Contains(payload, StringComparison.Ordinal) || shown.Any(t => t.Contains(payload, StringComparison.Ordinal)), "payload not shown: " + payload);
        }

        Assert.Contains(shown, t => t.Contains("Bronze " + payloads[0], StringComparison.Ordinal));
        Assert.Contains("Loyalty " + payloads[3], text, StringComparison.Ordinal);
    }

    private static JsonElement Render(LoyaltyReport report, int width)
    {
        string path = Path.Combine(Path.GetTempPath(), $"loyalty-report-{Guid.NewGuid():N}.html");
        try
        {
            report.Save(path);
            return HeadlessChromium.Render(path, report.ChartCount, width, LayoutProbe);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void AssertDrawnCleanly(JsonElement verdict, int charts, int tableRows)
    {
        Assert.False(verdict.GetProperty("timedOut").GetBoolean(), "plotly did not finish drawing: " + verdict);
        Assert.Equal(0, verdict.GetProperty("errors").GetArrayLength());
        Assert.Equal(charts, verdict.GetProperty("plots").GetArrayLength());
        JsonElement probe = verdict.GetProperty("probe");
        Assert.True(probe.GetProperty("problems").GetArrayLength() == 0, $"at {verdict.GetProperty("width")} px: {probe.GetProperty("problems")}");
        Assert.Equal(tableRows, probe.GetProperty("rows").GetInt32());
        Assert.Equal(0, probe.GetProperty("hidden").GetInt32());
    }

    /// <summary>An element whose attributes (read as name="value" pairs, so quoted text does not count) include an on... handler.</summary>
    [GeneratedRegex(@"<[a-z][a-z0-9]*(?:\s+[a-z_:][-a-z0-9_:.]*(?:\s*=\s*(?:""[^""]*""|'[^']*'|[^\s""'>]+))?)*?\s+on[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();
}

/// <summary>A fact that needs headless Chromium and ../shared/data/CDNOW_sample.txt: skipped with a message when either is absent, mandatory when CI=true.</summary>
public sealed class CdnowChromiumFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when Chromium or the CDNOW sample is absent outside CI.</summary>
    public CdnowChromiumFactAttribute()
    {
        if (HeadlessChromium.Executable is null && !HeadlessChromium.InCi)
        {
            Skip = "chromium is not installed (apt-get install -y chromium); this browser test is mandatory when CI=true.";
        }
        else if (CustomerSegmentation.Tests.TestData.CdnowSample() is null)
        {
            Skip = "../shared/data/CDNOW_sample.txt is absent beside the repository (mandatory when CI=true).";
        }
    }
}
