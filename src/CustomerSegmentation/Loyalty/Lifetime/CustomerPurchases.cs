namespace CustomerSegmentation.Loyalty;

/// <summary>
/// What the lifetime models know of one customer: the repeat purchases and when they happened, in the
/// <see cref="PeriodUnit"/> of the summary holding the record (lifetimes' <c>frequency</c>, <c>recency</c>, <c>T</c> and
/// <c>monetary_value</c>).
/// </summary>
public sealed record CustomerPurchases
{
    /// <summary>Creates a record, checking that the figures can describe a customer.</summary>
    /// <param name="customerId">The customer's identifier (non-blank).</param>
    /// <param name="frequency">x: the number of purchase days after the first (repeat purchases), at least 0.</param>
    /// <param name="recency">t_x: the time from the first to the last purchase day, 0 when <paramref name="frequency"/> is 0.</param>
    /// <param name="age">T: the time from the first purchase day to the end of observation, at least <paramref name="recency"/>.</param>
    /// <param name="monetaryValue">m: the mean spend of a repeat purchase day, 0 when <paramref name="frequency"/> is 0.</param>
    /// <returns>The record.</returns>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A figure is negative or not finite, recency exceeds age, or recency or monetary value is not 0 for a customer without repeat purchases.</exception>
    public CustomerPurchases(string customerId, int frequency, double recency, double age, double monetaryValue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentOutOfRangeException.ThrowIfNegative(frequency);
        if (!double.IsFinite(recency) || recency < 0d)
        {
            throw new ArgumentOutOfRangeException(nameof(recency), recency, $"Customer '{customerId}': the recency must be a finite time of at least 0.");
        }

        if (!double.IsFinite(age) || age < recency)
        {
            throw new ArgumentOutOfRangeException(nameof(age), age, $"Customer '{customerId}': the age T must be finite and at least the recency ({recency}).");
        }

        if (!double.IsFinite(monetaryValue))
        {
            throw new ArgumentOutOfRangeException(nameof(monetaryValue), monetaryValue, $"Customer '{customerId}': the monetary value must be finite.");
        }

        if (frequency == 0 && (recency != 0d || monetaryValue != 0d))
        {
            throw new ArgumentOutOfRangeException(nameof(frequency), frequency, $"Customer '{customerId}' has no repeat purchase, so the recency and the monetary value must be 0.");
        }

        CustomerId = customerId;
        Frequency = frequency;
        Recency = recency;
        Age = age;
        MonetaryValue = monetaryValue;
    }

    /// <summary>The customer's identifier.</summary>
    public string CustomerId { get; }

    /// <summary>x: the number of purchase days after the first one (repeat purchases).</summary>
    public int Frequency { get; }

    /// <summary>t_x: the time from the first to the last purchase day (0 without repeat purchases).</summary>
    public double Recency { get; }

    /// <summary>T: the time from the first purchase day to the end of observation.</summary>
    public double Age { get; }

    /// <summary>m: the mean spend per repeat purchase day (the first day is left out, as lifetimes does); 0 without repeat purchases.</summary>
    public double MonetaryValue { get; }
}
