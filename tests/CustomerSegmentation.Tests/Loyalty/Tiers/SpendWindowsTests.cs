using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Tests.Loyalty.Tiers;

public sealed class SpendWindowsTests
{
    [Fact]
    public void Calendar_years_are_half_open_from_1_January()
    {
        SpendWindows years = SpendWindows.CalendarYears(2023, 2024);

        Assert.Equal(
            [(new DateOnly(2023, 1, 1), new DateOnly(2024, 1, 1), "2023"), (new DateOnly(2024, 1, 1), new DateOnly(2025, 1, 1), "2024")],
            years.Windows.Select(w => (w.Start, w.End, w.Label)));
        Assert.True(years.Windows[1].Contains(new DateOnly(2024, 1, 1)));
        Assert.False(years.Windows[0].Contains(new DateOnly(2024, 1, 1)));
        Assert.True(years.Windows[0].Contains(new DateOnly(2023, 12, 31)));
        Assert.Equal(("2025", new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 1)), (years.Windows[1].Following.Label, years.Windows[1].Following.Start, years.Windows[1].Following.End));
    }

    [Fact]
    public void Rolling_windows_end_at_the_date_and_count_back_from_it()
    {
        SpendWindows rolling = SpendWindows.Rolling12Months(new DateOnly(2024, 2, 29), 3);

        Assert.Equal(
            [new DateOnly(2021, 2, 28), new DateOnly(2022, 2, 28), new DateOnly(2023, 2, 28)],
            rolling.Windows.Select(w => w.Start));
        Assert.Equal(
            [new DateOnly(2022, 2, 28), new DateOnly(2023, 2, 28), new DateOnly(2024, 2, 29)],
            rolling.Windows.Select(w => w.End));
        Assert.Equal("2023-02-28..2024-02-28", rolling.Windows[2].Label);
        Assert.Equal("2024-02-29..2025-02-27", rolling.Windows[2].Following.Label);
        Assert.Equal("3 window(s) 2021-02-28..2024-02-28", rolling.ToString());
    }

    [Theory]
    [InlineData("2022-01-01", "2023-12-31", 2022, 2023)]
    [InlineData("2021-06-15", "2024-03-01", 2022, 2023)]
    [InlineData("2022-01-02", "2023-12-31", 2023, 2023)]
    public void Complete_calendar_years_are_those_wholly_covered(string first, string last, int firstYear, int lastYear)
    {
        SpendWindows? years = SpendWindows.CompleteCalendarYears(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture));

        Assert.NotNull(years);
        Assert.Equal(Enumerable.Range(firstYear, lastYear - firstYear + 1).Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture)), years.Windows.Select(w => w.Label));
    }

    [Fact]
    public void Less_than_a_complete_year_gives_no_windows() =>
        Assert.Null(SpendWindows.CompleteCalendarYears(new DateOnly(2022, 1, 2), new DateOnly(2023, 12, 30)));

    [Fact]
    public void Invalid_windows_are_rejected_naming_the_option()
    {
        var first = Assert.Throws<ArgumentOutOfRangeException>(() => SpendWindows.CalendarYears(0, 2024));
        Assert.Equal(("firstYear", true), (first.ParamName, first.Message.Contains("The first year 0 is outside 1..9997", StringComparison.Ordinal)));
        var last = Assert.Throws<ArgumentOutOfRangeException>(() => SpendWindows.CalendarYears(2024, 2023));
        Assert.Equal(("lastYear", true), (last.ParamName, last.Message.Contains("The last year 2023 must be between the first year 2024 and 9997", StringComparison.Ordinal)));
        Assert.Equal("lastYear", Assert.Throws<ArgumentOutOfRangeException>(() => SpendWindows.CalendarYears(2024, 9998)).ParamName);

        var count = Assert.Throws<ArgumentOutOfRangeException>(() => SpendWindows.Rolling12Months(new DateOnly(2024, 1, 1), 0));
        Assert.Equal(("count", true), (count.ParamName, count.Message.Contains("The number of rolling windows is 0; ask for at least 1", StringComparison.Ordinal)));
        var early = Assert.Throws<ArgumentOutOfRangeException>(() => SpendWindows.Rolling12Months(new DateOnly(2, 6, 1), 2));
        Assert.Contains("2 rolling windows ending on 0002-06-01 would start before the year 1", early.Message, StringComparison.Ordinal);
        Assert.NotNull(SpendWindows.Rolling12Months(new DateOnly(2, 1, 1), 1));
        var late = Assert.Throws<ArgumentOutOfRangeException>(() => SpendWindows.Rolling12Months(new DateOnly(9999, 1, 1), 1));
        Assert.Equal(("end", true), (late.ParamName, late.Message.Contains("after 9998-12-31", StringComparison.Ordinal)));

        var order = Assert.Throws<ArgumentOutOfRangeException>(() => SpendWindows.CompleteCalendarYears(new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 1)));
        Assert.Equal(("lastDay", true), (order.ParamName, order.Message.Contains("The last day 2024-01-01 is before the first day 2024-01-02", StringComparison.Ordinal)));
    }
}
