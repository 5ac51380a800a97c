using System.Collections.Immutable;
using System.Runtime.InteropServices;

using CustomerSegmentation.Data;

namespace CustomerSegmentation.Loyalty;

/// <summary>
/// Transaction lines stored by column: each line's customer and order as numbers into tables of distinct ids, its
/// timestamp and its amount. Customers are numbered in order of their first line, orders in order of first use; a
/// line without an order id has order -1. The readers build this form and RFM reads it, so a large read holds no
/// object per line; <see cref="ToTransactions"/> makes the public lines when they are asked for.
/// </summary>
internal sealed class TransactionColumns
{
    /// <summary>Takes the columns as they are (no copy).</summary>
    /// <param name="customerIds">The distinct customer ids, each used by at least one line, in order of first line.</param>
    /// <param name="customers">Each line's index into <paramref name="customerIds"/>.</param>
    /// <param name="timestamps">Each line's timestamp.</param>
    /// <param name="amounts">Each line's amount.</param>
    /// <param name="orderIds">The distinct order ids, or null when the source has none.</param>
    /// <param name="orders">Each line's index into <paramref name="orderIds"/> (-1 for none), or null when the source has no order ids.</param>
    public TransactionColumns(string[] customerIds, int[] customers, DateTime[] timestamps, decimal[] amounts, TextColumn? orderIds, int[]? orders)
    {
        CustomerIds = customerIds;
        Customers = customers;
        Timestamps = timestamps;
        Amounts = amounts;
        OrderIds = orderIds;
        Orders = orders;
    }

    /// <summary>The number of lines.</summary>
    public int Count => Customers.Length;

    /// <summary>The distinct customer ids, in order of first line.</summary>
    public string[] CustomerIds { get; }

    /// <summary>Each line's customer, an index into <see cref="CustomerIds"/>.</summary>
    public int[] Customers { get; }

    /// <summary>Each line's timestamp.</summary>
    public DateTime[] Timestamps { get; }

    /// <summary>Each line's amount (negative for a return).</summary>
    public decimal[] Amounts { get; }

    /// <summary>The distinct order ids, or null when the source has none.</summary>
    public TextColumn? OrderIds { get; }

    /// <summary>Each line's order, an index into <see cref="OrderIds"/> (-1 for a line without one), or null when the source has no order ids.</summary>
    public int[]? Orders { get; }

    /// <summary>True when line <paramref name="line"/> is a return (a negative amount).</summary>
    public bool IsReturn(int line) => decimal.Sign(Amounts[line]) < 0;

    /// <summary>
    /// The lines of <paramref name="transactions"/> by column: customers numbered by first line (equal ids compared
    /// ordinally), orders by first use.
    /// </summary>
    /// <exception cref="ArgumentException">A customer id is blank (the message gives the line's index).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked every 4096 lines).</exception>
    public static TransactionColumns From(IReadOnlyList<Transaction> transactions, CancellationToken cancellationToken)
    {
        int n = transactions.Count;
        var customerIndex = new IdNumbering();
        var customerIds = new List<string>();
        var orderIds = new IdNumbering();
        var customers = new int[n];
        var timestamps = new DateTime[n];
        var amounts = new decimal[n];
        var orders = new int[n];
        for (int i = 0; i < n; i++)
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

            int customer = customers[i] = customerIndex.Number(t.CustomerId);
            if (customer == customerIds.Count)
            {
                customerIds.Add(t.CustomerId);
            }

            orders[i] = t.OrderId is null ? -1 : orderIds.Number(t.OrderId);
            timestamps[i] = t.Timestamp;
            amounts[i] = t.Amount;
        }

        return orderIds.Count == 0
            ? new TransactionColumns([.. customerIds], customers, timestamps, amounts, null, null)
            : new TransactionColumns([.. customerIds], customers, timestamps, amounts, orderIds.Texts, orders);
    }

    /// <summary>The lines as <see cref="Transaction"/> values, in order; equal ids share one string instance.</summary>
    public ImmutableArray<Transaction> ToTransactions()
    {
        var lines = new Transaction[Count];
        var orderIds = new string?[OrderIds?.Count ?? 0];
        for (int i = 0; i < lines.Length; i++)
        {
            string? orderId = null;
            if (Orders is { } orders && orders[i] >= 0)
            {
                orderId = orderIds[orders[i]] ??= OrderIds![orders[i]];
            }

            lines[i] = new Transaction(CustomerIds[Customers[i]], Timestamps[i], Amounts[i], orderId);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(lines);
    }
}
