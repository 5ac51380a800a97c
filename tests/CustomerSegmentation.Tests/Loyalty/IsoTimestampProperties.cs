using System.Globalization;

using CustomerSegmentation.Loyalty;

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Loyalty;

/// <summary>Timestamp texts of the ISO shape, valid or not: every field drawn a little beyond its range.</summary>
public static class TimestampTextGenerators
{
    public static Arbitrary<string> Texts()
    {
        static Gen<string> Two(int hi) => Gen.Choose(0, hi).Select(v => v.ToString("D2", CultureInfo.InvariantCulture));
        Gen<string> shaped =
            from year in Gen.Choose(0, 9999).Select(v => v.ToString("D4", CultureInfo.InvariantCulture))
            from month in Two(13)
            from day in Two(32)
            from separator in Gen.Elements("T", " ", "t", "_")
            from hour in Two(24)
            from minute in Two(60)
            from second in Two(60)
            select $"{year}-{month}-{day}{separator}{hour}:{minute}:{second}";
        Gen<string> odd = Gen.Elements("2024-02-29T12:00:00", "2023-02-29T12:00:00", "2024-1-05T10:00:00", "2024-01-05", "2024-01-05T10:00", "2024-01-05T10:00:00Z", " 2024-01-05T10:00:00", "2024-01-05T10:00:00.5", "2024-01-05T1a:00:00", "");
        return Arb.From(Gen.OneOf(shaped, shaped, odd));
    }
}

public sealed class IsoTimestampProperties
{
    private const DateTimeStyles Styles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AdjustToUniversal;

    [Property(Arbitrary = [typeof(TimestampTextGenerators)], MaxTest = 1000)]
    public void The_short_path_reads_a_text_only_as_the_first_format_reads_it(string text)
    {
        foreach (string format in new[] { "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss" })
        {
            IsoTimestamp shortPath = IsoTimestamp.For(format, CultureInfo.InvariantCulture)!;

            if (shortPath.TryParse(text, out DateTime value))
            {
                Assert.True(DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, Styles, out DateTime expected));
                Assert.Equal(expected, value);
                Assert.Equal(expected.Kind, value.Kind);
            }
        }
    }

    [Fact]
    public void The_short_path_reads_a_valid_timestamp_and_applies_only_where_it_is_exact()
    {
        IsoTimestamp iso = IsoTimestamp.For("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)!;

        Assert.True(iso.TryParse("2024-02-29T23:59:58", out DateTime leap));
        Assert.Equal(new DateTime(2024, 2, 29, 23, 59, 58), leap);
        Assert.False(iso.TryParse("2023-02-29T23:59:58", out _));
        Assert.Null(IsoTimestamp.For("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Null(IsoTimestamp.For("yyyy-MM-ddTHH:mm:ss", CultureInfo.GetCultureInfo("th-TH")));
    }
}
