using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Tests.Loyalty.Lifetime;

/// <summary>The published CDNOW numbers (REFERENCE.md "Customer lifetime value"; lifetimes and Fader, Hardie and Lee 2005).</summary>
public sealed class CdnowReferenceTests
{
    private static void Relative(double expected, double actual, double tolerance)
        => Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"expected {expected} within {tolerance:P2}, got {actual}");

    [CdnowDataFact]
    public void The_file_reads_as_6919_lines_of_2357_customers()
    {
        Assert.Equal(6919, Cdnow.Transactions.Transactions.Length);
        Assert.Equal(2357, Cdnow.Transactions.Transactions.Select(t => t.CustomerId).Distinct().Count());
        Assert.Equal(29.33m, Cdnow.Transactions.Transactions[0].Amount);
    }

    [CdnowDataFact]
    public void The_calibration_summary_equals_the_published_one()
    {
        PurchaseSummary summary = Cdnow.Split.Calibration;

        Assert.Equal(2357, summary.Customers.Length);
        Assert.Equal(946, summary.RepeatBuyers);
        CustomerPurchases first = summary["0001"];
        Assert.Equal(2, first.Frequency);
        Assert.Equal(30.43, first.Recency, 2);
        Assert.Equal(38.86, first.Age, 2);
        Assert.Equal(22.345, first.MonetaryValue, 9);
        CustomerPurchases heavy = summary["1516"];
        Assert.Equal(26, heavy.Frequency);
        Assert.Equal(30.86, heavy.Recency, 2);
        Assert.Equal(31.00, heavy.Age, 2);
        Assert.Equal(39d, Cdnow.Split.HoldoutLength);
    }

    [CdnowDataFact]
    public void BgNbd_finds_the_published_maximum()
    {
        BgNbdFit fit = Cdnow.BgNbd;

        Assert.True(fit.Converged, string.Join("; ", fit.Warnings));
        Relative(0.242593, fit.Parameters.R, 1e-3);
        Relative(4.413532, fit.Parameters.Alpha, 1e-3);
        Relative(0.792886, fit.Parameters.A, 1e-3);
        Relative(2.425752, fit.Parameters.B, 1e-3);
        Assert.InRange(fit.LogLikelihood, -9582.5, -9582.3);
        Assert.All(fit.Estimates, e => Assert.True(e.StandardError > 0d, e.Name));
    }

    [CdnowDataFact]
    public void Customer_1516_expects_0_710623_purchases_next_week()
    {
        // The published figure is computed from lifetimes' bundled summary, whose times are rounded to 0.01 week
        // (t_x = 30.86, T = 31.00); from the exact times (216/7, 217/7) the same parameters give 0.710576.
        var published = new CustomerPurchases("1516", 26, 30.86, 31.00, 0d + 1d);
        BgNbdParameters parameters = Cdnow.BgNbd.Parameters;

        Assert.Equal(0.710623, parameters.ExpectedPurchases(1d, published), 1e-5);
        Assert.Equal(0.710576, parameters.ExpectedPurchases(1d, Cdnow.Split.Calibration["1516"]), 1e-5);
    }
}
