using System.Text.RegularExpressions;

using CustomerSegmentation.Data;
using CustomerSegmentation.Loyalty;
using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Plotly.Tests;

/// <summary>The loyalty report holds each section only when its data is given, and rejects pieces about other customers.</summary>
public sealed partial class LoyaltyReportTests
{
    [Fact]
    public void An_rfm_result_alone_gives_the_key_figures_the_grid_and_the_segments_and_nothing_else()
    {
        LoyaltyReport report = LoyaltyFixtures.Tiny().ToReport();
        string html = report.ToHtml();

        Assert.Equal(["summary", "rfm-grid", "segments"], report.Sections.ToArray());
        Assert.Equal(["summary", "rfm-grid", "segments"], SectionIds(html));
        Assert.Equal(3, report.ChartCount);
        Assert.Equal(3, PlotCount(html));
        Assert.Equal(LoyaltyReportOptions.DefaultTitle, report.Title);
        Assert.Contains("<title>Customer loyalty report</title>", html);
    }

    [Fact]
    public void Every_optional_piece_adds_its_section_in_order()
    {
        LoyaltyFixtures.Synthetic s = LoyaltyFixtures.SyntheticResults;
        LoyaltyReport report = s.Rfm.ToReport(s.AllOptions());
        string html = report.ToHtml();

        string[] all = ["summary", "rfm-grid", "segments", "tiers", "movements", "lifetime-value", "clusters"];
        Assert.Equal(all, report.Sections.ToArray());
        Assert.Equal(all, SectionIds(html));
        Assert.Equal(8, PlotCount(html));
        Assert.Contains("Holdout check", html);
    }

    [Theory]
    [InlineData("tiers")]
    [InlineData("movements")]
    [InlineData("lifetime-value")]
    [InlineData("clusters")]
    public void Each_optional_section_appears_with_its_data_alone(string section)
    {
        LoyaltyFixtures.Synthetic s = LoyaltyFixtures.SyntheticResults;
        LoyaltyReportOptions options = section switch
        {
            "tiers" => new() { Tiers = s.Tiers },
            "movements" => new() { Movements = s.Movements },
            "lifetime-value" => new() { LifetimeValue = s.LifetimeValue },
            _ => new() { Clustering = s.Clustering },
        };

        string html = s.Rfm.ToReport(options).ToHtml();

        Assert.Equal(["summary", "rfm-grid", "segments", section], SectionIds(html));
        Assert.Equal(section == "lifetime-value" ? 5 : 4, PlotCount(html));
        Assert.DoesNotContain("Holdout check", html);
    }

    [Fact]
    public void The_key_figures_give_customers_revenue_and_the_top_segments_shares()
    {
        string html = LoyaltyFixtures.Tiny().ToReport().ToHtml();

        // Champions (E, 500) and Loyal Customers (D, 160): 2 of 5 customers, 660 of 800 revenue.
        Assert.Contains(Figure("Customers", "5"), html);
        Assert.Contains(Figure("Analysis date", "2024-02-11"), html);
        Assert.Contains(Figure("Revenue", "800.00"), html);
        Assert.Contains(Figure("Champions &amp; Loyal: customers", "40.0%"), html);
        Assert.Contains(Figure("Champions &amp; Loyal: revenue", "82.5%"), html);
    }

    [Fact]
    public void The_segment_table_lists_all_ten_segments_with_their_summary()
    {
        string html = LoyaltyFixtures.Tiny().ToReport().ToHtml();
        string table = TableBody(html, "segment-table");

        Assert.Equal(10, Regex.Matches(table, "<tr>").Count);
        Assert.Contains("<th data-sort=\"0\" scope=\"row\">Champions</th><td data-sort=\"1\">1</td><td data-sort=\"0.2\">20.0%</td><td data-sort=\"500\">500.00</td><td data-sort=\"0.625\">62.5%</td><td data-sort=\"1\">1</td>", table);
    }

    [Fact]
    public void The_top_customers_table_lists_as_many_customers_as_asked_by_descending_clv()
    {
        LoyaltyFixtures.Synthetic s = LoyaltyFixtures.SyntheticResults;
        string html = s.Rfm.ToReport(new LoyaltyReportOptions { LifetimeValue = s.LifetimeValue, TopCustomers = 7 }).ToHtml();
        string table = TableBody(html, "top-customers");

        Assert.Equal(7, Regex.Matches(table, "<tr>").Count);
        string best = s.LifetimeValue.Customers.MaxBy(c => c.Clv).CustomerId;
        Assert.Contains($"<th data-sort=\"1\" scope=\"row\">1</th><td>{best}</td>", table);
        Assert.Contains("Top 7 customers by CLV", html);
    }

    [Fact]
    public void The_page_says_whether_the_clv_axis_is_logarithmic_and_which_cluster_axes_are()
    {
        LoyaltyFixtures.Synthetic s = LoyaltyFixtures.SyntheticResults;
        LoyaltyReport report = s.Rfm.ToReport(new LoyaltyReportOptions { LifetimeValue = s.LifetimeValue, Clustering = s.Clustering });
        string html = report.ToHtml();

        Assert.StartsWith("CLV is drawn on a linear axis", report.LifetimeValueScaleNote);
        Assert.Equal(
            "Recency and Frequency are on a log axis because the clustering ran on their logs (LogStandard scaling), so the plot shows the space it saw. Monetary stays linear because it holds zero or negative values, which a log axis cannot show.",
            report.ClusterAxesNote);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(report.ClusterAxesNote!).Replace("&#39;", "'", StringComparison.Ordinal)[..60], html);
    }

    [Fact]
    public void Save_writes_the_page_and_a_failed_save_leaves_the_old_file()
    {
        LoyaltyReport report = LoyaltyFixtures.Tiny().ToReport(new LoyaltyReportOptions { Title = "Tiny loyalty" });
        string dir = Directory.CreateTempSubdirectory("loyalty-report-").FullName;
        try
        {
            string path = Path.Combine(dir, "loyalty.html");
            report.Save(path);
            Assert.Contains("<title>Tiny loyalty</title>", File.ReadAllText(path));

            Assert.ThrowsAny<IOException>(() => report.Save(Path.Combine(dir, "missing", "loyalty.html")));
            Assert.Equal("path", Assert.Throws<ArgumentException>(() => report.Save(" ")).ParamName);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Tiers_of_other_customers_are_rejected()
    {
        SpendTierAssignment other = LoyaltyFixtures.ThreeTiers.Assign(LoyaltyFixtures.Tiny(["a", "b", "c", "d", "e"]));

        var e = Assert.Throws<ArgumentException>(() => LoyaltyFixtures.Tiny().ToReport(new LoyaltyReportOptions { Tiers = other }));
        Assert.Equal("options", e.ParamName);
        Assert.Contains("spend tiers were assigned to other customers", e.Message);
    }

    [Fact]
    public void Lifetime_values_of_a_customer_the_rfm_result_lacks_are_rejected_naming_it()
    {
        LoyaltyFixtures.Synthetic s = LoyaltyFixtures.SyntheticResults;

        var e = Assert.Throws<ArgumentException>(() => LoyaltyFixtures.Tiny().ToReport(new LoyaltyReportOptions { LifetimeValue = s.LifetimeValue }));
        Assert.Equal("options", e.ParamName);
        Assert.Contains($"lifetime values are about {s.LifetimeValue.Customers.Length:N0} customers the RFM result does not have (the first is '{s.LifetimeValue.Customers[0].CustomerId}')", e.Message);
    }

    [Fact]
    public void A_holdout_without_lifetime_values_is_rejected()
    {
        LoyaltyFixtures.Synthetic s = LoyaltyFixtures.SyntheticResults;

        var e = Assert.Throws<ArgumentException>(() => s.Rfm.ToReport(new LoyaltyReportOptions { Holdout = s.Holdout }));
        Assert.Equal("options", e.ParamName);
        Assert.Contains("holdout check was given without the lifetime values", e.Message);
    }

    [Fact]
    public void A_holdout_of_another_number_of_customers_is_rejected()
    {
        LoyaltyFixtures.Synthetic s = LoyaltyFixtures.SyntheticResults;
        LifetimeValueResult full = new LifetimeValueAnalyzer().Analyze(PurchaseSummary.FromTransactions(s.Transactions, s.Rfm.AnalysisDate.AddDays(-1)));
        Assert.NotEqual(full.Customers.Length, s.Holdout.Predicted.Length);

        var e = Assert.Throws<ArgumentException>(() => s.Rfm.ToReport(new LoyaltyReportOptions { LifetimeValue = full, Holdout = s.Holdout }));
        Assert.Contains($"holdout check predicts {s.Holdout.Predicted.Length:N0} customers but the lifetime values hold {full.Customers.Length:N0}", e.Message);
    }

    [Fact]
    public void A_clustering_of_other_customers_is_rejected()
    {
        LoyaltyFixtures.Synthetic s = LoyaltyFixtures.SyntheticResults;

        var e = Assert.Throws<ArgumentException>(() => LoyaltyFixtures.Tiny().ToReport(new LoyaltyReportOptions { Clustering = s.Clustering }));
        Assert.Equal("options", e.ParamName);
        Assert.Contains("clustering is of other customers", e.Message);
    }

    [Fact]
    public void A_clustering_without_the_rfm_features_is_rejected_naming_the_missing_ones()
    {
        RfmResult rfm = LoyaltyFixtures.Tiny();
        var table = CustomerTable.FromFeatures(
            FeatureMatrix.FromRows([.. Enumerable.Range(0, 5).Select(i => new double[] { i, i * i, 3 - i })], ["Recency", "Age", "Income"]), rfm.CustomerIds);
        SegmentationResult other = SegmentationPipeline.FromTable(table).WithK(2).WithSeed(1).Run();

        var e = Assert.Throws<ArgumentException>(() => rfm.ToReport(new LoyaltyReportOptions { Clustering = other }));
        Assert.Contains("The clustering has no feature 'Frequency', 'Monetary' (it has Recency, Age, Income)", e.Message);
    }

    [Fact]
    public void Options_are_validated_when_set()
    {
        Assert.Contains("Title", Assert.Throws<ArgumentException>(() => new LoyaltyReportOptions { Title = " " }).Message);
        Assert.Equal("Title", Assert.Throws<ArgumentNullException>(() => new LoyaltyReportOptions { Title = null! }).ParamName);
        var plotly = Assert.Throws<ArgumentNullException>(() => new LoyaltyReportOptions { Plotly = null! });
        Assert.Contains("Plotly must be a PlotlyScript", plotly.Message);
        var top = Assert.Throws<ArgumentOutOfRangeException>(() => new LoyaltyReportOptions { TopCustomers = 0 });
        Assert.Contains("TopCustomers must be between 1 and 10,000", top.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LoyaltyReportOptions { TopCustomers = 10_001 });
        Assert.Equal("ClusterPlot", Assert.Throws<ArgumentNullException>(() => new LoyaltyReportOptions { ClusterPlot = null! }).ParamName);
        Assert.Equal("rfm", Assert.Throws<ArgumentNullException>(() => LoyaltyReports.ToReport(null!)).ParamName);
    }

    [Fact]
    public void The_page_can_reference_plotly_js_instead_of_embedding_it()
    {
        string html = LoyaltyFixtures.Tiny().ToReport(new LoyaltyReportOptions { Plotly = PlotlyScript.FromUrl("https://example.org/plotly-2.28.0.min.js") }).ToHtml();

        Assert.DoesNotContain("plotly.js v", html);
        Assert.Contains("<script src=\"https://example.org/plotly-2.28.0.min.js\"", html);
    }

    internal static string[] SectionIds(string html)
        => [.. SectionId().Matches(html).Select(m => m.Groups[1].Value)];

    internal static int PlotCount(string html)
        => ReportPage.ChartScripts(html).Count(s => s.Contains("Plotly.newPlot", StringComparison.Ordinal));

    private static string Figure(string caption, string value) => $"<dt>{caption}</dt><dd>{value}</dd>";

    private static string TableBody(string html, string id)
    {
        int start = html.IndexOf($"<table id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no table {id}");
        int body = html.IndexOf("<tbody>", start, StringComparison.Ordinal);
        // The cells' data-label (the header a phone shows beside each stacked cell) is checked in PageTests.
        return Regex.Replace(html[body..html.IndexOf("</tbody>", body, StringComparison.Ordinal)], " data-label=\"[^\"]*\"", "");
    }

    [GeneratedRegex("<section id=\"([^\"]+)\" class=\"card\"")]
    private static partial Regex SectionId();
}
