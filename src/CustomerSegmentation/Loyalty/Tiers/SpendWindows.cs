using System.Collections.Immutable;
using System.Globalization;

namespace CustomerSegmentation.Loyalty;

/// <summary>
/// The consecutive twelve-month windows a spend tier history is measured over, oldest first: calendar years, or rolling
/// twelve-month windows ending at a date. Windows are half-open day ranges [start, end) placed end to end, so every day of
/// the covered range <see cref="Start"/>..<see cref="End"/> lies in exactly one window and the tier earned in one window is
/// held through the next (the programme rule: the tier earned in year Y is held through year Y+1).
/// </summary>
public sealed class SpendWindows
{
    /// <summary>The latest year a window may start in, so that the twelve months after the last window (<see cref="SpendWindow.Following"/>) still fit in <see cref="DateOnly"/>.</summary>
    private const int LastYear = 9997;

    private SpendWindows(ImmutableArray<SpendWindow> windows) => Windows = windows;

    /// <summary>The windows, oldest first; each starts where the one before ends.</summary>
    public ImmutableArray<SpendWindow> Windows { get; }

    /// <summary>The first day of the first window, inclusive.</summary>
    public DateOnly Start => Windows[0].Start;

    /// <summary>The end of the last window, exclusive.</summary>
    public DateOnly End => Windows[^1].End;

    /// <summary>One window per calendar year, [1 January Y, 1 January Y+1), for Y = <paramref name="firstYear"/>..<paramref name="lastYear"/>.</summary>
    /// <param name="firstYear">The first year, 1..9997.</param>
    /// <param name="lastYear">The last year, <paramref name="firstYear"/>..9997.</param>
    /// <returns>The windows, labelled by their year ("2024").</returns>
    /// <exception cref="ArgumentOutOfRangeException">A year is outside 1..9997, or <paramref name="lastYear"/> is before <paramref name="firstYear"/>.</exception>
    public static SpendWindows CalendarYears(int firstYear, int lastYear)
    {
        if (firstYear is < 1 or > LastYear)
        {
            throw new ArgumentOutOfRangeException(nameof(firstYear), firstYear, $"The first year {firstYear} is outside 1..{LastYear}.");
        }

        if (lastYear < firstYear || lastYear > LastYear)
        {
            throw new ArgumentOutOfRangeException(
                nameof(lastYear), lastYear, $"The last year {lastYear} must be between the first year {firstYear} and {LastYear}.");
        }

        return new([.. Enumerable.Range(firstYear, lastYear - firstYear + 1).Select(y => new SpendWindow(new DateOnly(y, 1, 1), new DateOnly(y + 1, 1, 1), SpendWindow.Year(y)))]);
    }

    /// <summary>
    /// <paramref name="count"/> rolling twelve-month windows placed end to end, the last one ending at <paramref name="end"/>
    /// (exclusive): window k from the end is [<paramref name="end"/> − 12(k+1) months, <paramref name="end"/> − 12k months), each
    /// boundary counted from <paramref name="end"/> (so 29 February steps to 28 February in other years).
    /// </summary>
    /// <param name="end">The day after the last day of the last window, e.g. 2024-07-01 for the twelve months to 30 June 2024.</param>
    /// <param name="count">How many windows, at least 1.</param>
    /// <returns>The windows, oldest first, labelled by their days ("2023-07-01..2024-06-30", last day inclusive).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1; the first window would start before year 1; or <paramref name="end"/> is after 9998-12-31.</exception>
    public static SpendWindows Rolling12Months(DateOnly end, int count)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"The number of rolling windows is {count}; ask for at least 1.");
        }

        if (end.Year > LastYear + 1)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"The rolling windows end on {end:yyyy-MM-dd}, after {LastYear + 1}-12-31, the last end whose following year fits in a date.");
        }

        if (((end.Year - 1) * 12) + end.Month - 1 < 12 * count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(count), count, $"{count} rolling windows ending on {end:yyyy-MM-dd} would start before the year 1; ask for fewer windows.");
        }

        var windows = new SpendWindow[count];
        for (int k = 0; k < count; k++)
        {
            DateOnly to = end.AddMonths(-12 * (count - 1 - k));
            DateOnly from = end.AddMonths(-12 * (count - k));
            windows[k] = new SpendWindow(from, to, SpendWindow.Range(from, to));
        }

        return new([.. windows]);
    }

    /// <summary>
    /// The calendar years that lie wholly inside the days <paramref name="firstDay"/>..<paramref name="lastDay"/> (both
    /// inclusive), e.g. the years a set of transactions fully covers.
    /// </summary>
    /// <param name="firstDay">The first day covered.</param>
    /// <param name="lastDay">The last day covered, inclusive.</param>
    /// <returns>The windows of the complete years, or null when no calendar year is complete.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lastDay"/> is before <paramref name="firstDay"/>.</exception>
    public static SpendWindows? CompleteCalendarYears(DateOnly firstDay, DateOnly lastDay)
    {
        if (lastDay < firstDay)
        {
            throw new ArgumentOutOfRangeException(nameof(lastDay), lastDay, $"The last day {lastDay:yyyy-MM-dd} is before the first day {firstDay:yyyy-MM-dd}.");
        }

        int first = firstDay.DayOfYear == 1 ? firstDay.Year : firstDay.Year + 1;
        int last = Math.Min(lastDay.Month == 12 && lastDay.Day == 31 ? lastDay.Year : lastDay.Year - 1, LastYear);
        return last >= first ? CalendarYears(first, last) : null;
    }

    /// <summary>The index of the window holding <paramref name="day"/>, or -1 when it lies outside <see cref="Start"/>..<see cref="End"/>.</summary>
    internal int IndexOf(DateOnly day)
    {
        if (day < Start || day >= End)
        {
            return -1;
        }

        int lo = 0;
        int hi = Windows.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (Windows[mid].Start <= day)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    /// <inheritdoc />
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Windows.Length} window(s) {Start:yyyy-MM-dd}..{End.AddDays(-1):yyyy-MM-dd}");
}
