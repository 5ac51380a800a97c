using System.Collections.Immutable;

namespace CustomerSegmentation.Loyalty;

/// <summary>One customer in one spend window: what they spent, the tier they earned and the tier they held.</summary>
/// <param name="Window">The window.</param>
/// <param name="Spend">The net spend in the window: purchases minus refunds (refunds count as negative spend), 0 without transactions.</param>
/// <param name="Earned">
/// The tier earned by <paramref name="Spend"/> (<see cref="SpendTiers.TierOf"/>), held through the following window; null
/// ("no tier") when the customer made no purchase in the window, whatever refunds they booked in it. A customer who
/// bought but whose refunds bring the net spend to 0 or below earns the lowest tier.
/// </param>
/// <param name="Held">
/// The tier held during the window: the one earned in the window before; null when none was earned there, and in the
/// first window of the history, whose previous year the history does not see.
/// </param>
public sealed record WindowTier(SpendWindow Window, decimal Spend, SpendTier? Earned, SpendTier? Held);

/// <summary>One customer's spend and tiers in every window of a <see cref="SpendTierHistory"/>.</summary>
public sealed class CustomerTierHistory
{
    internal CustomerTierHistory(string customerId, ImmutableArray<WindowTier> windows)
    {
        CustomerId = customerId;
        Windows = windows;
    }

    /// <summary>The customer id.</summary>
    public string CustomerId { get; }

    /// <summary>Exactly one entry per window of the history, oldest first.</summary>
    public ImmutableArray<WindowTier> Windows { get; }

    /// <summary>The customer's net spend over all the windows (the covered range).</summary>
    public decimal TotalSpend => Windows.Aggregate(0m, static (sum, w) => sum + w.Spend);

    /// <summary>The tier earned in the last window, held through the twelve months after it; null for no tier.</summary>
    public SpendTier? Current => Windows[^1].Earned;
}
