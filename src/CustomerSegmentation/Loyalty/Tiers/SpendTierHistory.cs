using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace CustomerSegmentation.Loyalty;

/// <summary>
/// Every customer's spend and tier in each of a run of consecutive spend windows (<see cref="SpendWindows"/>), and the
/// tier movements between consecutive windows. Made by <see cref="SpendTiers.History(IReadOnlyList{Transaction}, SpendWindows, CancellationToken)"/>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A transaction counts in the window holding its calendar day (half-open windows, see <see cref="SpendWindow"/>);
/// transactions outside <see cref="SpendWindows.Start"/>..<see cref="SpendWindows.End"/> are ignored.</item>
/// <item>The customers are those with at least one transaction in the covered range, in order of their first such transaction.</item>
/// <item>Spend is net: refunds (negative amounts) count as negative spend in the window they are booked in.</item>
/// <item>A customer earns a tier in a window when they made a purchase (a line with a non-negative amount) in it, by
/// <see cref="SpendTiers.TierOf"/> on the window's net spend; otherwise no tier. The tier earned in a window is held
/// through the next one.</item>
/// </list>
/// </remarks>
public sealed class SpendTierHistory
{
    private SpendTierHistory(SpendTiers tiers, SpendWindows windows, ImmutableArray<CustomerTierHistory> customers)
    {
        Tiers = tiers;
        Windows = windows;
        Customers = customers;
        Movements = [.. Enumerable.Range(1, windows.Windows.Length - 1).Select(w => Between(w - 1, w))];
    }

    /// <summary>The tiers.</summary>
    public SpendTiers Tiers { get; }

    /// <summary>The windows, oldest first.</summary>
    public SpendWindows Windows { get; }

    /// <summary>One history per customer with a transaction in the covered range, in order of their first such transaction.</summary>
    public ImmutableArray<CustomerTierHistory> Customers { get; }

    /// <summary>The movements between each window and the next: one entry fewer than there are windows (none for a single window).</summary>
    public ImmutableArray<TierMovements> Movements { get; }

    /// <summary>
    /// The projected tier of every customer from a customer lifetime value model: the spend it expects in the twelve
    /// months after the last window (<see cref="LifetimeValueResult.ProjectedSpend"/>), tiered as
    /// <see cref="Project(IReadOnlyDictionary{string, decimal})"/> does. Fit the model on transactions up to the end of
    /// the last window, so that every customer of the history has a projection.
    /// </summary>
    /// <param name="lifetimeValue">The fitted lifetime values.</param>
    /// <returns>The movements from the tier earned in the last window to the projected tier.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lifetimeValue"/> is null.</exception>
    /// <exception cref="ArgumentException">A customer of the history is not in <paramref name="lifetimeValue"/>.</exception>
    public TierMovements Project(LifetimeValueResult lifetimeValue)
    {
        ArgumentNullException.ThrowIfNull(lifetimeValue);
        return Project(lifetimeValue.ProjectedSpend(12));
    }

    /// <summary>
    /// The projected tier of every customer from a projected spend over the twelve months after the last window
    /// (<see cref="SpendWindow.Following"/>), for example the expected spend of a customer lifetime value model, and the
    /// movement from the tier earned in the last window (<see cref="CustomerTierHistory.Current"/>). A positive projected
    /// spend earns the tier <see cref="SpendTiers.TierOf"/> gives; a projected spend of 0 (no purchase expected) earns no tier.
    /// </summary>
    /// <param name="projectedSpend">The projected next-12-months spend per customer id (ordinal), at least 0. It must
    /// hold every customer of the history; a customer not in the history has no current tier (a <see cref="TierMovementKind.New"/>
    /// customer when a spend is projected).</param>
    /// <returns>The movements from the last window to the projected one: the history's customers in their order, then the
    /// other projected customers in ordinal order of their ids.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="projectedSpend"/> is null.</exception>
    /// <exception cref="ArgumentException">A customer of the history has no projected spend, or an id is null or blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A projected spend is negative (the message names the customer).</exception>
    public TierMovements Project(IReadOnlyDictionary<string, decimal> projectedSpend)
    {
        ArgumentNullException.ThrowIfNull(projectedSpend);
        var known = new HashSet<string>(StringComparer.Ordinal);
        var movements = new List<TierMovement>(Customers.Length);
        foreach (CustomerTierHistory customer in Customers)
        {
            known.Add(customer.CustomerId);
            if (!projectedSpend.TryGetValue(customer.CustomerId, out decimal spend))
            {
                throw new ArgumentException(
                    $"Customer '{customer.CustomerId}' of the tier history has no projected spend; give every customer a projection (0 for a customer expected not to buy).",
                    nameof(projectedSpend));
            }

            movements.Add(Projected(customer.CustomerId, customer.Windows[^1].Spend, customer.Current, spend));
        }

        foreach (string id in projectedSpend.Keys.Where(id => id is null || !known.Contains(id)).Order(StringComparer.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new ArgumentException("A projected spend has a null or blank customer id; every projection needs a customer.", nameof(projectedSpend));
            }

            movements.Add(Projected(id, 0m, null, projectedSpend[id]));
        }

        SpendWindow last = Windows.Windows[^1];
        return new TierMovements(Tiers, last, last.Following, [.. movements]);
    }

    /// <summary>Tiers every customer in every window; see the remarks of <see cref="SpendTierHistory"/>.</summary>
    internal static SpendTierHistory Compute(SpendTiers tiers, IReadOnlyList<Transaction> transactions, SpendWindows windows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(windows);
        cancellationToken.ThrowIfCancellationRequested();
        if (transactions.Count == 0)
        {
            throw new ArgumentException("There are no transactions to tier; a spend tier history needs at least one.", nameof(transactions));
        }

        int w = windows.Windows.Length;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new List<string>();
        var spend = new List<decimal>();
        var bought = new List<bool>();
        DateOnly first = DateOnly.MaxValue;
        DateOnly last = DateOnly.MinValue;
        for (int i = 0; i < transactions.Count; i++)
        {
            if ((i & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            Transaction t = transactions[i];
            if (string.IsNullOrWhiteSpace(t.CustomerId))
            {
                throw new ArgumentException($"Transaction {i} has a blank customer id; every transaction needs a customer.", nameof(transactions));
            }

            DateOnly day = DateOnly.FromDateTime(t.Timestamp);
            first = day < first ? day : first;
            last = day > last ? day : last;
            int window = windows.IndexOf(day);
            if (window < 0)
            {
                continue;
            }

            ref int c = ref CollectionsMarshal.GetValueRefOrAddDefault(index, t.CustomerId, out bool seen);
            if (!seen)
            {
                c = ids.Count;
                ids.Add(t.CustomerId);
                for (int k = 0; k < w; k++)
                {
                    spend.Add(0m);
                    bought.Add(false);
                }
            }

            int cell = (c * w) + window;
            try
            {
                spend[cell] += t.Amount;
            }
            catch (OverflowException e)
            {
                throw new ArgumentException(
                    $"Customer '{t.CustomerId}' spends more than a decimal holds in {windows.Windows[window].Label} (at transaction {i}, amount {t.Amount}); check the amount column for misread values.",
                    nameof(transactions),
                    e);
            }

            bought[cell] |= !t.IsReturn;
        }

        if (ids.Count == 0)
        {
            throw new ArgumentException(
                $"None of the {transactions.Count} transactions falls in the windows {windows}; the transactions run from {first:yyyy-MM-dd} to {last:yyyy-MM-dd}.",
                nameof(windows));
        }

        var customers = new CustomerTierHistory[ids.Count];
        for (int c = 0; c < customers.Length; c++)
        {
            var row = new WindowTier[w];
            for (int k = 0; k < w; k++)
            {
                int cell = (c * w) + k;
                row[k] = new WindowTier(windows.Windows[k], spend[cell], bought[cell] ? tiers.TierOf(spend[cell]) : null, k == 0 ? null : row[k - 1].Earned);
            }

            customers[c] = new CustomerTierHistory(ids[c], ImmutableCollectionsMarshal.AsImmutableArray(row));
        }

        return new SpendTierHistory(tiers, windows, ImmutableCollectionsMarshal.AsImmutableArray(customers));
    }

    private TierMovements Between(int from, int to)
        => new(Tiers, Windows.Windows[from], Windows.Windows[to], [.. Customers.Select(c =>
        {
            WindowTier a = c.Windows[from];
            WindowTier b = c.Windows[to];
            return new TierMovement(c.CustomerId, a.Spend, a.Earned, b.Spend, b.Earned, TierMovements.KindOf(Tiers, a.Earned, b.Earned));
        })]);

    private TierMovement Projected(string id, decimal currentSpend, SpendTier? current, decimal spend)
    {
        if (spend < 0m)
        {
            throw new ArgumentOutOfRangeException(
                "projectedSpend", spend, $"Customer '{id}' has a negative projected spend ({spend}); a projection of future spend is 0 or more.");
        }

        SpendTier? projected = spend > 0m ? Tiers.TierOf(spend) : null;
        return new TierMovement(id, currentSpend, current, spend, projected, TierMovements.KindOf(Tiers, current, projected));
    }
}
