using CustomerSegmentation.Loyalty;
using CustomerSegmentation.Tests.Loyalty.Lifetime;

namespace CustomerSegmentation.Tests.Loyalty.Tiers;

/// <summary>The projected tier from the lifetime value model: the CDNOW customers at the end of calibration.</summary>
public sealed class ProjectedTierTests
{
    private static readonly Lazy<LifetimeValueResult> Clv = new(() => new LifetimeValueAnalyzer().Analyze(Cdnow.Split.Calibration));

    /// <summary>The twelve months to the end of calibration, 1996-10-01..1997-09-30.</summary>
    private static SpendTierHistory LastYear()
        => SpendTiers.Default.History(Cdnow.Transactions, SpendWindows.Rolling12Months(Cdnow.CalibrationEnd.AddDays(1), 1));

    [CdnowDataFact]
    public void The_projected_spend_is_the_expected_purchases_of_twelve_months_times_the_expected_spend_per_purchase()
    {
        IReadOnlyDictionary<string, decimal> spend = Clv.Value.ProjectedSpend(12);

        Assert.Equal(2357, spend.Count);
        foreach (string id in new[] { "0001", "1516" })
        {
            CustomerPurchases customer = Cdnow.Split.Calibration[id];
            double expected = Clv.Value.Purchases.Parameters.ExpectedPurchases(12 * 4.345, customer) * Clv.Value[id].ExpectedAverageSpend;
            Assert.Equal((decimal)Math.Round(expected, 2, MidpointRounding.AwayFromZero), spend[id]);
        }

        Assert.All(spend.Values, value => Assert.True(value >= 0m));
        Assert.True(spend["1516"] > spend["0001"], "the frequent buyer 1516 is projected to spend more than 0001");
    }

    [CdnowDataFact]
    public void Every_customer_is_projected_into_the_tier_the_projected_spend_earns()
    {
        IReadOnlyDictionary<string, decimal> spend = Clv.Value.ProjectedSpend(12);

        TierMovements projected = LastYear().Project(Clv.Value);

        Assert.Equal(2357, projected.Customers.Length);
        Assert.All(projected.Customers, m =>
        {
            Assert.Equal(spend[m.CustomerId], m.ToSpend);
            Assert.Equal(m.ToSpend > 0m ? SpendTiers.Default.TierOf(m.ToSpend) : null, m.To);
        });
        Assert.Equal(2357, projected.ByKind.Sum(k => k.Customers));
    }

    [CdnowDataFact]
    public void A_projection_of_no_months_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Clv.Value.ProjectedSpend(0));

        Assert.Contains("1 to 1200 months", error.Message, StringComparison.Ordinal);
    }

    [CdnowDataFact]
    public void A_customer_of_the_history_the_model_does_not_know_is_named()
    {
        SpendTierHistory history = SpendTiers.Default.History(
            [new Transaction("Z-unknown", new DateTime(1997, 5, 1), 20m, null)], SpendWindows.Rolling12Months(Cdnow.CalibrationEnd.AddDays(1), 1));

        var error = Assert.Throws<ArgumentException>(() => history.Project(Clv.Value));

        Assert.Contains("'Z-unknown'", error.Message, StringComparison.Ordinal);
    }
}
