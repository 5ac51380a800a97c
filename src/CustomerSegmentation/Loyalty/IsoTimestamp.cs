using System.Globalization;

namespace CustomerSegmentation.Loyalty;

/// <summary>
/// The short path for the most common timestamp cell, <c>yyyy-MM-ddTHH:mm:ss</c> (or with a space for the T), when it
/// is the first date format tried: such a cell is read directly, giving exactly what
/// <see cref="DateTime.TryParseExact(string?, string?, IFormatProvider?, DateTimeStyles, out DateTime)"/> gives for
/// that format (a <see cref="DateTimeKind.Unspecified"/> time). Any other text goes to the full parser.
/// </summary>
internal sealed class IsoTimestamp
{
    private const int Length = 19;

    private readonly char _dateTimeSeparator;

    private IsoTimestamp(char dateTimeSeparator)
    {
        _dateTimeSeparator = dateTimeSeparator;
    }

    /// <summary>
    /// The short path for <paramref name="firstFormat"/> in <paramref name="culture"/>, or null when it does not apply
    /// (another format, a culture with another calendar or time separator).
    /// </summary>
    public static IsoTimestamp? For(string firstFormat, CultureInfo culture)
    {
        DateTimeFormatInfo format = culture.DateTimeFormat;
        if (format.Calendar is not GregorianCalendar || format.TimeSeparator != ":")
        {
            return null;
        }

        return firstFormat switch
        {
            "yyyy-MM-ddTHH:mm:ss" => new IsoTimestamp('T'),
            "yyyy-MM-dd HH:mm:ss" => new IsoTimestamp(' '),
            _ => null,
        };
    }

    /// <summary>Reads <paramref name="text"/> when it has exactly the format's shape and a valid date and time; false otherwise.</summary>
    public bool TryParse(ReadOnlySpan<char> text, out DateTime timestamp)
    {
        timestamp = default;
        if (text.Length != Length || text[4] != '-' || text[7] != '-' || text[10] != _dateTimeSeparator || text[13] != ':' || text[16] != ':')
        {
            return false;
        }

        int year = Digits(text, 0, 4);
        int month = Digits(text, 5, 2);
        int day = Digits(text, 8, 2);
        int hour = Digits(text, 11, 2);
        int minute = Digits(text, 14, 2);
        int second = Digits(text, 17, 2);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
        {
            return false;
        }

        timestamp = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return true;
    }

    /// <summary>The ASCII digits at <paramref name="start"/> as a number, or -1 when one is not a digit.</summary>
    private static int Digits(ReadOnlySpan<char> text, int start, int count)
    {
        int value = 0;
        for (int i = start; i < start + count; i++)
        {
            uint digit = (uint)(text[i] - '0');
            if (digit > 9)
            {
                return -1;
            }

            value = (value * 10) + (int)digit;
        }

        return value;
    }
}
