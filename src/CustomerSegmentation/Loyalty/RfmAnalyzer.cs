using System.Data.Common;
using System.Runtime.InteropServices;

using CustomerSegmentation.Data;

namespace CustomerSegmentation.Loyalty;

/// <summary>
/// Computes per-customer Recency, Frequency and Monetary from transactions, scores them 1..5 by quintiles and names the
/// segment of each customer (the recipe of the project's REFERENCE.md, section "RFM").
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Purchases are lines with a non-negative amount; returns (negative amounts) only reduce Monetary.</item>
/// <item>Recency = analysis day − last purchase day, in whole calendar days; the analysis date defaults to the day after the last transaction.</item>
/// <item>Frequency = distinct order ids of the customer's purchases when every purchase has one, otherwise distinct purchase days (<see cref="RfmOptions.Frequency"/>).</item>
/// <item>Monetary = exact decimal sum of the customer's amounts (net of returns).</item>
/// <item>R = 6 − quintile(Recency), so the most recent fifth scores 5; M = quintile(Monetary); both use pandas <c>qcut</c> edges,
/// equal values share a score and a value equal to an edge goes to the lower quintile (for R: the higher score).</item>
/// <item>F = quintile of the Frequency rank with ties broken by order of first appearance (pandas <c>rank(method="first")</c>),
/// so the five F bins differ in size by at most one.</item>
/// </list>
/// Customers are listed in order of their first line in the input, which is also the tie-break order of F.
/// </remarks>
/// <param name="options">The options; null means the defaults.</param>
public sealed class RfmAnalyzer(RfmOptions? options = null)
{
    private const int DaysPerYear = 365;

    /// <summary>Key ranges up to this size (or four times the purchases) are counted with a stamp table rather than by sorting.</summary>
    private const int StampTableMinimum = 1 << 20;

    /// <summary>The name of the public methods' argument, which errors about the lines name.</summary>
    private const string TransactionsParameter = "transactions";

    /// <summary>
    /// The largest total spend (the sum over customers of the absolute Monetary) RFM accepts: decimal's range divided by
    /// 365, so that every annualised spend and every sum of them fits. About 2.2e26.
    /// </summary>
    private static readonly decimal MaxTotalSpend = decimal.MaxValue / DaysPerYear;

    /// <summary>The options in use.</summary>
    public RfmOptions Options { get; } = options ?? new RfmOptions();

    /// <summary>Analyses the transactions kept by <see cref="TransactionCsv.Read(string, TransactionCsvOptions?, CancellationToken)"/>.</summary>
    /// <param name="transactions">The transactions read from a file.</param>
    /// <param name="cancellationToken">Checked before any transaction is read and every few thousand transactions.</param>
    /// <returns>One record per customer, in order of first appearance.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> is null.</exception>
    /// <exception cref="ArgumentException">See <see cref="Analyze(IReadOnlyList{Transaction}, CancellationToken)"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">See <see cref="Analyze(IReadOnlyList{Transaction}, CancellationToken)"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public RfmResult Analyze(TransactionSet transactions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        cancellationToken.ThrowIfCancellationRequested();
        return Analyze(transactions.Columns, cancellationToken);
    }

    /// <summary>Analyses <paramref name="transactions"/> (any order).</summary>
    /// <param name="transactions">The purchases (and returns, as negative amounts), in any order.</param>
    /// <param name="cancellationToken">Checked before any transaction is read and every few thousand transactions.</param>
    /// <returns>One record per customer, in order of first appearance.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> is null.</exception>
    /// <exception cref="ArgumentException">There are no transactions; a customer id is blank; a customer has only returns;
    /// <see cref="FrequencyBasis.Orders"/> was asked for and a purchase has no order id; or the amounts are too large for
    /// exact decimal RFM (the customers' absolute spends must total at most about 2.2e26, decimal's range / 365; the
    /// message names the customer where the total is exceeded).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="RfmOptions.AnalysisDate"/> is before the last purchase day.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public RfmResult Analyze(IReadOnlyList<Transaction> transactions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        cancellationToken.ThrowIfCancellationRequested();
        return Analyze(TransactionColumns.From(transactions, cancellationToken), cancellationToken);
    }

    /// <summary>The analysis of lines by column (errors name the public methods' <c>transactions</c> argument).</summary>
    private RfmResult Analyze(TransactionColumns lines, CancellationToken cancellationToken)
    {
        if (lines.Count == 0)
        {
            throw new ArgumentException("There are no transactions to analyse; RFM needs at least one purchase.", TransactionsParameter);
        }

        var totals = new CustomerTotals(lines, cancellationToken);
        FrequencyBasis basis = ResolveBasis(lines);
        int[] frequency = totals.CountDistinctPurchases(lines, basis, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();

        return Score(lines.CustomerIds, totals.Monetary, totals.FirstPurchase, totals.LastPurchase, frequency, totals.LastTransactionDay, basis);
    }

    /// <summary>
    /// Analyses the transactions of a table inside a database without reading its lines: the engine computes each
    /// customer's first and last line and purchase, net amount and distinct purchase days (or orders) with one
    /// portable SQL query (<see cref="TransactionTable.RfmQuery"/>), and the scores are computed here from its one row
    /// per customer. For the same lines the result equals <see cref="Analyze(TransactionSet, CancellationToken)"/> of
    /// the lines read with the same policies, customers in the order <see cref="TransactionTable"/> describes.
    /// </summary>
    /// <param name="connection">The connection to the database (opened for the query if it is closed, then closed again).</param>
    /// <param name="table">The table, its columns and the policies.</param>
    /// <param name="cancellationToken">Checked before the query and every 4096 customers.</param>
    /// <returns>One record per customer.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The table holds no purchase; frequency by orders was asked for without an order id column; or the amounts are too large for exact decimal RFM.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="RfmOptions.AnalysisDate"/> is before the last purchase day.</exception>
    /// <exception cref="DataFormatException">The query failed (a missing table or column: the message gives the provider's words), or a column has a type the summary cannot use.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public RfmResult AnalyzeInDatabase(DbConnection connection, TransactionTable table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        return PushedDownSummaries.Rfm(this, connection, table, cancellationToken);
    }

    /// <summary>
    /// The RFM records of customers whose totals are known (in memory or from a database), in the given order: each
    /// customer's net spend, first and last purchase, and distinct purchases; <paramref name="lastTransactionDay"/> is
    /// the day number of the last line of any customer (the default analysis date is the day after it).
    /// </summary>
    internal RfmResult Score(
        IReadOnlyList<string> ids,
        IReadOnlyList<decimal> monetaryValues,
        IReadOnlyList<DateTime> firstPurchases,
        IReadOnlyList<DateTime> lastPurchases,
        int[] frequency,
        int lastTransactionDay,
        FrequencyBasis basis)
    {
        int n = ids.Count;
        var firstDays = new int[n];
        var lastDays = new int[n];
        for (int c = 0; c < n; c++)
        {
            firstDays[c] = DayOf(firstPurchases[c]);
            lastDays[c] = DayOf(lastPurchases[c]);
        }

        int lastPurchaseDay = lastDays.Max();
        int analysisDay = Options.AnalysisDate?.DayNumber ?? (lastTransactionDay + 1);
        if (analysisDay < lastPurchaseDay)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                Options.AnalysisDate,
                $"RfmOptions.AnalysisDate {Options.AnalysisDate:yyyy-MM-dd} is before the last purchase on {DateOnly.FromDayNumber(lastPurchaseDay):yyyy-MM-dd}; filter the transactions to the analysis period first.");
        }

        var recency = new int[n];
        var tenure = new int[n];
        for (int c = 0; c < n; c++)
        {
            recency[c] = analysisDay - lastDays[c];
            tenure[c] = analysisDay - firstDays[c];
        }

        int window = analysisDay - firstDays.Min();
        int minimumYear = Math.Max(1, Math.Min(DaysPerYear, window));
        int[] r = Quintiles.ByValue<int>(recency);
        int[] f = Quintiles.ByRankFirst(frequency);
        decimal[] monetaryArray = [.. monetaryValues];
        int[] m = Quintiles.ByValue<decimal>(monetaryArray);

        var records = new RfmRecord[n];
        for (int c = 0; c < n; c++)
        {
            decimal monetary = monetaryArray[c];
            records[c] = new RfmRecord
            {
                CustomerId = ids[c],
                Recency = recency[c],
                Frequency = frequency[c],
                Monetary = monetary,
                FirstPurchase = firstPurchases[c],
                LastPurchase = lastPurchases[c],
                TenureDays = tenure[c],
                AverageOrderValue = Cents(monetary / frequency[c]),
                AnnualisedSpend = Cents(monetary * DaysPerYear / Math.Max(tenure[c], minimumYear)),
                RecencyScore = Quintiles.Bins + 1 - r[c],
                FrequencyScore = f[c],
                MonetaryScore = m[c],
            };
        }

        return new RfmResult(ImmutableCollectionsMarshal.AsImmutableArray(records), DateOnly.FromDayNumber(analysisDay), basis, window);
    }

    /// <summary>Checks that the customers' absolute spends total at most <see cref="MaxTotalSpend"/>.</summary>
    /// <exception cref="ArgumentException">The total is exceeded (the message names the customer where it is).</exception>
    internal static void CheckTotalSpend(IReadOnlyList<string> ids, IReadOnlyList<decimal> monetary)
    {
        decimal total = 0m;
        for (int c = 0; c < ids.Count; c++)
        {
            decimal spend = Math.Abs(monetary[c]);
            if (spend > MaxTotalSpend - total)
            {
                throw TooLarge(ids[c], $"its Monetary {monetary[c]} brings the total spend beyond {MaxTotalSpend:0.###e0}", null);
            }

            total += spend;
        }
    }

    private static ArgumentException TooLarge(string customer, string problem, Exception? inner) => new(
        $"The amounts are too large for RFM: customer '{customer}': {problem}. Monetary values are exact decimals and every annualised spend must fit, so the customers' spends may total at most about 2.2e26; check the amount column for misread or corrupt values.",
        TransactionsParameter,
        inner);

    private static int DayOf(DateTime timestamp) => DateOnly.FromDateTime(timestamp).DayNumber;

    private static decimal Cents(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);

    private FrequencyBasis ResolveBasis(TransactionColumns lines)
    {
        if (Options.Frequency == FrequencyBasis.PurchaseDays)
        {
            return FrequencyBasis.PurchaseDays;
        }

        int[]? orders = lines.Orders;
        for (int i = 0; i < lines.Count; i++)
        {
            if (!lines.IsReturn(i) && (orders is null || orders[i] < 0))
            {
                if (Options.Frequency == FrequencyBasis.Orders)
                {
                    throw new ArgumentException(
                        $"Frequency by orders was requested but transaction {i} (customer '{lines.CustomerIds[lines.Customers[i]]}', {lines.Timestamps[i]:yyyy-MM-dd HH:mm:ss}) has no order id; use FrequencyBasis.PurchaseDays or Auto.",
                        TransactionsParameter);
                }

                return FrequencyBasis.PurchaseDays;
            }
        }

        return FrequencyBasis.Orders;
    }

    /// <summary>Per-customer sums and dates, customers numbered as in the lines (in order of first appearance).</summary>
    private sealed class CustomerTotals
    {
        public CustomerTotals(TransactionColumns lines, CancellationToken cancellationToken)
        {
            int n = lines.CustomerIds.Length;
            Monetary = new decimal[n];
            FirstPurchase = new DateTime[n];
            LastPurchase = new DateTime[n];
            FirstPurchase.AsSpan().Fill(DateTime.MaxValue);
            LastPurchase.AsSpan().Fill(DateTime.MinValue);
            ReadOnlySpan<int> customers = lines.Customers;
            ReadOnlySpan<DateTime> timestamps = lines.Timestamps;
            ReadOnlySpan<decimal> amounts = lines.Amounts;
            long lastTicks = long.MinValue;
            for (int i = 0; i < customers.Length; i++)
            {
                CheckEvery(i, cancellationToken);
                int c = customers[i];
                decimal amount = amounts[i];
                try
                {
                    Monetary[c] += amount;
                }
                catch (OverflowException e)
                {
                    throw TooLarge(lines.CustomerIds[c], $"the sum of its amounts overflows at transaction {i} ({amount})", e);
                }

                DateTime timestamp = timestamps[i];
                lastTicks = Math.Max(lastTicks, timestamp.Ticks);
                if (decimal.Sign(amount) >= 0)
                {
                    PurchaseCount++;
                    if (timestamp < FirstPurchase[c])
                    {
                        FirstPurchase[c] = timestamp;
                    }

                    if (timestamp > LastPurchase[c])
                    {
                        LastPurchase[c] = timestamp;
                    }
                }
            }

            LastTransactionDay = DayOf(new DateTime(lastTicks));
            CheckTotalSpend(lines.CustomerIds, Monetary);

            for (int c = 0; c < n; c++)
            {
                if (FirstPurchase[c] == DateTime.MaxValue)
                {
                    throw new ArgumentException(
                        $"Customer '{lines.CustomerIds[c]}' has only returns and no purchase; RFM needs at least one purchase per customer (TransactionCsv sets such rows aside and counts them in ReturnsWithoutPurchase).",
                        TransactionsParameter);
                }
            }
        }

        public decimal[] Monetary { get; }

        public DateTime[] FirstPurchase { get; }

        public DateTime[] LastPurchase { get; }

        public int LastTransactionDay { get; }

        public int PurchaseCount { get; }

        /// <summary>
        /// Distinct order ids (or purchase days) per customer: the purchase keys grouped by customer (a stable counting
        /// sort), then each group's distinct keys counted by stamping each key with the customer that saw it last. Keys
        /// that span too wide a range for a stamp table (purchase days far apart) are counted by sorting each group.
        /// </summary>
        public int[] CountDistinctPurchases(TransactionColumns lines, FrequencyBasis basis, CancellationToken cancellationToken)
        {
            if (basis == FrequencyBasis.Orders && CountByOwners(lines, cancellationToken) is { } owned)
            {
                return owned;
            }

            int n = lines.CustomerIds.Length;
            ReadOnlySpan<int> customers = lines.Customers;
            ReadOnlySpan<decimal> amounts = lines.Amounts;
            ReadOnlySpan<DateTime> timestamps = lines.Timestamps;
            ReadOnlySpan<int> orders = basis == FrequencyBasis.Orders ? lines.Orders : default;
            var start = new int[n + 1];
            for (int i = 0; i < customers.Length; i++)
            {
                if (decimal.Sign(amounts[i]) >= 0)
                {
                    start[customers[i] + 1]++;
                }
            }

            for (int c = 0; c < n; c++)
            {
                start[c + 1] += start[c];
            }

            var next = start.AsSpan(0, n).ToArray();
            var keys = new int[PurchaseCount];
            int smallest = int.MaxValue;
            int largest = int.MinValue;
            for (int i = 0; i < customers.Length; i++)
            {
                CheckEvery(i, cancellationToken);
                if (decimal.Sign(amounts[i]) < 0)
                {
                    continue;
                }

                int key = basis == FrequencyBasis.Orders ? orders[i] : DayOf(timestamps[i]);
                keys[next[customers[i]]++] = key;
                smallest = Math.Min(smallest, key);
                largest = Math.Max(largest, key);
            }

            if (keys.Length == 0)
            {
                return new int[n];
            }

            long range = (long)largest - smallest + 1;
            return range <= Math.Max(StampTableMinimum, 4L * keys.Length)
                ? CountByStamps(keys, start, n, smallest, (int)range)
                : CountBySorting(keys, start, n);
        }

        /// <summary>
        /// The distinct orders of each customer's purchases when every order belongs to one customer (the usual case):
        /// each customer's count is then the number of orders whose first purchase line is its own, found in one pass.
        /// Null as soon as an order's purchase lines name two customers; the general count applies then.
        /// </summary>
        private static int[]? CountByOwners(TransactionColumns lines, CancellationToken cancellationToken)
        {
            ReadOnlySpan<int> customers = lines.Customers;
            ReadOnlySpan<decimal> amounts = lines.Amounts;
            ReadOnlySpan<int> orders = lines.Orders;
            var owners = new int[lines.OrderIds!.Count];
            Array.Fill(owners, -1);
            var distinct = new int[lines.CustomerIds.Length];
            for (int i = 0; i < customers.Length; i++)
            {
                CheckEvery(i, cancellationToken);
                if (decimal.Sign(amounts[i]) < 0)
                {
                    continue;
                }

                ref int owner = ref owners[orders[i]];
                if (owner < 0)
                {
                    owner = customers[i];
                    distinct[owner]++;
                }
                else if (owner != customers[i])
                {
                    return null;
                }
            }

            return distinct;
        }

        /// <summary>The distinct keys of each customer's group, each key stamped with the last customer that held it.</summary>
        private static int[] CountByStamps(int[] keys, int[] start, int customers, int smallest, int range)
        {
            var stamps = new int[range];
            Array.Fill(stamps, -1);
            var distinct = new int[customers];
            for (int c = 0; c < customers; c++)
            {
                int count = 0;
                for (int k = start[c]; k < start[c + 1]; k++)
                {
                    ref int stamp = ref stamps[keys[k] - smallest];
                    if (stamp != c)
                    {
                        stamp = c;
                        count++;
                    }
                }

                distinct[c] = count;
            }

            return distinct;
        }

        /// <summary>The distinct keys of each customer's group, counted after sorting the group.</summary>
        private static int[] CountBySorting(int[] keys, int[] start, int customers)
        {
            var distinct = new int[customers];
            for (int c = 0; c < customers; c++)
            {
                Span<int> group = keys.AsSpan(start[c], start[c + 1] - start[c]);
                group.Sort();
                int count = group.IsEmpty ? 0 : 1;
                for (int k = 1; k < group.Length; k++)
                {
                    if (group[k] != group[k - 1])
                    {
                        count++;
                    }
                }

                distinct[c] = count;
            }

            return distinct;
        }

        /// <summary>Looks at the token once every 4,096 transactions.</summary>
        private static void CheckEvery(int i, CancellationToken cancellationToken)
        {
            if ((i & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }
}
