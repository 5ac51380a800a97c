using System.Globalization;

namespace CustomerSegmentation.Export;

/// <summary>
/// How every export writes a value as text: the invariant culture, numbers that read back to the same value
/// (round-trip), dates in ISO 8601 and shares as percentages with one decimal. Uses the base library only, so the
/// Plotly package compiles this file too and its tables read exactly like the exports.
/// </summary>
internal static class ExportText
{
    /// <summary>The shortest text that reads back to the same float.</summary>
    public static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The shortest text that reads back to the same double.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The decimal as written, without trailing rounding.</summary>
    public static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A whole number without separators, for machine-read files.</summary>
    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A count for people to read, with thousands separators ("1,000").</summary>
    public static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A share of 0..1 as a percentage with one decimal ("60.0%").</summary>
    public static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:0.0}%");

    /// <summary>A share of 0..1 as a whole percentage ("67%"), for the parts of a composition.</summary>
    public static string WholePercent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:0}%");

    /// <summary>A measurement for people to read, with at most two decimals.</summary>
    public static string Short(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A score for people to read with three decimals kept ("0.998", "1.000"), where two would round 0.996 up to 1.</summary>
    public static string Score(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>A date and time in ISO 8601 without a time zone (yyyy-MM-ddTHH:mm:ss).</summary>
    public static string Time(DateTime value) => value.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
}
