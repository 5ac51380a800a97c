using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Tests.Loyalty.Tiers;

/// <summary>
/// Three calendar years 2022..2024 of a handful of customers, tiered Basic from 0, Silver from 100, Gold from 500, every
/// figure worked out by hand (see <see cref="Expected"/>). Boundaries: A buys at 00:00 on 1 January and at 23:59 on
/// 31 December; C's purchases on 2021-12-31 and 2025-01-01 lie outside the range; E buys only outside it, so E is not a
/// customer of the history. Refunds: B's refund nets 2023 to 50; D books only a refund in 2024 (no purchase: no tier);
/// G's refund cancels the 2022 purchase (net 0, but a purchase: the lowest tier) and G books only a refund in 2023.
/// </summary>
internal static class TierFixture
{
    public static readonly SpendTiers BasicSilverGold = new([new("Basic", 0m), new("Silver", 100m), new("Gold", 500m)]);

    public static SpendTier Basic => BasicSilverGold.Tiers[0];

    public static SpendTier Silver => BasicSilverGold.Tiers[1];

    public static SpendTier Gold => BasicSilverGold.Tiers[2];

    public static readonly Transaction[] Transactions =
    [
        new("A", new DateTime(2022, 1, 1, 0, 0, 0), 100m),
        new("A", new DateTime(2022, 12, 31, 23, 59, 59), 50m),
        new("A", new DateTime(2023, 1, 1, 0, 0, 0), 600m),
        new("B", new DateTime(2022, 6, 1, 10, 0, 0), 50m),
        new("B", new DateTime(2023, 3, 1, 10, 0, 0), 200m),
        new("B", new DateTime(2023, 4, 1, 10, 0, 0), -150m),
        new("B", new DateTime(2024, 2, 29, 10, 0, 0), 120m),
        new("C", new DateTime(2021, 12, 31, 23, 0, 0), 1000m),
        new("C", new DateTime(2023, 5, 5, 10, 0, 0), 700m),
        new("C", new DateTime(2024, 12, 31, 10, 0, 0), 99.99m),
        new("C", new DateTime(2025, 1, 1, 0, 0, 0), 500m),
        new("D", new DateTime(2022, 3, 3, 10, 0, 0), 600m),
        new("D", new DateTime(2023, 7, 7, 10, 0, 0), 600m),
        new("D", new DateTime(2024, 1, 1, 10, 0, 0), -50m),
        new("E", new DateTime(2021, 5, 5, 10, 0, 0), 20m),
        new("F", new DateTime(2024, 8, 8, 10, 0, 0), 500m),
        new("G", new DateTime(2022, 2, 2, 10, 0, 0), 100m),
        new("G", new DateTime(2022, 2, 3, 10, 0, 0), -100m),
        new("G", new DateTime(2023, 1, 1, 10, 0, 0), -10m),
    ];

    /// <summary>Per customer, per year 2022, 2023, 2024: spend and tier earned (null: no tier).</summary>
    public static readonly (string Id, (decimal Spend, SpendTier? Tier)[] Years)[] Expected =
    [
        ("A", [(150m, Silver), (600m, Gold), (0m, null)]),
        ("B", [(50m, Basic), (50m, Basic), (120m, Silver)]),
        ("C", [(0m, null), (700m, Gold), (99.99m, Basic)]),
        ("D", [(600m, Gold), (600m, Gold), (-50m, null)]),
        ("F", [(0m, null), (0m, null), (500m, Gold)]),
        ("G", [(0m, Basic), (-10m, null), (0m, null)]),
    ];

    public static SpendTierHistory History() => BasicSilverGold.History(Transactions, SpendWindows.CalendarYears(2022, 2024));
}
