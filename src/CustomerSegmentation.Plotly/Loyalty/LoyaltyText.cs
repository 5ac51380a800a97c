using System.Globalization;

namespace CustomerSegmentation.Plotly.Loyalty;

/// <summary>How the loyalty report writes numbers: money with two decimals and thousands separators, shares as percentages.</summary>
internal static class LoyaltyText
{
    /// <summary>Money, e.g. "12,345.60" (invariant culture, no currency symbol: the data's currency is not known).</summary>
    public static string Money(decimal value) => value.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>Money from a double figure, e.g. "12,345.60".</summary>
    public static string Money(double value) => value.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>A short amount for a chart cell or tick: "950", "12.3k", "4.5M".</summary>
    public static string Compact(double value)
    {
        double size = Math.Abs(value);
        return size >= 1e6 ? (value / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "M"
            : size >= 1e3 ? (value / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k"
            : size >= 10 || size == 0 ? value.ToString("0", CultureInfo.InvariantCulture)
            : value.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>A share 0..1 as a percentage with one decimal, e.g. "12.5%".</summary>
    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A count with thousands separators, e.g. "1,234".</summary>
    public static string Count(long value) => value.ToString("#,##0", CultureInfo.InvariantCulture);

    /// <summary>A figure with up to <paramref name="decimals"/> decimals, e.g. "3.25".</summary>
    public static string Number(double value, int decimals = 2)
        => value.ToString("#,##0." + new string('#', decimals), CultureInfo.InvariantCulture);

    /// <summary>The share of <paramref name="part"/> in <paramref name="total"/>, 0 when the total is 0.</summary>
    public static double Share(decimal part, decimal total) => total == 0m ? 0d : (double)(part / total);
}
