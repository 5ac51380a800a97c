using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Tests.Loyalty.Lifetime;

/// <summary>Hand-computed summaries: purchase days, not lines; the first day left out of m; the end day inclusive.</summary>
public sealed class PurchaseSummaryTests
{
    private static readonly TransactionSet Lines = TransactionCsv.Read(new StringReader(
        "CustomerId,Timestamp,Amount\n" +
        "a,2024-01-01T09:00,10\n" +
        "a,2024-01-01T17:00,5\n" +   // same day: one purchase day of 15
        "b,2024-01-03,7\n" +
        "a,2024-01-08,20\n" +
        "a,2024-01-15T12:00,30\n" +
        "a,2024-01-15T13:00,-10\n" + // a return on a purchase day reduces that day's spend
        "b,2024-01-29,1\n" +         // after the end: left out
        "c,2024-02-01,9\n"), new TransactionCsvOptions { Returns = ReturnsPolicy.NetAgainstPurchases });

    [Fact]
    public void Days_and_weeks_from_the_first_purchase_day()
    {
        PurchaseSummary days = PurchaseSummary.FromTransactions(Lines, new DateOnly(2024, 1, 28));

        Assert.Equal(["a", "b"], days.Customers.Select(c => c.CustomerId));
        CustomerPurchases a = days["a"];
        Assert.Equal((2, 14d, 27d, 20d), (a.Frequency, a.Recency, a.Age, a.MonetaryValue));
        CustomerPurchases b = days["b"];
        Assert.Equal((0, 0d, 25d, 0d), (b.Frequency, b.Recency, b.Age, b.MonetaryValue));
        Assert.Equal(1, days.RepeatBuyers);

        CustomerPurchases weeks = PurchaseSummary.FromTransactions(Lines, new DateOnly(2024, 1, 28), PeriodUnit.Weeks)["a"];
        Assert.Equal((2d, 27d / 7), (weeks.Recency, weeks.Age));
    }

    [Fact]
    public void The_holdout_counts_purchase_days_after_the_calibration_end()
    {
        CalibrationHoldout split = CalibrationHoldout.Split(Lines, new DateOnly(2024, 1, 7), new DateOnly(2024, 2, 4), PeriodUnit.Days);

        Assert.Equal(["a", "b"], split.Calibration.Customers.Select(c => c.CustomerId));
        Assert.Equal([2, 1], split.HoldoutPurchases.ToArray());
        Assert.Equal(28d, split.HoldoutLength);
        Assert.Equal(0, split.Calibration["a"].Frequency);
    }
}
