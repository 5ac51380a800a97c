using System.Text.Json;

using CustomerSegmentation.Data;
using CustomerSegmentation.Loyalty;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Plotly.Loyalty;

namespace CustomerSegmentation.Plotly.Tests;

/// <summary>The loyalty charts draw the numbers of the results, checked on data small enough to count by hand.</summary>
public sealed class LoyaltyChartsTests
{
    [Fact]
    public void The_rfm_grid_counts_each_customer_in_its_recency_and_frequency_cell()
    {
        JsonElement trace = ChartJson.Of(LoyaltyCharts.RfmGrid(LoyaltyFixtures.Tiny())).Traces.Single();

        double[][] z = [.. trace.GetProperty("z").EnumerateArray().Select(ChartJson.Numbers)];
        for (int r = 0; r < 5; r++)
        {
            Assert.Equal([.. Enumerable.Range(0, 5).Select(f => f == r ? 1d : 0d)], z[r]);
        }

        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        Assert.Equal([1d, 2, 3, 4, 5], ChartJson.Numbers(trace.GetProperty("x")));
        Assert.Equal([1d, 2, 3, 4, 5], ChartJson.Numbers(trace.GetProperty("y")));
    }

    [Fact]
    public void The_revenue_grid_sums_monetary_per_cell_and_both_grids_hover_with_counts_money_and_segment()
    {
        RfmResult rfm = LoyaltyFixtures.Tiny();
        JsonElement money = ChartJson.Of(LoyaltyCharts.RfmGridRevenue(rfm)).Traces.Single();
        JsonElement customers = ChartJson.Of(LoyaltyCharts.RfmGrid(rfm)).Traces.Single();

        double[][] z = [.. money.GetProperty("z").EnumerateArray().Select(ChartJson.Numbers)];
        Assert.Equal([10d, 40, 90, 160, 500], Enumerable.Range(0, 5).Select(i => z[i][i]));
        Assert.Equal(800d, z.Sum(row => row.Sum()));
        foreach (JsonElement trace in new[] { money, customers })
        {
            JsonElement[][] custom = [.. trace.GetProperty("customdata").EnumerateArray().Select(row => row.EnumerateArray().ToArray())];
            Assert.Equal(["1", "500.00", "Champions"], ChartJson.Strings(custom[4][4]));
            Assert.Equal(["1", "10.00", "Hibernating"], ChartJson.Strings(custom[0][0]));
            Assert.Equal(["0", "0.00", "At Risk"], ChartJson.Strings(custom[1][3])); // R 2, F 4
            Assert.Contains("%{customdata[0]} customers", trace.GetProperty("hovertemplate").GetString());
            Assert.Contains("revenue %{customdata[1]}", trace.GetProperty("hovertemplate").GetString());
        }

        Assert.Equal("500", ChartJson.Strings(money.GetProperty("text")[4])[4]);
    }

    [Fact]
    public void The_segment_bars_give_each_segment_its_share_of_customers_and_of_revenue()
    {
        JsonElement[] traces = ChartJson.Of(LoyaltyCharts.Segments(LoyaltyFixtures.Tiny())).Traces;

        Assert.Equal(["Customers", "Revenue"], traces.Select(t => t.GetProperty("name").GetString()));
        string[] names = ChartJson.Strings(traces[0].GetProperty("y"));
        Assert.Equal(Enum.GetValues<RfmSegment>().Select(s => s.DisplayName()), names);
        Dictionary<string, double> customers = names.Zip(ChartJson.Numbers(traces[0].GetProperty("x"))).ToDictionary(p => p.First, p => p.Second);
        Dictionary<string, double> revenue = names.Zip(ChartJson.Numbers(traces[1].GetProperty("x"))).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal(40d, customers["Hibernating"], 9);
        Assert.Equal(20d, customers["Champions"], 9);
        Assert.Equal(0d, customers["At Risk"], 9);
        Assert.Equal(62.5, revenue["Champions"], 9); // 500 of 800
        Assert.Equal(20d, revenue["Loyal Customers"], 9); // 160 of 800
        Assert.Equal(11.25, revenue["Need Attention"], 9); // 90 of 800
        Assert.Equal(6.25, revenue["Hibernating"], 9); // 10 + 40 of 800
        Assert.Equal(["2", "50.00"], ChartJson.Strings(traces[1].GetProperty("customdata")[names.ToList().IndexOf("Hibernating")]));
    }

    [Fact]
    public void The_tier_bars_count_customers_and_revenue_per_tier_from_annualised_spend()
    {
        // Everyone's tenure is the 41-day window, so annualised spend = Monetary x 365 / 41: A 89, B 356 (Bronze), C 801 (Silver), D 1,424, E 4,451 (Gold).
        SpendTierAssignment tiers = LoyaltyFixtures.ThreeTiers.Assign(LoyaltyFixtures.Tiny());
        JsonElement[] traces = ChartJson.Of(LoyaltyCharts.Tiers(tiers)).Traces;

        Assert.Equal(["Bronze (0.00 to 500.00)", "Silver (500.00 to 1,000.00)", "Gold (from 1,000.00)"], ChartJson.Strings(traces[0].GetProperty("y")));
        Assert.Equal([40d, 20, 40], ChartJson.Numbers(traces[0].GetProperty("x")));
        Assert.Equal([6.25, 11.25, 82.5], ChartJson.Numbers(traces[1].GetProperty("x")));
        Assert.Equal(["2", "50.00"], ChartJson.Strings(traces[0].GetProperty("customdata")[0]));
        Assert.Equal(["2", "660.00"], ChartJson.Strings(traces[0].GetProperty("customdata")[2]));
    }

    [Fact]
    public void The_movement_matrix_puts_each_customer_in_the_cell_of_its_earlier_and_later_tier()
    {
        // X: Silver (600) then Gold (1,200); Y: Gold then Bronze (100); Z: nothing then Bronze (50); W: Bronze (50) then nothing.
        Transaction[] transactions =
        [
            new("X", new DateTime(2023, 3, 1), 600m), new("X", new DateTime(2024, 3, 1), 1_200m),
            new("Y", new DateTime(2023, 3, 1), 1_200m), new("Y", new DateTime(2024, 3, 1), 100m),
            new("Z", new DateTime(2024, 5, 1), 50m),
            new("W", new DateTime(2023, 5, 1), 50m),
        ];
        TierMovements movements = LoyaltyFixtures.ThreeTiers.History(transactions, SpendWindows.CalendarYears(2023, 2024)).Movements[0];

        JsonElement trace = ChartJson.Of(LoyaltyCharts.TierMovements(movements)).Traces.Single();

        Assert.Equal(["No tier", "Bronze", "Silver", "Gold"], ChartJson.Strings(trace.GetProperty("x")));
        Assert.Equal(["No tier", "Bronze", "Silver", "Gold"], ChartJson.Strings(trace.GetProperty("y")));
        double[][] z = [.. trace.GetProperty("z").EnumerateArray().Select(ChartJson.Numbers)];
        Assert.Equal([0d, 1, 0, 0], z[0]); // Z: no tier -> Bronze
        Assert.Equal([1d, 0, 0, 0], z[1]); // W: Bronze -> no tier
        Assert.Equal([0d, 0, 0, 1], z[2]); // X: Silver -> Gold
        Assert.Equal([0d, 1, 0, 0], z[3]); // Y: Gold -> Bronze
    }

    [Fact]
    public void A_skewed_figure_is_binned_on_a_log_scale_and_a_flat_one_in_equal_widths()
    {
        // Median 10, largest 1,000 (100 times): skewed. Edges 1, 10, 100, 1,000; 1 and 1 in the first bin, 10 in the second, 100 and 1,000 in the last.
        Distribution skewed = Distribution.Of([1, 1, 10, 100, 1_000], 3);
        Assert.True(skewed.IsLog);
        Assert.Equal([1d, 10, 100, 1_000], skewed.Edges.Select(e => Math.Round(e, 9)));
        Assert.Equal([2, 1, 2], skewed.Counts.ToArray());

        // 1..10: median 5.5, largest 10 (1.8 times): equal widths of 3 from 1 to 10.
        Distribution flat = Distribution.Of([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 3);
        Assert.False(flat.IsLog);
        Assert.Equal([1d, 4, 7, 10], flat.Edges.ToArray());
        Assert.Equal([3, 3, 4], flat.Counts.ToArray());
    }

    [Fact]
    public void On_a_log_scale_zero_values_are_counted_in_the_first_bin_and_said_to_be_below_it()
    {
        Distribution d = Distribution.Of([0, 1, 1, 10, 100, 1_000], 3);

        Assert.True(d.IsLog);
        Assert.Equal(1, d.BelowRange);
        Assert.Equal([3, 1, 2], d.Counts.ToArray());
        Assert.Equal(20d, Distribution.SkewRatio);
        Assert.False(Distribution.IsSkewed([1, 2, 20])); // largest exactly 10 times the median 2
        Assert.True(Distribution.IsSkewed([1, 1, 21])); // 21 times the median 1
        Assert.True(Distribution.IsSkewed([0, 0, 5])); // median 0
        Assert.False(Distribution.IsSkewed([-5, -1, 0]));
    }

    [Fact]
    public void Log_ticks_are_powers_of_ten_with_two_and_five_between_when_the_range_is_short()
    {
        (double[] values, string[] labels) = LoyaltyCharts.LogTicks(1, 1_000);
        Assert.Equal(["1", "2", "5", "10", "20", "50", "100", "200", "500", "1k"], labels);
        Assert.Equal(Math.Log10(200), values[7], 12);

        Assert.Equal(["1", "10", "100", "1k", "10k", "100k"], LoyaltyCharts.LogTicks(0.5, 200_000).Labels);
    }

    [Fact]
    public void The_clv_histogram_has_a_linear_axis_for_the_synthetic_customers_and_counts_every_customer()
    {
        LifetimeValueResult clv = LoyaltyFixtures.SyntheticResults.LifetimeValue;
        ChartJson chart = ChartJson.Of(LoyaltyCharts.LifetimeValues(clv));
        double[] values = [.. clv.Customers.Select(c => c.Clv)];
        Assert.False(Distribution.IsSkewed(values), "the synthetic CLV is expected to be mild; max/median = " + (values.Max() / MathNet.Numerics.Statistics.Statistics.Median(values)));

        JsonElement bars = chart.Traces.Single();
        Assert.Equal(clv.Customers.Length, ChartJson.Numbers(bars.GetProperty("y")).Sum());
        Assert.Equal(LoyaltyCharts.LifetimeValueBins, bars.GetProperty("y").GetArrayLength());
        Assert.False(chart.Layout.GetProperty("xaxis").TryGetProperty("tickvals", out _));
        Assert.DoesNotContain("log", chart.Layout.GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void The_p_alive_histogram_has_twenty_bars_from_zero_to_one_holding_every_customer()
    {
        LifetimeValueResult clv = LoyaltyFixtures.SyntheticResults.LifetimeValue;
        JsonElement bars = ChartJson.Of(LoyaltyCharts.ProbabilityAlive(clv)).Traces.Single();

        double[] x = ChartJson.Numbers(bars.GetProperty("x"));
        Assert.Equal(20, x.Length);
        Assert.Equal(0.025, x[0], 12);
        Assert.Equal(0.975, x[^1], 12);
        Assert.Equal(clv.Customers.Length, ChartJson.Numbers(bars.GetProperty("y")).Sum());
        int alive = clv.Customers.Count(c => c.ProbabilityAlive >= 0.95);
        Assert.Equal(alive, ChartJson.Numbers(bars.GetProperty("y"))[^1]);
    }

    [Fact]
    public void The_rfm_clusters_get_log_axes_on_the_skewed_positive_features_only()
    {
        // Recency flat; Frequency skewed (max 100, median 2); Monetary skewed but with a zero (cannot be logged).
        double[][] rows = [.. Enumerable.Range(0, 40).Select(i => new double[] { 10 + (i % 5), i == 0 ? 100 : 1 + (i % 3), i == 1 ? 0 : i == 2 ? 5_000 : 20 + i })];
        SegmentationResult result = Clustering(rows);

        ChartJson chart = ChartJson.Of(LoyaltyCharts.RfmClusters(result));

        JsonElement scene = chart.Layout.GetProperty("scene");
        Assert.Equal("linear", scene.GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Equal("log", scene.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal("linear", scene.GetProperty("zaxis").GetProperty("type").GetString());
        Assert.Equal("Frequency", scene.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.False(chart.Layout.TryGetProperty("width", out _));
        Assert.True(chart.Layout.GetProperty("autosize").GetBoolean());
    }

    [Fact]
    public void Rfm_clusters_on_log_scaling_get_log_axes_on_every_positive_feature_and_linear_ones_where_values_reach_zero()
    {
        // The synthetic data has customers whose returns exceed their purchases (Monetary <= 0): that axis stays linear.
        SegmentationResult clustering = LoyaltyFixtures.SyntheticResults.Clustering;
        Assert.Contains(LoyaltyFixtures.SyntheticResults.Rfm.Records, r => r.Monetary <= 0);
        Assert.Equal([true, true, false], LoyaltyCharts.RfmLogAxes(clustering));

        // Analysed on the last day itself, the last day's buyers have Recency 0: that axis cannot be logarithmic.
        IReadOnlyList<Transaction> transactions = LoyaltyFixtures.SyntheticResults.Transactions;
        RfmResult sameDay = new RfmAnalyzer(new RfmOptions { AnalysisDate = transactions.Max(t => DateOnly.FromDateTime(t.Timestamp)) }).Analyze(transactions);
        Assert.Contains(sameDay.Records, r => r.Recency == 0);
        SegmentationResult zero = sameDay.ToSegmentationPipeline().WithK(3).WithSeed(5).Run();
        Assert.Equal([false, true, false], LoyaltyCharts.RfmLogAxes(zero));
    }

    [Fact]
    public void Rfm_clusters_need_the_three_rfm_features_and_the_message_lists_the_ones_there()
    {
        var table = CustomerTable.FromFeatures(
            FeatureMatrix.FromRows([.. Enumerable.Range(0, 20).Select(i => new double[] { i, i % 4, i * 2 })], ["Age", "Income", "Score"]),
            [.. Enumerable.Range(0, 20).Select(i => "c" + i)]);
        SegmentationResult result = SegmentationPipeline.FromTable(table).WithK(2).WithSeed(1).Run();

        var e = Assert.Throws<ArgumentException>(() => LoyaltyCharts.RfmClusters(result));
        Assert.Equal("clustering", e.ParamName);
        Assert.Contains("no feature 'Recency' (it has Age, Income, Score)", e.Message);
    }

    [Fact]
    public void Every_loyalty_chart_fills_its_container_and_has_a_fixed_height()
    {
        LoyaltyFixtures.Synthetic s = LoyaltyFixtures.SyntheticResults;
        foreach (global::Plotly.NET.GenericChart chart in new[]
        {
            LoyaltyCharts.RfmGrid(s.Rfm), LoyaltyCharts.RfmGridRevenue(s.Rfm), LoyaltyCharts.Segments(s.Rfm), LoyaltyCharts.Tiers(s.Tiers),
            LoyaltyCharts.TierMovements(s.Movements), LoyaltyCharts.LifetimeValues(s.LifetimeValue), LoyaltyCharts.ProbabilityAlive(s.LifetimeValue),
            LoyaltyCharts.RfmClusters(s.Clustering),
        })
        {
            string json = global::Plotly.NET.GenericChart.toJson(chart);
            JsonElement root = JsonDocument.Parse(json).RootElement;
            Assert.False(root.GetProperty("layout").TryGetProperty("width", out _), json[..200]);
            Assert.True(root.GetProperty("layout").GetProperty("height").GetInt32() >= 300, json[..200]);
            Assert.True(root.GetProperty("config").GetProperty("responsive").GetBoolean(), json[..200]);
        }
    }

    [Fact]
    public void A_loyalty_chart_is_a_page_of_its_own_with_plotly_js_embedded()
    {
        string html = LoyaltyCharts.RfmGrid(LoyaltyFixtures.Tiny()).ToHtmlPage("RFM grid");

        Assert.Contains("plotly.js v", html);
        Assert.Single(ReportPage.ChartScripts(html), s => s.Contains("Plotly.newPlot", StringComparison.Ordinal));
    }

    [Fact]
    public void Null_results_are_rejected_by_every_chart()
    {
        Assert.Equal("rfm", Assert.Throws<ArgumentNullException>(() => LoyaltyCharts.RfmGrid(null!)).ParamName);
        Assert.Equal("rfm", Assert.Throws<ArgumentNullException>(() => LoyaltyCharts.RfmGridRevenue(null!)).ParamName);
        Assert.Equal("rfm", Assert.Throws<ArgumentNullException>(() => LoyaltyCharts.Segments(null!)).ParamName);
        Assert.Equal("tiers", Assert.Throws<ArgumentNullException>(() => LoyaltyCharts.Tiers(null!)).ParamName);
        Assert.Equal("movements", Assert.Throws<ArgumentNullException>(() => LoyaltyCharts.TierMovements(null!)).ParamName);
        Assert.Equal("clv", Assert.Throws<ArgumentNullException>(() => LoyaltyCharts.LifetimeValues(null!)).ParamName);
        Assert.Equal("clv", Assert.Throws<ArgumentNullException>(() => LoyaltyCharts.ProbabilityAlive(null!)).ParamName);
        Assert.Equal("clustering", Assert.Throws<ArgumentNullException>(() => LoyaltyCharts.RfmClusters(null!)).ParamName);
    }

    private static SegmentationResult Clustering(double[][] rows)
    {
        var table = CustomerTable.FromFeatures(FeatureMatrix.FromRows(rows, RfmResult.FeatureNames), [.. rows.Select((_, i) => "c" + i)]);
        return SegmentationPipeline.FromTable(table).WithK(2).WithSeed(1).Run();
    }
}
