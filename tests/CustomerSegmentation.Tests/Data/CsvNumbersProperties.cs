using System.Globalization;

using CustomerSegmentation.Data.Csv;

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Data;

/// <summary>Number texts of the shapes CSV cells have: plain decimals, long and short, signs, exponents, edge cases.</summary>
public static class NumberTextGenerators
{
    private static readonly string[] Odd =
    [
        "", "-", ".", "5.", ".5", "-.5", "-0", "0", "0.000", "-0.00", " 1.5", "1.5 ", "+1.5", "1e3", "1E-3", "1,5", "1.2.3",
        "NaN", "∞", "Infinity", "00012.3400", "3.4028235e38", "1e-45", "16777217", "0.1", "9999999999999999999999",
        "1.17549435e-38", "0.000000000000000000000000000001", "123456789012345678", "-123456789012345678.9",
    ];

    public static Arbitrary<string> Texts()
    {
        Gen<char> digit = Gen.Elements("0123456789".ToCharArray());
        Gen<string> digits = digit.ArrayOf().Select(cs => new string(cs));
        Gen<string> plain =
            from sign in Gen.Elements("", "-", "+")
            from whole in digits
            from point in Gen.Elements("", ".", ",")
            from fraction in digits
            select sign + whole + point + fraction;
        // Floats printed round-trip: the texts a float column holds, including ones close to float midpoints.
        Gen<string> printed = Gen.Choose(int.MinValue, int.MaxValue)
            .Select(bits => BitConverter.Int32BitsToSingle(bits))
            .Where(float.IsFinite)
            .SelectMany(f => Gen.Elements("R", "G9", "F6", "E3", "G17").Select(format => ((double)f).ToString(format, CultureInfo.InvariantCulture)));
        Gen<string> money = Gen.Choose(-10_000_000, 10_000_000).Select(cents => (cents / 100m).ToString(CultureInfo.InvariantCulture));
        return Arb.From(Gen.OneOf(plain, printed, money, Gen.Elements(Odd)));
    }
}

public sealed class CsvNumbersProperties
{
    private static readonly CultureInfo[] Cultures =
        [CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("de-DE"), CultureInfo.GetCultureInfo("sv-SE"), CultureInfo.GetCultureInfo("fr-CH")];

    private delegate bool Parser<T>(string text, CultureInfo culture, out T value);

    [Property(Arbitrary = [typeof(NumberTextGenerators)], MaxTest = 2000)]
    public void Floats_parse_exactly_as_the_runtime_parses_them(string text)
        => AssertAgree(
            text,
            (string t, CultureInfo c, out float v) => float.TryParse(t, NumberStyles.Float, c, out v),
            (string t, CultureInfo c, out float v) => CsvNumbers.TryParseFloat(t, c, out v),
            v => BitConverter.SingleToInt32Bits(v));

    [Property(Arbitrary = [typeof(NumberTextGenerators)], MaxTest = 2000)]
    public void Decimals_parse_exactly_as_the_runtime_parses_them_scale_included(string text)
        => AssertAgree(
            text,
            (string t, CultureInfo c, out decimal v) => decimal.TryParse(t, NumberStyles.Float, c, out v),
            (string t, CultureInfo c, out decimal v) => CsvNumbers.TryParseDecimal(t, c, out v),
            v => string.Join(",", decimal.GetBits(v)));

    /// <summary>Both parsers accept or reject <paramref name="text"/> alike in every culture, with the same bits.</summary>
    private static void AssertAgree<T, TBits>(string text, Parser<T> runtime, Parser<T> shortPath, Func<T, TBits> bits)
    {
        foreach (CultureInfo culture in Cultures)
        {
            bool expectedOk = runtime(text, culture, out T expected);

            bool ok = shortPath(text, culture, out T value);

            Assert.Equal(expectedOk, ok);
            Assert.Equal(bits(expected), bits(value));
        }
    }

    [Fact]
    public void A_float_text_on_a_double_midpoint_between_two_floats_rounds_as_the_runtime_rounds_it()
    {
        // 16777217 = 2^24 + 1 lies exactly halfway between the floats 2^24 and 2^24 + 2: ties go to even (2^24).
        Assert.True(CsvNumbers.TryParseFloat("16777217", CultureInfo.InvariantCulture, out float tie));
        Assert.Equal(16777216f, tie);
        Assert.True(CsvNumbers.TryParseFloat("16777219", CultureInfo.InvariantCulture, out float tieUp));
        Assert.Equal(16777220f, tieUp);
    }

    [Fact]
    public void Hand_computed_values_and_scales()
    {
        Assert.True(CsvNumbers.TryParseFloat("-12.5", CultureInfo.InvariantCulture, out float f));
        Assert.Equal(-12.5f, f);
        Assert.True(CsvNumbers.TryParseFloat("0,25", CultureInfo.GetCultureInfo("de-DE"), out float g));
        Assert.Equal(0.25f, g);
        Assert.True(CsvNumbers.TryParseDecimal("0012.3400", CultureInfo.InvariantCulture, out decimal d));
        Assert.Equal("12.3400", d.ToString(CultureInfo.InvariantCulture));
        Assert.False(CsvNumbers.TryParseDecimal("12.5", CultureInfo.GetCultureInfo("de-DE"), out _));
    }
}
