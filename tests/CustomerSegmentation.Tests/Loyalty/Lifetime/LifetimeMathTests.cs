using CustomerSegmentation.Data;
using CustomerSegmentation.Loyalty;

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Loyalty.Lifetime;

/// <summary>The Gauss hypergeometric function against closed forms, and laws of the models.</summary>
public sealed class LifetimeMathTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void Hypergeometric_matches_closed_forms(double z)
    {
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z (direct series, a + b = c).
        Assert.Equal(-Math.Log(1 - z) / z, GaussHypergeometric.Value(1, 1, 2, z), 1e-12 * (-Math.Log(1 - z) / z));
        // 2F1(a, b; b; z) = (1 - z)^-a, through Euler's transformation (a + b > c).
        Assert.Equal(Math.Pow(1 - z, -5), GaussHypergeometric.Value(5, 3, 3, z), 1e-12 * Math.Pow(1 - z, -5));
        Assert.Equal(-5 * Math.Log(1 - z), GaussHypergeometric.Log(5, 3, 3, z), 1e-12);
        // 2F1(1/2, 1/2; 3/2; s^2) = asin(s) / s.
        double s = Math.Sqrt(z);
        Assert.Equal(Math.Asin(s) / s, GaussHypergeometric.Value(0.5, 0.5, 1.5, z), 1e-12);
    }

    public static class Generators
    {
        public static Arbitrary<(double A, double B, double C, double Z)> Parameters()
            => Arb.From(
                from a in Gen.Choose(1, 100)
                from b in Gen.Choose(1, 100)
                from c in Gen.Choose(10, 100)
                from z in Gen.Choose(0, 90)
                select (a / 20d, b / 20d, c / 20d, z / 100d));
    }

    [Property(Arbitrary = new[] { typeof(Generators) }, MaxTest = 300)]
    public Property Euler_transformation_holds((double A, double B, double C, double Z) p)
    {
        double direct = GaussHypergeometric.Series(p.A, p.B, p.C, p.Z);
        double euler = Math.Pow(1 - p.Z, p.C - p.A - p.B) * GaussHypergeometric.Series(p.C - p.A, p.C - p.B, p.C, p.Z);
        return (Math.Abs(direct - euler) <= 1e-9 * Math.Abs(direct)).Label($"{direct} vs {euler}");
    }

    [Fact]
    public void Without_discounting_CLV_is_spend_times_the_purchases_over_the_horizon()
    {
        var bg = new BgNbdParameters(0.25, 4.4, 0.8, 2.4);
        var customer = new CustomerPurchases("c", 3, 20, 30, 40);
        PurchaseSummary summary = PurchaseSummary.FromRecords([customer, new CustomerPurchases("d", 1, 5, 30, 10)], PeriodUnit.Weeks);
        GammaGammaFit spend = new GammaGammaEstimator().Fit(summary);
        BgNbdFit purchases = new BgNbdEstimator().Fit(summary);

        LifetimeValueResult result = new LifetimeValueAnalyzer(new LifetimeValueOptions { MonthlyDiscountRate = 0, HorizonMonths = 6 }).Analyze(summary, purchases, spend);

        double expected = spend.Parameters.ExpectedAverageSpend(customer) * purchases.Parameters.ExpectedPurchases(6 * 4.345, customer);
        Assert.Equal(expected, result["c"].Clv, 1e-9 * expected);
        Assert.True(bg.ExpectedPurchasesOfNewCustomer(52) > bg.ExpectedPurchasesOfNewCustomer(26));
    }

    [Fact]
    public void A_summary_without_repeat_buyers_is_refused_by_both_models()
    {
        PurchaseSummary once = PurchaseSummary.FromRecords([new CustomerPurchases("a", 0, 0, 10, 0), new CustomerPurchases("b", 0, 0, 12, 0)], PeriodUnit.Weeks);

        var bg = Assert.Throws<ArgumentException>(() => new BgNbdEstimator().Fit(once));
        Assert.Contains("repeat purchase", bg.Message, StringComparison.Ordinal);
        var gg = Assert.Throws<ArgumentException>(() => new GammaGammaEstimator().Fit(once));
        Assert.Contains("at least two repeat buyers", gg.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_holdout_before_the_first_purchase_is_refused()
    {
        TransactionSet set = TransactionCsv.Read(new StringReader("CustomerId,Timestamp,Amount\na,2024-03-01,10\na,2024-03-05,12\n"));

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CalibrationHoldout.Split(set, new DateOnly(2024, 1, 1), new DateOnly(2024, 6, 1)));
        Assert.Contains("before the first purchase", e.Message, StringComparison.Ordinal);
        Assert.Equal("calibrationEnd", e.ParamName);
        var order = Assert.Throws<ArgumentOutOfRangeException>(() => CalibrationHoldout.Split(set, new DateOnly(2024, 6, 1), new DateOnly(2024, 5, 1)));
        Assert.Contains("must be after the calibration end", order.Message, StringComparison.Ordinal);
        var summary = Assert.Throws<ArgumentOutOfRangeException>(() => PurchaseSummary.FromTransactions(set, new DateOnly(2024, 1, 1)));
        Assert.Contains("No customer bought on or before", summary.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_records_and_options_are_refused_naming_the_problem()
    {
        Assert.Contains("at least the recency", Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerPurchases("a", 1, 5, 4, 1)).Message, StringComparison.Ordinal);
        Assert.Contains("must be 0", Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerPurchases("a", 0, 1, 4, 0)).Message, StringComparison.Ordinal);
        Assert.Contains("appears twice", Assert.Throws<ArgumentException>(() => PurchaseSummary.FromRecords([new CustomerPurchases("a", 0, 0, 1, 0), new CustomerPurchases("a", 0, 0, 2, 0)], PeriodUnit.Days)).Message, StringComparison.Ordinal);
        Assert.Contains("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new BgNbdParameters(1, double.NaN, 1, 1)).Message, StringComparison.Ordinal);
        Assert.Contains("q = 0.5", Assert.Throws<InvalidOperationException>(() => new GammaGammaParameters(1, 0.5, 1).PopulationMeanSpend).Message, StringComparison.Ordinal);
        Assert.Contains("HorizonMonths", Assert.Throws<ArgumentOutOfRangeException>(() => new LifetimeValueOptions { HorizonMonths = 0 }).Message, StringComparison.Ordinal);
        Assert.Contains("MonthlyDiscountRate", Assert.Throws<ArgumentOutOfRangeException>(() => new LifetimeValueOptions { MonthlyDiscountRate = -0.1 }).Message, StringComparison.Ordinal);
        Assert.Contains("MaxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => new LikelihoodFitOptions { MaxDegreeOfParallelism = 0 }).Message, StringComparison.Ordinal);
        Assert.Contains("window", Assert.Throws<ArgumentOutOfRangeException>(() => new BgNbdParameters(1, 1, 1, 1).ExpectedPurchasesOfNewCustomer(-1)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fit_that_cannot_converge_in_its_iterations_says_so_with_a_warning_and_finite_numbers()
    {
        PurchaseSummary summary = PurchaseSummary.FromRecords([new CustomerPurchases("a", 2, 5, 10, 3), new CustomerPurchases("b", 0, 0, 12, 0), new CustomerPurchases("c", 1, 1, 9, 4)], PeriodUnit.Weeks);

        BgNbdFit fit = new BgNbdEstimator(new LikelihoodFitOptions { MaxIterations = 1 }).Fit(summary);

        Assert.False(fit.Converged);
        Assert.NotEmpty(fit.Warnings);
        Assert.True(double.IsFinite(fit.LogLikelihood));
        Assert.All(fit.Estimates, e => Assert.True(double.IsFinite(e.Value)));
    }
}
