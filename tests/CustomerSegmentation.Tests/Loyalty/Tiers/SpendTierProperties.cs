using System.Globalization;
using CustomerSegmentation.Loyalty;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Loyalty.Tiers;

/// <summary>Transactions over 2020-07-01..2024-06-30 and the calendar years 2021..2023 they are tiered over.</summary>
public sealed record TieredYears(Transaction[] Lines, int FirstYear, int LastYear);

/// <summary>The end and number of a run of rolling windows.</summary>
public sealed record RollingRun(DateOnly End, int Count);

public static class TierGenerators
{
    private static readonly DateTime Origin = new(2020, 7, 1);

    /// <summary>Up to 12 customers, lines anywhere in four years (so some fall outside the windows), amounts -300.00..4,000.00, about one in eight a refund; one line is always inside the windows.</summary>
    public static Arbitrary<TieredYears> Years() => Arb.From(
        from customers in Gen.Choose(1, 12)
        from lines in Gen.Choose(0, 120).SelectMany(n => Line(customers).ArrayOf(n))
        from firstYear in Gen.Choose(2021, 2023)
        from lastYear in Gen.Choose(firstYear, 2023)
        from anchorDay in Gen.Choose(0, 364)
        select new TieredYears(
            [new Transaction("c0", new DateTime(firstYear, 1, 1).AddDays(anchorDay), 10m), .. lines],
            firstYear,
            lastYear));

    /// <summary>Rolling runs of 1..6 windows ending on any day of 2020..2030.</summary>
    public static Arbitrary<RollingRun> Rolling() => Arb.From(
        from day in Gen.Choose(0, 3999)
        from count in Gen.Choose(1, 6)
        select new RollingRun(new DateOnly(2020, 1, 1).AddDays(day), count));

    private static Gen<Transaction> Line(int customers) =>
        from c in Gen.Choose(0, customers - 1)
        from day in Gen.Choose(0, 1460)
        from minute in Gen.Choose(0, 1439)
        from refund in Gen.Choose(0, 7)
        from cents in Gen.Choose(1, 400_000)
        select new Transaction(
            "c" + c.ToString(CultureInfo.InvariantCulture),
            Origin.AddDays(day).AddMinutes(minute),
            refund == 0 ? -Math.Min(cents, 30_000) / 100m : cents / 100m);
}

[Properties(Arbitrary = new[] { typeof(TierGenerators) }, MaxTest = 150)]
public sealed class SpendTierProperties
{
    private static SpendTierHistory History(TieredYears years) =>
        SpendTiers.Default.History(years.Lines, SpendWindows.CalendarYears(years.FirstYear, years.LastYear));

    private static bool Inside(SpendWindow window, Transaction t) => window.Contains(DateOnly.FromDateTime(t.Timestamp));

    [Property]
    public void Every_customer_gets_exactly_one_tier_per_window_the_one_its_spend_earns(TieredYears years)
    {
        SpendTierHistory history = History(years);

        foreach (CustomerTierHistory customer in history.Customers)
        {
            Assert.Equal(history.Windows.Windows, customer.Windows.Select(w => w.Window));
            foreach (WindowTier w in customer.Windows)
            {
                bool bought = years.Lines.Any(t => t.CustomerId == customer.CustomerId && !t.IsReturn && Inside(w.Window, t));
                Assert.Equal(bought ? SpendTiers.Default.TierOf(w.Spend) : null, w.Earned);
            }
        }
    }

    [Property]
    public void Yearly_spend_adds_up_to_the_spend_over_the_covered_range(TieredYears years)
    {
        SpendTierHistory history = History(years);
        var covered = years.Lines.Where(t => DateOnly.FromDateTime(t.Timestamp) >= history.Windows.Start && DateOnly.FromDateTime(t.Timestamp) < history.Windows.End).ToList();

        Assert.Equal(covered.Select(t => t.CustomerId).Distinct().Order(StringComparer.Ordinal), history.Customers.Select(c => c.CustomerId).Order(StringComparer.Ordinal));
        foreach (CustomerTierHistory customer in history.Customers)
        {
            Assert.Equal(covered.Where(t => t.CustomerId == customer.CustomerId).Sum(t => t.Amount), customer.TotalSpend);
        }
    }

    [Property]
    public void Movement_counts_sum_to_the_customers_and_follow_the_held_tiers(TieredYears years)
    {
        SpendTierHistory history = History(years);

        Assert.Equal(history.Windows.Windows.Length - 1, history.Movements.Length);
        for (int k = 0; k < history.Movements.Length; k++)
        {
            TierMovements movements = history.Movements[k];
            Assert.Equal(history.Customers.Length, movements.Matrix.Sum(c => c.Customers));
            Assert.Equal(history.Customers.Length, movements.ByKind.Sum(c => c.Customers));
            Assert.Equal(history.Customers.Select(c => c.Windows[k + 1].Held), movements.Customers.Select(m => m.From));
            Assert.Equal(history.Customers.Select(c => c.Windows[k + 1].Earned), movements.Customers.Select(m => m.To));
        }
    }

    [Property]
    public void A_projection_moves_every_customer_once(TieredYears years, NonNegativeInt cents)
    {
        SpendTierHistory history = History(years);

        TierMovements projection = history.Project(history.Customers.ToDictionary(c => c.CustomerId, _ => cents.Get / 100m));

        Assert.Equal(history.Customers.Length, projection.Matrix.Sum(c => c.Customers));
        Assert.All(projection.Customers, m => Assert.Equal(cents.Get == 0 ? null : SpendTiers.Default.TierOf(cents.Get / 100m), m.To));
    }

    [Property]
    public void Rolling_windows_lie_end_to_end_and_hold_every_day_once(RollingRun run)
    {
        SpendWindows windows = SpendWindows.Rolling12Months(run.End, run.Count);

        Assert.Equal(run.Count, windows.Windows.Length);
        Assert.Equal(run.End, windows.End);
        Assert.All(windows.Windows.Zip(windows.Windows.Skip(1)), p => Assert.Equal(p.First.End, p.Second.Start));
        Assert.All(windows.Windows, w => Assert.InRange(w.End.DayNumber - w.Start.DayNumber, 365, 366));
        for (DateOnly day = windows.Start.AddDays(-2); day < windows.End.AddDays(2); day = day.AddDays(17))
        {
            bool inRange = day >= windows.Start && day < windows.End;
            Assert.Equal(inRange ? 1 : 0, windows.Windows.Count(w => w.Contains(day)));
        }
    }
}
