using System.Globalization;

namespace CustomerSegmentation.Data.Database;

/// <summary>What became of one database value read as a float32 feature.</summary>
internal enum FeatureValue
{
    /// <summary>The value is a finite float32.</summary>
    Number,

    /// <summary>SQL NULL, or blank text.</summary>
    Null,

    /// <summary>Text that is not a number in the culture.</summary>
    NotANumber,

    /// <summary>NaN, an infinity, or a magnitude beyond float32.</summary>
    NotFinite,

    /// <summary>A value of a type that is not a number (a date, bytes, a GUID).</summary>
    WrongType,
}

/// <summary>
/// Turns the values a <see cref="System.Data.Common.DbDataReader"/> returns into what the CSV readers produce from
/// text, so that the same value gives the same bits from a file and from a database.
/// </summary>
internal static class DbValues
{
    /// <summary>The bits a double has below float32's 23-bit mantissa.</summary>
    private const long DroppedBits = (1L << 29) - 1;

    /// <summary>The dropped bits of a double exactly halfway between two float32 values.</summary>
    private const long Halfway = 1L << 28;

    /// <summary>The smallest positive normal float32, 2^-126.</summary>
    private const float SmallestNormal = 1.17549435E-38f;

    /// <summary>
    /// Reads <paramref name="value"/> as a feature. Integers convert exactly as their digits would parse; a decimal is
    /// parsed from its exact digits; a double lands on the float32 that its shortest round-trip text ("R") parses to,
    /// the value the CSV reader gets from the same number written out; a boolean is 1 or 0; text is parsed as the CSV
    /// reader parses a cell (<see cref="NumberStyles.Float"/> in <paramref name="culture"/>).
    /// </summary>
    public static FeatureValue ToFeature(object? value, CultureInfo culture, out float result)
    {
        result = 0f;
        switch (value)
        {
            case null or DBNull:
                return FeatureValue.Null;
            case double d:
                return FromDouble(d, out result);
            case float f:
                result = f;
                return float.IsFinite(f) ? FeatureValue.Number : FeatureValue.NotFinite;
            case decimal m:
                result = float.Parse(m.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
                return float.IsFinite(result) ? FeatureValue.Number : FeatureValue.NotFinite;
            case int or long or short or sbyte or byte or ushort or uint:
                result = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                return FeatureValue.Number;
            case ulong or System.Numerics.BigInteger:
                result = float.Parse(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
                return float.IsFinite(result) ? FeatureValue.Number : FeatureValue.NotFinite;
            case bool b:
                result = b ? 1f : 0f;
                return FeatureValue.Number;
            case string text:
                if (float.TryParse(text, NumberStyles.Float, culture, out result) && float.IsFinite(result))
                {
                    return FeatureValue.Number;
                }

                return string.IsNullOrWhiteSpace(text) ? FeatureValue.Null
                    : float.IsNaN(result) || float.IsInfinity(result) ? FeatureValue.NotFinite
                    : FeatureValue.NotANumber;
            default:
                return FeatureValue.WrongType;
        }
    }

    /// <summary>
    /// The float32 that the shortest text of <paramref name="value"/> parses to. Rounding the double directly gives the
    /// same float unless the double lies within a few units of its last place of a point halfway between two floats
    /// (where rounding twice could differ from rounding once); only those, and values below float32's normal range,
    /// go through the text.
    /// </summary>
    internal static FeatureValue FromDouble(double value, out float result)
    {
        if (!double.IsFinite(value))
        {
            result = 0f;
            return FeatureValue.NotFinite;
        }

        result = (float)value;
        long dropped = BitConverter.DoubleToInt64Bits(value) & DroppedBits;
        if (value != 0d && (Math.Abs(result) < SmallestNormal || Math.Abs(dropped - Halfway) <= 2))
        {
            result = float.Parse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return float.IsFinite(result) ? FeatureValue.Number : FeatureValue.NotFinite;
    }

    /// <summary>
    /// A value as the text a CSV cell would hold (trimmed): NULL is empty, numbers are written in the invariant culture
    /// (doubles and floats in their shortest round-trip form), dates in ISO 8601 ("2024-03-01 14:30:00", a DateOnly as
    /// "2024-03-01"), text as it is.
    /// </summary>
    public static string ToText(object? value) => (value switch
    {
        null or DBNull => string.Empty,
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    }).Trim();

    /// <summary>The .NET type of a value, for messages ("System.DateTime").</summary>
    public static string TypeName(object value) => value.GetType().FullName ?? value.GetType().Name;
}
