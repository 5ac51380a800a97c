using System.Collections.Immutable;

namespace CustomerSegmentation.Loyalty;

/// <summary>The transactions kept from a file, in file order, and the report of what was set aside.</summary>
public sealed class TransactionSet
{
    private readonly Lazy<ImmutableArray<Transaction>> _transactions;

    internal TransactionSet(TransactionColumns columns, TransactionHygieneReport hygiene)
    {
        Columns = columns;
        HasOrderIds = columns.Orders is not null;
        Hygiene = hygiene;
        _transactions = new Lazy<ImmutableArray<Transaction>>(columns.ToTransactions);
    }

    /// <summary>
    /// The kept lines, in file order. Equal customer ids share one string instance, and so do equal order ids. The
    /// lines are made on first use (the set holds them by column until then, which is what RFM reads).
    /// </summary>
    public ImmutableArray<Transaction> Transactions => _transactions.Value;

    /// <summary>True when the file had an order id column, so every transaction carries an <see cref="Transaction.OrderId"/>.</summary>
    public bool HasOrderIds { get; }

    /// <summary>What was read, kept and set aside, by reason.</summary>
    public TransactionHygieneReport Hygiene { get; }

    /// <summary>The net amount of the kept lines (purchases minus netted returns), summed exactly in decimal.</summary>
    public decimal NetAmount
    {
        get
        {
            decimal sum = 0m;
            foreach (decimal amount in Columns.Amounts)
            {
                sum += amount;
            }

            return sum;
        }
    }

    /// <summary>The kept lines by column.</summary>
    internal TransactionColumns Columns { get; }
}
