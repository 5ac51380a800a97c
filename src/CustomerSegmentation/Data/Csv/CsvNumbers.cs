using System.Globalization;

namespace CustomerSegmentation.Data.Csv;

/// <summary>
/// Number parsing for CSV cells with <see cref="NumberStyles.Float"/> and a culture, exactly as
/// <see cref="float.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out float)"/> and
/// <see cref="decimal.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out decimal)"/> parse them, with a
/// short path for the plain shape most cells have (an optional minus sign, at most 15 or 18 digits, an optional
/// decimal separator): that shape is computed directly, and anything else (exponents, white space, long or
/// ambiguous values, zero) goes to the runtime's parser.
/// </summary>
internal static class CsvNumbers
{
    /// <summary>The most digits whose integer is exact in a double (10^15 &lt; 2^53).</summary>
    private const int MaxDoubleDigits = 15;

    /// <summary>The most digits whose integer fits a long.</summary>
    private const int MaxDecimalDigits = 18;

    /// <summary>The largest scale of a decimal.</summary>
    private const int MaxDecimalScale = 28;

    /// <summary>The double bits below a float's last significand bit (52 - 23).</summary>
    private const int DroppedBits = 29;

    /// <summary>The dropped bits of a double that lies exactly halfway between two floats.</summary>
    private const long HalfwayBits = 1L << (DroppedBits - 1);

    /// <summary>The smallest positive normal float, 2^-126.</summary>
    private const double SmallestNormalFloat = 1.1754943508222875e-38;

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>Parses <paramref name="text"/> as a float the way <c>float.TryParse(text, NumberStyles.Float, culture, ...)</c> does.</summary>
    public static bool TryParseFloat(ReadOnlySpan<char> text, CultureInfo culture, out float value)
    {
        if (TryPlain(text, culture.NumberFormat, MaxDoubleDigits, out bool negative, out long mantissa, out int scale)
            && mantissa != 0 && scale < PowersOfTen.Length)
        {
            // Both operands are exact doubles, so the quotient is the correctly rounded double of the text. Rounding it
            // once more to float is correct unless the double sits exactly halfway between two floats (then the text
            // may lie on either side of that midpoint): that rare case, and values below float's normal range, go to
            // the full parser.
            double exact = mantissa / PowersOfTen[scale];
            long bits = BitConverter.DoubleToInt64Bits(exact);
            if ((bits & ((1L << DroppedBits) - 1)) != HalfwayBits && exact >= SmallestNormalFloat)
            {
                value = negative ? -(float)exact : (float)exact;
                return true;
            }
        }

        return float.TryParse(text, NumberStyles.Float, culture, out value);
    }

    /// <summary>Parses <paramref name="text"/> as a decimal the way <c>decimal.TryParse(text, NumberStyles.Float, culture, ...)</c> does (scale kept).</summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> text, CultureInfo culture, out decimal value)
    {
        if (TryPlain(text, culture.NumberFormat, MaxDecimalDigits, out bool negative, out long mantissa, out int scale)
            && mantissa != 0 && scale <= MaxDecimalScale)
        {
            value = new decimal((int)mantissa, (int)(mantissa >> 32), 0, negative, (byte)scale);
            return true;
        }

        return decimal.TryParse(text, NumberStyles.Float, culture, out value);
    }

    /// <summary>
    /// Reads the plain shape <c>[-]digits[separator digits]</c> (at least one digit, at most <paramref name="maxDigits"/>
    /// after leading zeros): the digits as one integer and the number of digits after the separator; false for any other text.
    /// </summary>
    private static bool TryPlain(ReadOnlySpan<char> text, NumberFormatInfo format, int maxDigits, out bool negative, out long mantissa, out int scale)
    {
        negative = false;
        mantissa = 0;
        scale = 0;
        int i = 0;
        if (text.Length > 0 && text[0] == '-')
        {
            if (format.NegativeSign != "-")
            {
                return false;
            }

            negative = true;
            i = 1;
        }

        string separator = format.NumberDecimalSeparator;
        char point = separator.Length == 1 ? separator[0] : '\0';
        int digits = 0;
        int significant = 0;
        bool afterPoint = false;
        for (; i < text.Length; i++)
        {
            char c = text[i];
            uint digit = (uint)(c - '0');
            if (digit <= 9)
            {
                digits++;
                if (significant > 0 || digit != 0)
                {
                    if (++significant > maxDigits)
                    {
                        return false;
                    }
                }

                mantissa = (mantissa * 10) + digit;
                scale += afterPoint ? 1 : 0;
            }
            else if (c == point && !afterPoint && point != '\0')
            {
                afterPoint = true;
            }
            else
            {
                return false;
            }
        }

        // "-", "." and "5." or ".5" shapes: leave the edge cases to the full parser.
        return digits > 0 && (!afterPoint || (text[^1] != point && text[negative ? 1 : 0] != point));
    }
}
