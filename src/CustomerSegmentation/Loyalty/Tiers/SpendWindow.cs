using System.Globalization;

namespace CustomerSegmentation.Loyalty;

/// <summary>
/// One spend window of twelve months: the half-open day range [<see cref="Start"/>, <see cref="End"/>). A transaction
/// belongs to it when its calendar day (the date part of <see cref="Transaction.Timestamp"/>) is on or after
/// <see cref="Start"/> and before <see cref="End"/>: a purchase at any time on <see cref="Start"/> counts, one on
/// <see cref="End"/> belongs to the next window.
/// </summary>
public sealed record SpendWindow
{
    internal SpendWindow(DateOnly start, DateOnly end, string label)
    {
        Start = start;
        End = end;
        Label = label;
    }

    /// <summary>The first day of the window, inclusive.</summary>
    public DateOnly Start { get; }

    /// <summary>The day after the last day of the window (exclusive); the first day of the next window.</summary>
    public DateOnly End { get; }

    /// <summary>The window's name: the year ("2024") for a calendar year, the day range ("2023-07-01..2024-06-30", last day inclusive) for a rolling window.</summary>
    public string Label { get; }

    /// <summary>
    /// The twelve months after this window, [<see cref="End"/>, <see cref="End"/> + 12 months): the period through which
    /// the tier earned in this window is held, and the window a projected next-12-months spend falls in.
    /// </summary>
    public SpendWindow Following
    {
        get
        {
            DateOnly end = End.AddMonths(12);
            return new SpendWindow(End, end, IsCalendarYear(End, end) ? Year(End.Year) : Range(End, end));
        }
    }

    /// <summary>True when <paramref name="day"/> lies in the window (on or after <see cref="Start"/>, before <see cref="End"/>).</summary>
    /// <param name="day">The calendar day.</param>
    /// <returns>Whether the window holds the day.</returns>
    public bool Contains(DateOnly day) => day >= Start && day < End;

    /// <inheritdoc />
    public override string ToString() => Label;

    internal static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    internal static string Range(DateOnly start, DateOnly end)
        => string.Create(CultureInfo.InvariantCulture, $"{start:yyyy-MM-dd}..{end.AddDays(-1):yyyy-MM-dd}");

    private static bool IsCalendarYear(DateOnly start, DateOnly end) => start.Month == 1 && start.Day == 1 && end == start.AddYears(1);
}
