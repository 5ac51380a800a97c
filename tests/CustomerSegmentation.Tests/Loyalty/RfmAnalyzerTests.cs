using CustomerSegmentation.Data;
using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Tests.Loyalty;

public sealed class RfmAnalyzerTests
{
    private static readonly RfmResult Fixture = new RfmAnalyzer().Analyze(RfmFixture.Read());

    [Fact]
    public void Fixture_matches_the_hand_computed_values_scores_cells_and_segments()
    {
        Assert.Equal(new DateOnly(2024, 4, 1), Fixture.AnalysisDate);
        Assert.Equal(FrequencyBasis.Orders, Fixture.FrequencyBasis);
        Assert.Equal(RfmFixture.Expected.Select(e => e.Id), Fixture.CustomerIds);
        foreach (var e in RfmFixture.Expected)
        {
            RfmRecord r = Fixture[e.Id];
            Assert.Equal(
                (e.Id, e.Recency, e.Frequency, e.Monetary, e.R, e.F, e.M, e.Cell, e.Segment),
                (r.CustomerId, r.Recency, r.Frequency, r.Monetary, r.RecencyScore, r.FrequencyScore, r.MonetaryScore, r.Cell, r.Segment));
        }
    }

    [Fact]
    public void Fixture_dates_tenure_average_order_value_and_annualised_spend()
    {
        // Window: first purchase 2024-01-01 to 2024-04-01 = 91 days, so every customer is annualised over 91 days.
        Assert.Equal(91, Fixture.ObservedWindowDays);
        RfmRecord a = Fixture["A"];
        Assert.Equal(new DateTime(2024, 1, 1, 10, 0, 0), a.FirstPurchase);
        Assert.Equal(new DateTime(2024, 3, 31, 18, 45, 0), a.LastPurchase);
        Assert.Equal(91, a.TenureDays);
        Assert.Equal(100m, a.AverageOrderValue);
        Assert.Equal(2005.49m, a.AnnualisedSpend); // 500 * 365 / 91 = 2005.4945...
        RfmRecord g = Fixture["G"];
        Assert.Equal(89, g.TenureDays);
        Assert.Equal(150m, g.AverageOrderValue);
        Assert.Equal(3609.89m, g.AnnualisedSpend); // 900 * 365 / 91 = 3609.8901...
        Assert.Equal(75m, Fixture["H"].AverageOrderValue);
        Assert.Equal(2340m, Fixture.TotalMonetary);
    }

    [Fact]
    public void Netted_return_lowers_monetary_but_not_recency_or_frequency()
    {
        RfmResult net = new RfmAnalyzer().Analyze(RfmFixture.Read(ReturnsPolicy.NetAgainstPurchases));
        RfmRecord e = net["E"];
        Assert.Equal((20, 3, 130m), (e.Recency, e.Frequency, e.Monetary));
        Assert.Equal(2320m, net.TotalMonetary);
    }

    [Fact]
    public void Frequency_counts_purchase_days_without_order_ids()
    {
        Transaction[] lines =
        [
            new("x", new DateTime(2024, 1, 1, 9, 0, 0), 10m),
            new("x", new DateTime(2024, 1, 1, 17, 0, 0), 10m),
            new("x", new DateTime(2024, 1, 3, 9, 0, 0), 10m),
            new("y", new DateTime(2024, 1, 2, 9, 0, 0), 5m),
        ];
        RfmResult result = new RfmAnalyzer().Analyze(lines);

        Assert.Equal(FrequencyBasis.PurchaseDays, result.FrequencyBasis);
        Assert.Equal(2, result["x"].Frequency);
        Assert.Equal(new DateOnly(2024, 1, 4), result.AnalysisDate);
        Assert.Equal((1, 2), (result["x"].Recency, result["y"].Recency));
        Assert.Equal(3, new RfmAnalyzer(new RfmOptions { Frequency = FrequencyBasis.PurchaseDays }).Analyze(RfmFixture.Read())["C"].Frequency);
    }

    [Fact]
    public void Explicit_analysis_date_moves_recency_and_tenure()
    {
        RfmResult result = new RfmAnalyzer(new RfmOptions { AnalysisDate = new DateOnly(2024, 4, 11) }).Analyze(RfmFixture.Read());
        Assert.Equal((11, 101), (result["A"].Recency, result["A"].TenureDays));
        Assert.Equal(100, result["J"].Recency);
    }

    [Fact]
    public void Analysis_date_before_the_last_purchase_is_rejected()
    {
        var analyzer = new RfmAnalyzer(new RfmOptions { AnalysisDate = new DateOnly(2024, 3, 1) });
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => analyzer.Analyze(RfmFixture.Read()));
        Assert.Contains("AnalysisDate 2024-03-01 is before the last purchase on 2024-03-31", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_inputs_are_rejected_with_a_reason()
    {
        var analyzer = new RfmAnalyzer();
        Assert.Contains("no transactions", Assert.Throws<ArgumentException>(() => analyzer.Analyze(Array.Empty<Transaction>())).Message, StringComparison.Ordinal);

        Transaction[] onlyReturns = [new("x", new DateTime(2024, 1, 1), 5m), new("z", new DateTime(2024, 1, 2), -5m)];
        Assert.Contains("Customer 'z' has only returns", Assert.Throws<ArgumentException>(() => analyzer.Analyze(onlyReturns)).Message, StringComparison.Ordinal);

        Transaction[] blank = [new(" ", new DateTime(2024, 1, 1), 5m)];
        Assert.Contains("Transaction 0 has a blank customer id", Assert.Throws<ArgumentException>(() => analyzer.Analyze(blank)).Message, StringComparison.Ordinal);

        Transaction[] noOrder = [new("x", new DateTime(2024, 1, 1), 5m, "o1"), new("y", new DateTime(2024, 1, 2), 5m)];
        var byOrders = new RfmAnalyzer(new RfmOptions { Frequency = FrequencyBasis.Orders });
        Assert.Contains("transaction 1 (customer 'y'", Assert.Throws<ArgumentException>(() => byOrders.Analyze(noOrder)).Message, StringComparison.Ordinal);
        Assert.Equal(FrequencyBasis.PurchaseDays, analyzer.Analyze(noOrder).FrequencyBasis);

        Assert.Throws<ArgumentOutOfRangeException>(() => new RfmOptions { Frequency = (FrequencyBasis)9 });
        Assert.Contains("'nobody'", Assert.Throws<KeyNotFoundException>(() => Fixture["nobody"]).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Customer_table_holds_RFM_in_original_units_with_segment_cell_and_tier()
    {
        SpendTierAssignment tiers = SpendTiers.Default.Assign(Fixture);
        CustomerTable table = Fixture.ToCustomerTable(tiers);

        Assert.Equal<string>(["Recency", "Frequency", "Monetary"], table.Features.FeatureNames);
        Assert.Equal<string>(Fixture.CustomerIds, table.Ids);
        int g = Fixture.CustomerIds.IndexOf("G");
        Assert.Equal(45f, table.Features[g, 0]);
        Assert.Equal(6f, table.Features[g, 1]);
        Assert.Equal(900f, table.Features[g, 2]);
        Assert.Equal(Fixture["G"].Segment.DisplayName(), table.Attributes["RFM segment"][g]);
        Assert.Equal(Fixture["G"].Cell, table.Attributes["RFM cell"][g]);
        Assert.Equal(tiers.Tiers[g], table.Attributes["Spend tier"][g]);

        Transaction[] other = [new("x", new DateTime(2024, 1, 1), 5m)];
        SpendTierAssignment foreign = SpendTiers.Default.Assign(new RfmAnalyzer().Analyze(other));
        Assert.Contains("other customers", Assert.Throws<ArgumentException>(() => Fixture.ToCustomerTable(foreign)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_summaries_cover_all_ten_segments()
    {
        var summaries = Fixture.SegmentSummaries();
        Assert.Equal(Enum.GetValues<RfmSegment>(), summaries.Select(s => s.Segment));
        Assert.Equal(10, summaries.Sum(s => s.CustomerCount));
        RfmSegmentSummary loyal = summaries.Single(s => s.Segment == RfmSegment.LoyalCustomers);
        Assert.Equal((2, 0.2, 450m, 15d, 3.5, 225m), (loyal.CustomerCount, loyal.Share, loyal.TotalMonetary, loyal.MeanRecency, loyal.MeanFrequency, loyal.MeanMonetary));
        Assert.Equal(0, summaries.Single(s => s.Segment == RfmSegment.Promising).CustomerCount);
        Assert.Equal("Can't Lose", summaries.Single(s => s.Segment == RfmSegment.CantLose).Name);
    }

    [Theory]
    [InlineData(1, 1, RfmSegment.Hibernating)]
    [InlineData(2, 2, RfmSegment.Hibernating)]
    [InlineData(1, 3, RfmSegment.AtRisk)]
    [InlineData(2, 4, RfmSegment.AtRisk)]
    [InlineData(2, 5, RfmSegment.CantLose)]
    [InlineData(3, 1, RfmSegment.AboutToSleep)]
    [InlineData(3, 2, RfmSegment.AboutToSleep)]
    [InlineData(3, 3, RfmSegment.NeedAttention)]
    [InlineData(3, 4, RfmSegment.LoyalCustomers)]
    [InlineData(4, 5, RfmSegment.LoyalCustomers)]
    [InlineData(4, 1, RfmSegment.Promising)]
    [InlineData(5, 1, RfmSegment.NewCustomers)]
    [InlineData(4, 2, RfmSegment.PotentialLoyalists)]
    [InlineData(5, 3, RfmSegment.PotentialLoyalists)]
    [InlineData(5, 4, RfmSegment.Champions)]
    [InlineData(5, 5, RfmSegment.Champions)]
    public void Segment_grid_follows_the_reference(int r, int f, RfmSegment expected) =>
        Assert.Equal(expected, RfmSegments.Classify(r, f));

    [Fact]
    public void Segment_grid_covers_every_score_pair_and_rejects_others()
    {
        var seen = new HashSet<RfmSegment>();
        for (int r = 1; r <= 5; r++)
        {
            for (int f = 1; f <= 5; f++)
            {
                seen.Add(RfmSegments.Classify(r, f));
            }
        }

        Assert.Equal(10, seen.Count);
        Assert.Equal("recencyScore", Assert.Throws<ArgumentOutOfRangeException>(() => RfmSegments.Classify(0, 3)).ParamName);
        Assert.Equal("frequencyScore", Assert.Throws<ArgumentOutOfRangeException>(() => RfmSegments.Classify(3, 6)).ParamName);
        Assert.Equal(
            ["Champions", "Loyal Customers", "Potential Loyalists", "New Customers", "Promising", "Need Attention", "About to Sleep", "At Risk", "Can't Lose", "Hibernating"],
            Enum.GetValues<RfmSegment>().Select(s => s.DisplayName()));
    }

    [Fact]
    public void Counts_purchase_days_thousands_of_years_apart()
    {
        // Days spanning years 1 to 9999 are too wide a range for the stamp table: the groups are sorted instead.
        Transaction[] lines =
        [
            new("A", new DateTime(1, 1, 1), 10m, null),
            new("A", new DateTime(1, 1, 1, 12, 0, 0), 5m, null),
            new("A", new DateTime(9999, 12, 30), 7m, null),
            new("B", new DateTime(9999, 12, 30), 3m, null),
            new("B", new DateTime(5000, 6, 1), -2m, null),
            new("B", new DateTime(5000, 6, 2), 4m, null),
        ];

        RfmResult result = new RfmAnalyzer(new RfmOptions { AnalysisDate = new DateOnly(9999, 12, 31) }).Analyze(lines);

        Assert.Equal(FrequencyBasis.PurchaseDays, result.FrequencyBasis);
        Assert.Equal(2, result["A"].Frequency);
        Assert.Equal(2, result["B"].Frequency);
    }
}
