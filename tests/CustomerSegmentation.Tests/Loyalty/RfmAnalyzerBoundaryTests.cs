using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Tests.Loyalty;

/// <summary>Issue 11: amounts too large for RFM's decimal arithmetic are a documented data error, never an OverflowException.</summary>
public sealed class RfmAnalyzerBoundaryTests
{
    [Theory]
    [InlineData("1e27")]
    [InlineData("5e28")]
    public void Amounts_near_the_decimal_range_are_an_argument_error_naming_the_customer(string amount)
    {
        decimal value = decimal.Parse(amount, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
        Transaction[] lines =
        [
            new("small", new DateTime(2024, 1, 1), 10m),
            new("big", new DateTime(2024, 1, 2), value),
            new("big", new DateTime(2024, 1, 3), value),
        ];

        var e = Assert.Throws<ArgumentException>(() => new RfmAnalyzer().Analyze(lines));

        Assert.Equal("transactions", e.ParamName);
        Assert.Contains("customer 'big'", e.Message, StringComparison.Ordinal);
        Assert.Contains("too large", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Amounts_read_from_text_near_the_decimal_range_are_an_error_too()
    {
        TransactionSet set = TransactionCsv.Read(new StringReader("CustomerId,Timestamp,Amount\na,2024-01-01,1000000000000000000000000000\n"));

        var e = Assert.Throws<ArgumentException>(() => new RfmAnalyzer().Analyze(set));
        Assert.Contains("customer 'a'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Large_but_representable_spend_is_analysed()
    {
        Transaction[] lines = [new("a", new DateTime(2024, 1, 1), 1e20m), new("b", new DateTime(2024, 1, 2), 2e20m)];

        RfmResult result = new RfmAnalyzer().Analyze(lines);

        Assert.Equal(3e20m, result.TotalMonetary);
        Assert.Equal(2e20m * 365 / 2, result["b"].AnnualisedSpend); // tenure 1 day, annualised over the 2-day window
    }
}
