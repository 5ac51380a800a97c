namespace CustomerSegmentation.Loyalty;

/// <summary>The unit of time of a purchase summary: recency, age and prediction horizons are counted in it.</summary>
public enum PeriodUnit
{
    /// <summary>Calendar days.</summary>
    Days,

    /// <summary>Weeks of seven days (a day count divided by 7, as lifetimes' <c>freq="W"</c>).</summary>
    Weeks,
}

/// <summary>Conversions of <see cref="PeriodUnit"/>.</summary>
internal static class PeriodUnits
{
    /// <summary>Days per period.</summary>
    public static double DaysPer(PeriodUnit unit) => unit == PeriodUnit.Weeks ? 7d : 1d;

    /// <summary>Periods per month in lifetimes' <c>customer_lifetime_value</c>: 30 days or 4.345 weeks.</summary>
    public static double PerMonth(PeriodUnit unit) => unit == PeriodUnit.Weeks ? 4.345 : 30d;

    /// <summary>The unit as a word for messages and exports ("days", "weeks").</summary>
    public static string Name(PeriodUnit unit) => unit == PeriodUnit.Weeks ? "weeks" : "days";
}
