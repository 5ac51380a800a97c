using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

using CustomerSegmentation.Data;
using CustomerSegmentation.DemoData;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Profiling;
using CustomerSegmentation.Stability;

using Xunit.Abstractions;

namespace CustomerSegmentation.Plotly.Tests;

/// <summary>The segment report page: its key figures, sections, label map, display names and the download.</summary>
public sealed class SegmentReportPageTests(ITestOutputHelper output)
{
    private static SegmentationResult SnakeCase(int count = 600, bool mixture = false)
    {
        SyntheticCustomer[] customers = [.. SyntheticCustomers.Generate(count, 42)];
        var table = CustomerTable.FromFeatures(
            FeatureMatrix.FromRows([.. customers.Select(c => new double[] { c.Age, c.AnnualIncomeThousands, c.SpendingScore })], ["age_years", "annual_income_k", "spendingScore"]),
            [.. customers.Select(c => c.Id)],
            new Dictionary<string, IReadOnlyList<string>> { ["genre"] = [.. customers.Select(c => c.Genre)] });
        SegmentationPipeline pipeline = SegmentationPipeline.FromTable(table).WithSeed(2);
        return (mixture ? pipeline.UseGaussianMixture().WithK(5) : pipeline.ChooseK(2, 8)).Run();
    }

    [Theory]
    [InlineData("annual_income_k", "Annual income k")]
    [InlineData("spendingScore", "Spending score")]
    [InlineData("order_count_USD", "Order count USD")]
    [InlineData("customer-age", "Customer age")]
    [InlineData("income_k (k$)", "Income k (k$)")]
    [InlineData("Annual Income (k$)", "Annual Income (k$)")]
    [InlineData("Spending Score (1-100)", "Spending Score (1-100)")]
    [InlineData("Age", "Age")]
    [InlineData("RFM", "RFM")]
    public void Column_names_read_as_words_with_units_kept(string column, string shown)
        => Assert.Equal(shown, ColumnDisplayNames.Readable(column));

    [Fact]
    public void The_header_gives_customers_segments_the_chosen_K_and_why_and_the_scores_at_that_K()
    {
        SegmentationResult result = SegmentationReportsTests.Segmented(500);
        string html = result.ToReport().ToHtml();
        var point = result.Elbow!.Curve.Single(p => p.K == result.K);

        Assert.Contains("<dt>Customers</dt><dd>500</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"<dt>Segments</dt><dd>{result.K}</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"<dt>Chosen K (of 2–8)</dt><dd>{result.K}</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"<dt>Silhouette</dt><dd>{point.Silhouette!.Value.ToString("0.000", CultureInfo.InvariantCulture)}</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"<dt>Davies-Bouldin</dt><dd>{point.DaviesBouldin!.Value.ToString("0.000", CultureInfo.InvariantCulture)}</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"<dt>Inertia</dt><dd>{result.Inertia.ToString("0.###", CultureInfo.InvariantCulture)}</dd>", html, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode($"Why K = {result.K}: {result.KReason}"), html, StringComparison.Ordinal);
        Assert.DoesNotContain("Stability (weakest segment)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Gap statistic", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sections_come_in_order_and_those_without_data_are_left_out()
    {
        SegmentationResult result = SegmentationReportsTests.Segmented(400);
        string html = result.ToReport().ToHtml();

        string[] order = ["key-figures", "customers", "profiles", "rules", "choosing-k", "downloads"];
        int[] at = [.. order.Select(id => html.IndexOf($"<section id=\"{id}\" class=\"card\">", StringComparison.Ordinal))];
        Assert.All(at, i => Assert.True(i > 0));
        Assert.Equal(at.Order(), at);
        Assert.DoesNotContain("id=\"stability\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"probabilities\"", html, StringComparison.Ordinal);

        string without = SegmentationPipeline.FromTable(result.Customers).WithK(3).WithoutRules().WithSeed(1).Run().ToReport().ToHtml();
        Assert.DoesNotContain("id=\"rules\"", without, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"choosing-k\"", without, StringComparison.Ordinal); // K was fixed: no sweep
        Assert.DoesNotContain("<dt>Chosen K", without, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rules_section_gives_each_segment_s_rule_with_precision_recall_and_coverage()
    {
        SegmentationResult result = SegmentationReportsTests.Segmented(400);
        string[][] rows = ReportPage.TableRows(result.ToReport().ToHtml(), "rules-table");

        Assert.Equal(result.K, rows.Length);
        foreach (var rule in result.Rules!.Rules)
        {
            string[] row = rows[rule.Segment - 1];
            Assert.Equal(rule.Segment.ToString(CultureInfo.InvariantCulture), row[0]);
            Assert.Equal(result.Segment(rule.Segment).Label, row[1]);
            Assert.Equal(rule.Text, row[2]);
            Assert.Equal($"{rule.Precision * 100:0.0}%", row[4]);
            Assert.Equal($"{rule.Fidelity * 100:0.0}%", row[5]);
            Assert.Equal($"{(double)rule.Predicted / 400 * 100:0.0}%", row[6]);
        }
    }

    [Fact]
    public void The_rules_section_says_when_the_tree_was_grown_on_a_sample()
    {
        SyntheticCustomer[] customers = [.. SyntheticCustomers.Generate(300, 42)];
        var table = CustomerTable.FromFeatures(
            FeatureMatrix.FromRows([.. customers.Select(c => new double[] { c.Age, c.AnnualIncomeThousands, c.SpendingScore })], SyntheticSegmentation.FeatureNames),
            [.. customers.Select(c => c.Id)]);
        SegmentationPipeline pipeline = SegmentationPipeline.FromTable(table).WithK(4).WithSeed(1);

        string sampled = pipeline.WithRules(new RuleOptions { SampleSize = 120 }).Run().ToReport().ToHtml();
        string whole = pipeline.Run().ToReport().ToHtml();

        Assert.Contains("of the 300 customers in their segment (it was grown on a random sample of 120 of them).", sampled, StringComparison.Ordinal);
        Assert.DoesNotContain("random sample of", whole, StringComparison.Ordinal);
    }

    [Fact]
    public void Stability_appears_in_the_header_and_its_own_section_when_the_result_has_it()
    {
        SegmentationResult result = SegmentationPipeline.FromTable(SegmentationReportsTests.Segmented(300).Customers)
            .WithK(5).WithStability(new StabilityOptions { Resamples = 5 }).WithSeed(1).Run();
        string html = result.ToReport().ToHtml();
        StabilityResult stability = result.Stability!;

        Assert.Contains($"<dt>Stability (weakest segment)</dt><dd>{ReportSections.Verdict(stability.Verdict)}</dd>", html, StringComparison.Ordinal);
        string[][] rows = ReportPage.TableRows(html, "stability-table");
        Assert.Equal(result.K, rows.Length);
        foreach (SegmentStability segment in stability.Segments)
        {
            Assert.Equal(segment.MeanJaccard.ToString("0.000", CultureInfo.InvariantCulture), rows[segment.Segment - 1][3]);
            Assert.Equal($"{segment.Dissolved} of 5", rows[segment.Segment - 1][4]);
        }
    }

    [Fact]
    public void The_gap_statistic_s_K_is_a_key_figure_when_the_sweep_computed_it()
    {
        SegmentationResult result = SegmentationPipeline.FromTable(SegmentationReportsTests.Segmented(300).Customers)
            .ChooseK(2, 6).WithGapStatistic(references: 3).WithSeed(1).Run();

        Assert.Contains($"<dt>Gap statistic&#39;s K</dt><dd>{result.Elbow!.GapChosenK}</dd>", result.ToReport().ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_mixture_s_membership_section_counts_the_customers_whose_top_probability_is_below_0_8()
    {
        SegmentationResult result = SnakeCase(600, mixture: true);
        string html = result.ToReport().ToHtml();

        Assert.Contains("below 0.8 counts as uncertain", html, StringComparison.Ordinal);
        string[][] rows = ReportPage.TableRows(html, "probabilities-table");
        Assert.Equal(result.K, rows.Length);
        for (int s = 1; s <= result.K; s++)
        {
            double[] top = [.. result.Assignments.Where(a => a.Segment == s).Select(a => a.Probabilities!.Max())];
            Assert.Equal(top.Length.ToString("N0", CultureInfo.InvariantCulture), rows[s - 1][2]);
            Assert.Equal(top.Average().ToString("0.000", CultureInfo.InvariantCulture), rows[s - 1][3]);
            Assert.Equal(top.Count(p => p < 0.8).ToString("N0", CultureInfo.InvariantCulture), rows[s - 1][4]);
        }

        Assert.DoesNotContain("id=\"probabilities\"", SnakeCase(300).ToReport().ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_names_replace_the_generated_labels_in_the_legend_tables_and_download()
    {
        SegmentationResult result = SegmentationReportsTests.Segmented(400);
        var options = new SegmentReportOptions { SegmentNames = SegmentReportOptionsTests.Names((1, "Loyal <b>core</b>"), (result.K, "Bargain hunters")) };

        SegmentReport report = result.ToReport(options);
        string html = report.ToHtml();

        string[] legend = ReportPage.JsonStrings(html);
        Assert.Contains("1 · Loyal &lt;b&gt;core&lt;/b&gt;", legend);
        Assert.Contains($"{result.K} · Bargain hunters", legend);
        Assert.Contains($"2 · {result.Segment(2).Label}", legend); // not named: keeps its label
        Assert.Equal("Loyal <b>core</b>", ReportPage.TableRows(html, "profile-table")[0][1]);
        Assert.Equal("Bargain hunters", ReportPage.TableRows(html, "rules-table")[result.K - 1][1]);
        Assert.DoesNotContain("Loyal <b>core</b>", html, StringComparison.Ordinal);

        string[] csv = Csv(report);
        int first = result.Assignments.ToList().FindIndex(a => a.Segment == 1);
        Assert.Equal($"{result.Assignments[first].CustomerId},1,Loyal <b>core</b>", csv[first + 1]);
    }

    [Fact]
    public void Display_names_and_readable_column_names_head_the_tables_axes_and_rules()
    {
        SegmentationResult result = SnakeCase();
        SegmentReport report = result.ToReport(new SegmentReportOptions { FeatureDisplayNames = SegmentReportOptionsTests.Display(("spendingScore", "Spending score (1-100)")) });
        string html = report.ToHtml();

        string[] headers = ReportPage.TableHeaders(html, "profile-table");
        Assert.Equal(["Age years mean ± sd (min–max)", "Annual income k mean ± sd (min–max)", "Spending score (1-100) mean ± sd (min–max)", "Genre"], headers[4..]);
        string[] shown = ReportPage.JsonStrings(html);
        Assert.Contains("Annual income k", shown); // an axis title
        Assert.Contains(shown, s => s.Contains("<br>Genre: ", StringComparison.Ordinal)); // hover
        string[] rules = [.. ReportPage.TableRows(html, "rules-table").Select(r => r[2])];
        Assert.DoesNotContain(rules, r => r.Contains("annual_income_k", StringComparison.Ordinal) || r.Contains("spendingScore", StringComparison.Ordinal));
        Assert.Contains(rules, r => r.Contains("Spending score (1-100) ", StringComparison.Ordinal) || r.Contains("Annual income k ", StringComparison.Ordinal) || r.Contains("Age years ", StringComparison.Ordinal));
    }

    [Fact]
    public void Generated_labels_of_snake_and_camel_case_columns_read_as_words()
    {
        SegmentationResult result = SnakeCase();

        Assert.All(result.Profiles, p => Assert.DoesNotContain("_", p.Label, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Profiles, p => p.Label.Contains("income k", StringComparison.Ordinal) || p.Label.Contains("years", StringComparison.Ordinal) || p.Label.Contains("spendingscore", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(result.Profiles, p => p.Label.Contains("income", StringComparison.Ordinal) || p.Label.Contains("spending", StringComparison.Ordinal) || p.Label.Contains("Older", StringComparison.Ordinal) || p.Label.Contains("Younger", StringComparison.Ordinal));
    }

    [Fact]
    public void The_download_holds_every_customer_with_number_and_name_and_probabilities_for_a_mixture()
    {
        SegmentationResult result = SnakeCase(600, mixture: true);
        SegmentReport report = result.ToReport();

        string[] csv = Csv(report);
        Assert.Equal(601, csv.Length);
        Assert.Equal("Id,Segment,SegmentLabel," + string.Join(",", Enumerable.Range(1, result.K).Select(s => $"p_segment_{s}")), csv[0]);
        SegmentAssignment a = result.Assignments[17];
        Assert.Equal($"{a.CustomerId},{a.Segment},{a.Label},{string.Join(",", a.Probabilities!.Select(p => p.ToString("0.####", CultureInfo.InvariantCulture)))}", csv[18]);
        Assert.Contains("Download the segments of all 600 customers (CSV)", report.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_scores_table_stars_the_chosen_K_and_sorts_by_value()
    {
        SegmentationResult result = SegmentationReportsTests.Segmented(400);
        string html = result.ToReport().ToHtml();

        string[][] rows = ReportPage.TableRows(html, "scores-table");
        Assert.Equal(result.Elbow!.Curve.Length, rows.Length);
        Assert.Equal(["★ " + result.K], rows.Select(r => r[0]).Where(k => k.StartsWith('★')));
        Assert.Contains($"<th data-label=\"K\" data-sort=\"{result.K}\" scope=\"row\">★ {result.K}</th>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("C001", "C001")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData(" padded", "\" padded\"")]
    [InlineData("=1+2", "\"'=1+2\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    public void Download_cells_are_quoted_and_formulas_neutralised_as_the_csv_exports_do(string text, string cell)
    {
        Assert.Equal(cell, AssignmentsDownload.Escape(text));
        var exported = new StringWriter();
        CustomerSegmentation.Export.CsvTable.Write(exported, ["h"], [[text]], _ => false, options: null);
        Assert.Equal("h\r\n" + cell + "\r\n", exported.ToString());
    }

    [ChromiumTheory]
    [InlineData(1280, 3)]
    [InlineData(1920, 3)]
    [InlineData(1280, 8)]
    [InlineData(1920, 8)]
    public void Every_profile_row_is_visible_and_unclipped(int width, int features)
    {
        SegmentationResult result = WideSegmentation(features);
        string path = Path.Combine(Path.GetTempPath(), $"profile-rows-{Guid.NewGuid():N}.html");
        try
        {
            result.ToReport().Save(path);
            JsonElement verdict = HeadlessChromium.Render(path, expectedPlots: 4, width: width, probe: ReportProbes.ProfileRowsVisible);

            Assert.Equal(0, verdict.GetProperty("errors").GetArrayLength());
            JsonElement probe = verdict.GetProperty("probe");
            Assert.Equal(result.K, probe.GetProperty("rows").GetInt32());
            Assert.True(probe.GetProperty("bad").GetArrayLength() == 0, "rows not fully visible: " + probe);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [ChromiumFact]
    public void The_download_link_holds_every_customer_after_the_page_unpacks_it()
    {
        SegmentationResult result = SegmentationReportsTests.Segmented(700);
        string path = Path.Combine(Path.GetTempPath(), $"download-{Guid.NewGuid():N}.html");
        try
        {
            result.ToReport().Save(path);
            JsonElement verdict = HeadlessChromium.Render(path, expectedPlots: 4, probe: ReportProbes.DownloadedCsv);

            Assert.Equal(0, verdict.GetProperty("errors").GetArrayLength());
            JsonElement csv = verdict.GetProperty("probe");
            Assert.Equal(701, csv.GetProperty("lines").GetInt32());
            Assert.Equal("Id,Segment,SegmentLabel", csv.GetProperty("first").GetString());
            SegmentAssignment first = result.Assignments[0];
            Assert.Equal($"{first.CustomerId},{first.Segment},{first.Label}", csv.GetProperty("second").GetString());
            Assert.Equal("Download the segments of all 700 customers (CSV)", csv.GetProperty("link").GetString());
            Assert.Equal("segment-assignments.csv", csv.GetProperty("download").GetString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [ChromiumFact]
    public void A_million_customer_report_stays_under_10_MB_downloads_every_customer_and_its_render_time_is_recorded()
    {
        const int n = 1_000_000;
        SegmentPlotData data = MillionCustomers(i => "CUST-" + (i + 1).ToString("D7", CultureInfo.InvariantCulture)); // segments in random order
        var report = new SegmentReport(data, SyntheticSegmentation.Elbow());
        string path = Path.Combine(Path.GetTempPath(), $"million-{Guid.NewGuid():N}.html");
        try
        {
            report.Save(path);
            long bytes = new FileInfo(path).Length;
            output.WriteLine($"1,000,000-customer report: {bytes:N0} bytes (download {report.Download.Gzip.Length:N0} bytes gzip before base64)");
            Assert.True(bytes < 10_000_000, $"the report is {bytes:N0} bytes; expected under 10 MB");

            JsonElement verdict = HeadlessChromium.Render(path, expectedPlots: 4, probe: ReportProbes.DownloadedCsv);
            Assert.Equal(0, verdict.GetProperty("errors").GetArrayLength());
            Assert.Equal(n + 1, verdict.GetProperty("probe").GetProperty("lines").GetInt32());
            output.WriteLine($"Chromium drew every plot {verdict.GetProperty("drawnMs").GetDouble():N0} ms after navigation started");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_million_customers_with_random_ids_stay_under_10_MB_and_the_page_says_why_their_file_is_not_embedded()
    {
        var random = new Random(11);
        SegmentPlotData data = MillionCustomers(_ => random.Next(100_000_000, 1_000_000_000).ToString(CultureInfo.InvariantCulture));
        var report = new SegmentReport(data, SyntheticSegmentation.Elbow());

        string html = report.ToHtml();

        output.WriteLine($"1,000,000 random ids: report {Encoding.UTF8.GetByteCount(html):N0} bytes, download {report.Download.Gzip.Length:N0} bytes gzip");
        Assert.True(report.Download.Gzip.Length > AssignmentsDownload.MaxEmbeddedBytes, "the random ids compressed below the budget; the test no longer tests the note");
        Assert.True(Encoding.UTF8.GetByteCount(html) < 10_000_000, "the report is 10 MB or more");
        Assert.DoesNotContain("id=\"download-assignments\"", html, StringComparison.Ordinal);
        Assert.Contains("The file of all 1,000,000 customers takes ", html, StringComparison.Ordinal);
        Assert.Contains("write it with SegmentationResult.WriteAssignmentsCsv", html, StringComparison.Ordinal);
        Assert.Contains("The customers plot shows a random sample of 5,000 of the 1,000,000 customers", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_download_within_the_budget_is_a_link_and_one_over_it_is_a_note_never_nothing()
    {
        AssignmentsDownload download = SyntheticSegmentation.Report(300).Download;

        string within = string.Concat(SegmentReport.DownloadNodes(download, probabilities: false, budget: download.Gzip.Length).Select(Giraffe.ViewEngine.RenderView.AsString.htmlNode));
        string over = string.Concat(SegmentReport.DownloadNodes(download, probabilities: false, budget: download.Gzip.Length - 1).Select(Giraffe.ViewEngine.RenderView.AsString.htmlNode));

        Assert.Contains("id=\"download-assignments\"", within, StringComparison.Ordinal);
        Assert.DoesNotContain("download-too-large", within, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"download-assignments\"", over, StringComparison.Ordinal);
        Assert.Contains("The file of all 300 customers takes", over, StringComparison.Ordinal);
    }

    /// <summary>A million customers in five segments (labels drawn at random) with the ids <paramref name="id"/> gives.</summary>
    private static SegmentPlotData MillionCustomers(Func<int, string> id)
    {
        const int n = 1_000_000;
        var random = new Random(5);
        var columns = new float[3][];
        for (int j = 0; j < 3; j++)
        {
            columns[j] = new float[n];
        }

        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = random.Next(5);
            for (int j = 0; j < 3; j++)
            {
                columns[j][i] = (float)((labels[i] * 10) + (random.NextDouble() * 8));
            }
        }

        string[] ids = [.. Enumerable.Range(0, n).Select(id)];
        return new SegmentPlotData(
            FeatureMatrix.FromColumns(columns, ["age_years", "annual_income_k", "spending_score"]), labels, ["A", "B", "C", "D", "E"], ids,
            [.. Enumerable.Range(0, 5).Select(s => (IReadOnlyList<double>)[s * 10 + 4.0, s * 10 + 4.0, s * 10 + 4.0])]);
    }

    /// <summary>A segmentation with <paramref name="features"/> features (8: every column of the synthetic mall, repeated with noise) and a category.</summary>
    internal static SegmentationResult WideSegmentation(int features)
    {
        SyntheticCustomer[] customers = [.. SyntheticCustomers.Generate(800, 42)];
        var random = new Random(3);
        string[] names = ["Age", "Annual Income (k$)", "Spending Score (1-100)", "Visits per month", "Basket size (EUR)", "Tenure (years)", "Returns share (%)", "Newsletter opens"];
        double[][] rows = [.. customers.Select(c => Enumerable.Range(0, features).Select(j => j switch
        {
            0 => c.Age,
            1 => c.AnnualIncomeThousands,
            2 => c.SpendingScore,
            _ => (c.SpendingScore * (j - 2)) + (random.NextDouble() * 10),
        }).ToArray())];
        var table = CustomerTable.FromFeatures(
            FeatureMatrix.FromRows(rows, names[..features]),
            [.. customers.Select(c => c.Id)],
            new Dictionary<string, IReadOnlyList<string>> { ["Genre"] = [.. customers.Select(c => c.Genre)] });
        return SegmentationPipeline.FromTable(table).ChooseK(2, 8).WithSeed(1).Run();
    }

    /// <summary>The CSV lines the page's script rebuilds from the column-wise payload (header, K, row tails, N, ids, segments, probability tails).</summary>
    private static string[] Csv(SegmentReport report)
    {
        using var gzip = new GZipStream(new MemoryStream(report.Download.Gzip), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        string[] p = reader.ReadToEnd().Split('\0');
        int k = int.Parse(p[1], CultureInfo.InvariantCulture), n = int.Parse(p[2 + k], CultureInfo.InvariantCulture), o = 3 + k;
        bool probabilities = p.Length == o + (3 * n);
        Assert.True(probabilities || p.Length == o + (2 * n), $"the payload has {p.Length} fields for K = {k}, N = {n}");
        return [p[0], .. Enumerable.Range(0, n).Select(i => p[o + i] + "," + p[2 + int.Parse(p[o + n + i], CultureInfo.InvariantCulture) - 1] + (probabilities ? p[o + (2 * n) + i] : ""))];
    }
}
