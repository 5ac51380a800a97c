using System.Collections.Immutable;
using System.Data.Common;

using CustomerSegmentation.Data;

namespace CustomerSegmentation.Loyalty;

/// <summary>
/// The repeat-purchase summary of a set of customers at an observation end date (lifetimes'
/// <c>summary_data_from_transaction_data</c>): for each customer x, t_x, T and m in one <see cref="PeriodUnit"/>.
/// </summary>
/// <remarks>
/// A purchase day is a calendar day with at least one purchase line (a non-negative amount); its spend is the sum of the
/// day's lines, returns included. Lines after the observation end are left out, and so are customers whose first
/// purchase is after it. Times are whole days from the first purchase day, divided by 7 for weeks.
/// </remarks>
public sealed class PurchaseSummary
{
    private Dictionary<string, int>? _byId;

    private PurchaseSummary(ImmutableArray<CustomerPurchases> customers, PeriodUnit unit, DateOnly? observationEnd)
    {
        Customers = customers;
        Unit = unit;
        ObservationEnd = observationEnd;
        RepeatBuyers = customers.Count(c => c.Frequency > 0);
    }

    /// <summary>One record per customer, in order of the customer's first purchase line in the data (or as given).</summary>
    public ImmutableArray<CustomerPurchases> Customers { get; }

    /// <summary>The unit of recency and age.</summary>
    public PeriodUnit Unit { get; }

    /// <summary>The last day observed (inclusive), or null for a summary built from records.</summary>
    public DateOnly? ObservationEnd { get; }

    /// <summary>The number of customers with at least one repeat purchase (x &gt; 0).</summary>
    public int RepeatBuyers { get; }

    /// <summary>The record of the customer with id <paramref name="customerId"/> (ordinal match).</summary>
    /// <param name="customerId">The customer's id.</param>
    /// <exception cref="KeyNotFoundException">No customer has that id.</exception>
    public CustomerPurchases this[string customerId]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(customerId);
            return Customers[IndexOf(customerId)];
        }
    }

    /// <summary>Summarises <paramref name="transactions"/> up to and including <paramref name="observationEnd"/>.</summary>
    /// <param name="transactions">The transactions read from a file.</param>
    /// <param name="observationEnd">The last day observed (inclusive); T is measured to it.</param>
    /// <param name="unit">The unit of recency and age.</param>
    /// <param name="cancellationToken">Checked before the work and every 65,536 transactions.</param>
    /// <returns>The summary of every customer who bought on or before <paramref name="observationEnd"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is undefined, or <paramref name="observationEnd"/> is before the first purchase in the data (no customer to summarise).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static PurchaseSummary FromTransactions(TransactionSet transactions, DateOnly observationEnd, PeriodUnit unit = PeriodUnit.Days, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        return FromTransactions(transactions.Transactions, observationEnd, unit, cancellationToken);
    }

    /// <summary>Summarises <paramref name="transactions"/> (any order) up to and including <paramref name="observationEnd"/>.</summary>
    /// <param name="transactions">The purchase lines (and returns, as negative amounts).</param>
    /// <param name="observationEnd">The last day observed (inclusive); T is measured to it.</param>
    /// <param name="unit">The unit of recency and age.</param>
    /// <param name="cancellationToken">Checked before the work and every 65,536 transactions.</param>
    /// <returns>The summary of every customer who bought on or before <paramref name="observationEnd"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is undefined, or <paramref name="observationEnd"/> is before the first purchase in the data (no customer to summarise).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static PurchaseSummary FromTransactions(IReadOnlyList<Transaction> transactions, DateOnly observationEnd, PeriodUnit unit = PeriodUnit.Days, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        RequireUnit(unit);
        PurchaseDays days = PurchaseDays.Collect(transactions, observationEnd, cancellationToken);
        if (days.CustomerCount == 0)
        {
            throw NoCustomerBy(observationEnd, days.FirstPurchase);
        }

        double per = PeriodUnits.DaysPer(unit);
        var records = ImmutableArray.CreateBuilder<CustomerPurchases>(days.CustomerCount);
        for (int c = 0; c < days.CustomerCount; c++)
        {
            ReadOnlySpan<(DateOnly Day, decimal Spend)> own = days.Of(c);
            decimal repeatSpend = 0m;
            for (int i = 1; i < own.Length; i++)
            {
                repeatSpend += own[i].Spend;
            }

            records.Add(Summarise(days.CustomerId(c), own.Length, own[0].Day, own[^1].Day, repeatSpend, observationEnd, per));
        }

        return new PurchaseSummary(records.MoveToImmutable(), unit, observationEnd);
    }

    /// <summary>
    /// A summary of records already in order, with the observation end they were measured to (the pushed-down summary).
    /// </summary>
    internal static PurchaseSummary Of(ImmutableArray<CustomerPurchases> records, PeriodUnit unit, DateOnly observationEnd)
        => new(records, unit, observationEnd);

    /// <summary>
    /// One customer's record from its purchase days: how many, the first and the last, and the spend of the days after
    /// the first; times in days divided by <paramref name="daysPerUnit"/>.
    /// </summary>
    internal static CustomerPurchases Summarise(string customerId, int purchaseDays, DateOnly first, DateOnly last, decimal repeatSpend, DateOnly observationEnd, double daysPerUnit)
    {
        int x = purchaseDays - 1;
        double recency = x == 0 ? 0d : (last.DayNumber - first.DayNumber) / daysPerUnit;
        double age = (observationEnd.DayNumber - first.DayNumber) / daysPerUnit;
        double m = x == 0 ? 0d : (double)(repeatSpend / x);
        return new CustomerPurchases(customerId, x, recency, age, m);
    }

    /// <summary>The error for an observation end before every purchase.</summary>
    internal static ArgumentOutOfRangeException NoCustomerBy(DateOnly observationEnd, DateOnly? firstPurchase)
    {
        string first = firstPurchase is { } f ? $"the first purchase in the data is on {f:yyyy-MM-dd}" : "the data holds no purchase";
        return new ArgumentOutOfRangeException(nameof(observationEnd), observationEnd, $"No customer bought on or before the observation end {observationEnd:yyyy-MM-dd}: {first}. Choose a later date.");
    }

    /// <summary>
    /// Summarises the transactions of a table inside a database without reading its lines: the engine computes each
    /// customer's purchase days (count, first, last), their spend and the first day's spend with one portable SQL
    /// query (<see cref="TransactionTable.PurchaseSummaryQuery"/>), and the records are finished here. For the same
    /// lines the result equals <see cref="FromTransactions(TransactionSet, DateOnly, PeriodUnit, CancellationToken)"/>
    /// of the lines read with the same policies, customers in the order <see cref="TransactionTable"/> describes.
    /// </summary>
    /// <param name="connection">The connection to the database (opened for the query if it is closed, then closed again).</param>
    /// <param name="table">The table, its columns (the day column gives the purchase days) and the policies.</param>
    /// <param name="observationEnd">The last day observed (inclusive); T is measured to it.</param>
    /// <param name="unit">The unit of recency and age.</param>
    /// <param name="cancellationToken">Checked before the query and every 4096 customers.</param>
    /// <returns>The summary of every customer who bought on or before <paramref name="observationEnd"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is undefined, or no customer bought on or before <paramref name="observationEnd"/>.</exception>
    /// <exception cref="DataFormatException">The query failed (a missing table or column: the message gives the provider's words), or a column has a type the summary cannot use.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static PurchaseSummary FromDatabase(DbConnection connection, TransactionTable table, DateOnly observationEnd, PeriodUnit unit = PeriodUnit.Days, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        RequireUnit(unit);
        return PushedDownSummaries.Purchases(connection, table, observationEnd, unit, cancellationToken);
    }

    /// <summary>A summary of records computed elsewhere (a database, a simulation).</summary>
    /// <param name="customers">One record per customer; ids must be unique.</param>
    /// <param name="unit">The unit the records' recency and age are in.</param>
    /// <returns>The summary, records in the given order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> or one of its records is null.</exception>
    /// <exception cref="ArgumentException">There is no record, or two records share an id (named).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is undefined.</exception>
    public static PurchaseSummary FromRecords(IEnumerable<CustomerPurchases> customers, PeriodUnit unit)
    {
        ArgumentNullException.ThrowIfNull(customers);
        RequireUnit(unit);
        ImmutableArray<CustomerPurchases> records = [.. customers];
        if (records.IsEmpty)
        {
            throw new ArgumentException("The purchase summary needs at least one customer.", nameof(customers));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (CustomerPurchases record in records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(customers));
            if (!seen.Add(record.CustomerId))
            {
                throw new ArgumentException($"The customer id '{record.CustomerId}' appears twice; a purchase summary holds one record per customer.", nameof(customers));
            }
        }

        return new PurchaseSummary(records, unit, null);
    }

    /// <summary>The position of the customer <paramref name="customerId"/> in <see cref="Customers"/>.</summary>
    /// <exception cref="KeyNotFoundException">No customer has that id.</exception>
    internal int IndexOf(string customerId)
    {
        _byId ??= Customers.Select((c, i) => (c.CustomerId, i)).ToDictionary(p => p.CustomerId, p => p.i, StringComparer.Ordinal);
        return _byId.TryGetValue(customerId, out int i)
            ? i
            : throw new KeyNotFoundException($"No customer has the id '{customerId}' in this purchase summary.");
    }

    private static void RequireUnit(PeriodUnit unit)
    {
        if (!Enum.IsDefined(unit))
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, $"{unit} is not a period unit; use {nameof(PeriodUnit.Days)} or {nameof(PeriodUnit.Weeks)}.");
        }
    }
}
