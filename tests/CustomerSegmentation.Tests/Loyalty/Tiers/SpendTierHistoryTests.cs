using CustomerSegmentation.Loyalty;
using static CustomerSegmentation.Tests.Loyalty.Tiers.TierFixture;

namespace CustomerSegmentation.Tests.Loyalty.Tiers;

public sealed class SpendTierHistoryTests
{
    [Fact]
    public void Each_customer_has_the_hand_computed_spend_and_tier_in_every_year()
    {
        SpendTierHistory history = History();

        Assert.Equal(["2022", "2023", "2024"], history.Windows.Windows.Select(w => w.Label));
        Assert.Equal(Expected.Select(e => e.Id), history.Customers.Select(c => c.CustomerId));
        foreach ((string id, (decimal Spend, SpendTier? Tier)[] years) in Expected)
        {
            CustomerTierHistory customer = history.Customers.Single(c => c.CustomerId == id);
            Assert.Equal(years, customer.Windows.Select(w => (w.Spend, w.Earned)));
        }
    }

    [Fact]
    public void The_tier_earned_in_a_year_is_held_through_the_next()
    {
        SpendTierHistory history = History();

        CustomerTierHistory a = history.Customers[0];
        Assert.Equal([null, Silver, Gold], a.Windows.Select(w => w.Held));
        Assert.Null(a.Current);
        Assert.Equal(Basic, history.Customers.Single(c => c.CustomerId == "C").Current);
        Assert.Equal([null, Basic, null], history.Customers.Single(c => c.CustomerId == "G").Windows.Select(w => w.Held));
    }

    [Fact]
    public void A_purchase_on_the_first_day_counts_and_one_on_the_end_day_belongs_to_the_next_window()
    {
        SpendTierHistory history = BasicSilverGold.History(
            [
                new("X", new DateTime(2023, 3, 1, 0, 0, 0), 100m),
                new("X", new DateTime(2024, 2, 29, 23, 59, 59), 1m),
                new("X", new DateTime(2024, 3, 1, 0, 0, 0), 500m),
                new("Y", new DateTime(2023, 2, 28, 23, 59, 59), 7m),
            ],
            SpendWindows.Rolling12Months(new DateOnly(2024, 3, 1), 1));

        WindowTier only = Assert.Single(Assert.Single(history.Customers).Windows);
        Assert.Equal(new DateOnly(2023, 3, 1), only.Window.Start);
        Assert.Equal(new DateOnly(2024, 3, 1), only.Window.End);
        Assert.Equal("2023-03-01..2024-02-29", only.Window.Label);
        Assert.Equal((101m, Silver), (only.Spend, only.Earned));
    }

    [Fact]
    public void Movements_between_consecutive_years_are_classified_and_counted()
    {
        SpendTierHistory history = History();

        Assert.Equal(2, history.Movements.Length);
        TierMovements first = history.Movements[0];
        Assert.Equal(("2022", "2023"), (first.From.Label, first.To.Label));
        Assert.Equal(
            [TierMovementKind.Upgrade, TierMovementKind.Retained, TierMovementKind.New, TierMovementKind.Retained, TierMovementKind.Inactive, TierMovementKind.Lapsed],
            first.Customers.Select(m => m.Kind));
        Assert.Equal([1, 1, 1, 2, 0, 1], first.ByKind.Select(k => k.Customers));
        Assert.Equal(2d / 6, first.ByKind[(int)TierMovementKind.Retained].Share, 12);
        Assert.Equal(1, first.Count(Silver, Gold));
        Assert.Equal(1, first.Count(null, null));
        Assert.Equal(0, first.Count(Gold, Silver));

        TierMovements second = history.Movements[1];
        Assert.Equal(
            [TierMovementKind.Lapsed, TierMovementKind.Upgrade, TierMovementKind.Downgrade, TierMovementKind.Lapsed, TierMovementKind.New, TierMovementKind.Inactive],
            second.Customers.Select(m => m.Kind));
        Assert.Equal(2, second.Count(TierMovementKind.Lapsed));
        Assert.Equal(2, second.Count(Gold, null));
        Assert.Equal(new TierMovement("C", 700m, Gold, 99.99m, Basic, TierMovementKind.Downgrade), second.Customers[2]);

        // The matrix: 4 x 4 cells (no tier, Basic, Silver, Gold), from-major.
        Assert.Equal(16, second.Matrix.Length);
        Assert.Equal([1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 2, 1, 0, 0], second.Matrix.Select(c => c.Customers));
        Assert.Equal((Gold, Basic), (second.Matrix[13].From, second.Matrix[13].To));
    }

    [Fact]
    public void Projected_spend_gives_the_projected_tier_and_the_move_from_the_current_tier()
    {
        TierMovements projection = History().Project(new Dictionary<string, decimal>
        {
            ["Z"] = 1000m, ["G"] = 5m, ["F"] = 500m, ["D"] = 0m, ["C"] = 100m, ["B"] = 99m, ["A"] = 550m,
        });

        Assert.Equal(("2024", "2025"), (projection.From.Label, projection.To.Label));
        Assert.Equal(new DateOnly(2025, 1, 1), projection.To.Start);
        Assert.Equal(new DateOnly(2026, 1, 1), projection.To.End);
        Assert.Equal(
            [
                ("A", null, Gold, TierMovementKind.New), ("B", Silver, Basic, TierMovementKind.Downgrade),
                ("C", Basic, Silver, TierMovementKind.Upgrade), ("D", null, null, TierMovementKind.Inactive),
                ("F", Gold, Gold, TierMovementKind.Retained), ("G", null, Basic, TierMovementKind.New),
                ("Z", null, Gold, TierMovementKind.New),
            ],
            projection.Customers.Select(m => (m.CustomerId, m.From, m.To, m.Kind)));
        Assert.Equal((0m, 1000m), (projection.Customers[^1].FromSpend, projection.Customers[^1].ToSpend));
        Assert.Equal((120m, 99m), (projection.Customers[1].FromSpend, projection.Customers[1].ToSpend));
    }

    [Fact]
    public void Rejected_projections_name_the_customer()
    {
        SpendTierHistory history = History();
        var all = Expected.ToDictionary(e => e.Id, _ => 10m);

        var missing = Assert.Throws<ArgumentException>(() => history.Project(all.Where(p => p.Key != "C").ToDictionary()));
        Assert.Contains("Customer 'C' of the tier history has no projected spend", missing.Message, StringComparison.Ordinal);
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => history.Project(new Dictionary<string, decimal>(all) { ["B"] = -1m }));
        Assert.Contains("Customer 'B' has a negative projected spend (-1)", negative.Message, StringComparison.Ordinal);
        var blank = Assert.Throws<ArgumentException>(() => history.Project(new Dictionary<string, decimal>(all) { [" "] = 1m }));
        Assert.Contains("blank customer id", blank.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => history.Project((IReadOnlyDictionary<string, decimal>)null!));
        Assert.Equal("lifetimeValue", Assert.Throws<ArgumentNullException>(() => history.Project((LifetimeValueResult)null!)).ParamName);
    }

    [Fact]
    public void Rejected_transactions_say_what_is_wrong()
    {
        SpendWindows years = SpendWindows.CalendarYears(2022, 2024);

        Assert.Contains("no transactions", Assert.Throws<ArgumentException>(() => BasicSilverGold.History(Array.Empty<Transaction>(), years)).Message, StringComparison.Ordinal);
        Assert.Contains(
            "Transaction 1 has a blank customer id",
            Assert.Throws<ArgumentException>(() => BasicSilverGold.History([new("A", new DateTime(2022, 1, 1), 1m), new(" ", new DateTime(2022, 1, 2), 1m)], years)).Message,
            StringComparison.Ordinal);
        var outside = Assert.Throws<ArgumentException>(() => BasicSilverGold.History([new("A", new DateTime(2020, 5, 1), 1m), new("B", new DateTime(2021, 2, 1), 1m)], years));
        Assert.Contains("None of the 2 transactions falls in the windows", outside.Message, StringComparison.Ordinal);
        Assert.Contains("from 2020-05-01 to 2021-02-01", outside.Message, StringComparison.Ordinal);
        Assert.Equal("windows", outside.ParamName);
        var overflow = Assert.Throws<ArgumentException>(() => BasicSilverGold.History([new("A", new DateTime(2022, 1, 1), decimal.MaxValue), new("A", new DateTime(2022, 1, 2), decimal.MaxValue)], years));
        Assert.Contains("Customer 'A' spends more than a decimal holds in 2022", overflow.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => BasicSilverGold.History((IReadOnlyList<Transaction>)null!, years));
        Assert.Throws<ArgumentNullException>(() => BasicSilverGold.History((TransactionSet)null!, years));
        Assert.Throws<ArgumentNullException>(() => BasicSilverGold.History(Transactions, null!));
    }

    [Fact]
    public void A_tier_of_other_tiers_is_refused_by_the_matrix()
    {
        TierMovements movements = History().Movements[0];

        var e = Assert.Throws<ArgumentException>(() => movements.Count(SpendTiers.Default.Tiers[3], null));
        Assert.Contains("'Platinum' from 5000 is not one of these movements' tiers (Basic, Silver, Gold)", e.Message, StringComparison.Ordinal);
        Assert.Equal("from", e.ParamName);
        Assert.Contains("Unknown TierMovementKind", Assert.Throws<ArgumentOutOfRangeException>(() => movements.Count((TierMovementKind)99)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancellation_stops_the_history()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => BasicSilverGold.History(Transactions, SpendWindows.CalendarYears(2022, 2024), cancelled.Token));
    }

    [Fact]
    public void A_file_of_transactions_is_tiered_like_its_lines()
    {
        TransactionSet set = RfmFixture.Read();
        SpendWindows year = SpendWindows.Rolling12Months(new DateOnly(2024, 4, 1), 1);

        SpendTierHistory fromSet = SpendTiers.Default.History(set, year);

        Assert.Equal(
            SpendTiers.Default.History(set.Transactions, year).Customers.Select(c => (c.CustomerId, c.TotalSpend)),
            fromSet.Customers.Select(c => (c.CustomerId, c.TotalSpend)));
        Assert.Equal(set.NetAmount, fromSet.Customers.Sum(c => c.TotalSpend));
        Assert.Empty(fromSet.Movements);
    }
}
