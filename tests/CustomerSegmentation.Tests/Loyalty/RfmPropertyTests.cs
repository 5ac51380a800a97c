using System.Globalization;
using System.Text;
using CustomerSegmentation.Loyalty;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Loyalty;

/// <summary>A raw CSV row for the reader properties: what is written, and whether it should be kept.</summary>
public sealed record RawRow(int Customer, int Day, int Cents, int Fault);

public static class RfmGenerators
{
    /// <summary>Lines of up to 40 customers over 120 days, amounts in cents from -20.00 to 500.00; every customer also gets one purchase.</summary>
    public static Arbitrary<Transaction[]> Transactions() => Arb.From(
        from customers in Gen.Choose(1, 40)
        from lines in Gen.Choose(0, 150).SelectMany(n => Line(customers).ArrayOf(n))
        from firsts in Gen.Choose(0, 119).Select(d => d).ArrayOf(customers)
        select firsts.Select((d, c) => new Transaction(Id(c), Day(d), 1.5m, "o" + c)).Concat(lines).ToArray());

    /// <summary>Rows with a fault code: 0 fine, 1 no customer, 2 bad date, 3 bad amount, 4 negative amount (a return).</summary>
    public static Arbitrary<RawRow[]> RawRows() => Arb.From(
        (from c in Gen.Choose(0, 9)
         from d in Gen.Choose(0, 60)
         from cents in Gen.Choose(1, 100_000)
         from fault in Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Choose(1, 4)))
         select new RawRow(c, d, cents, fault)).ArrayOf());

    /// <summary>Lists of 5 to 300 small integers, with many ties.</summary>
    public static Arbitrary<int[]> Values() => Arb.From(Gen.Choose(5, 300).SelectMany(n => Gen.Choose(0, 20).ArrayOf(n)));

    internal static string Id(int c) => "c" + c.ToString(CultureInfo.InvariantCulture);

    internal static DateTime Day(int d) => new DateTime(2024, 1, 1).AddDays(d);

    private static Gen<Transaction> Line(int customers) =>
        from c in Gen.Choose(0, customers - 1)
        from d in Gen.Choose(0, 119)
        from cents in Gen.Choose(-2_000, 50_000)
        from order in Gen.Choose(0, 30)
        select new Transaction(Id(c), Day(d).AddMinutes(cents & 1023), cents / 100m, "o" + order.ToString(CultureInfo.InvariantCulture));
}

[Properties(Arbitrary = new[] { typeof(RfmGenerators) }, MaxTest = 100)]
public sealed class RfmPropertyTests
{
    [Property]
    public void Every_customer_appears_once_with_scores_in_range_and_money_conserved(Transaction[] lines)
    {
        RfmResult result = new RfmAnalyzer().Analyze(lines);

        Assert.Equal(lines.Select(t => t.CustomerId).Distinct().Order(StringComparer.Ordinal), result.CustomerIds.Order(StringComparer.Ordinal));
        Assert.All(result.Records, r =>
        {
            Assert.InRange(r.RecencyScore, 1, 5);
            Assert.InRange(r.FrequencyScore, 1, 5);
            Assert.InRange(r.MonetaryScore, 1, 5);
            Assert.InRange(r.Recency, 1, 120);
            Assert.True(r.Frequency >= 1);
            Assert.True(r.TenureDays >= r.Recency);
        });
        Assert.Equal(lines.Sum(t => t.Amount), result.TotalMonetary);
    }

    [Property]
    public void Frequency_counts_each_customers_distinct_orders_or_purchase_days(Transaction[] lines)
    {
        RfmResult byOrders = new RfmAnalyzer(new RfmOptions { Frequency = FrequencyBasis.Orders }).Analyze(lines);
        RfmResult byDays = new RfmAnalyzer(new RfmOptions { Frequency = FrequencyBasis.PurchaseDays }).Analyze(lines);

        // The generator gives order ids shared between customers, so an order id counts once per customer that used it.
        foreach (IGrouping<string, Transaction> customer in lines.Where(t => t.Amount >= 0m).GroupBy(t => t.CustomerId))
        {
            Assert.Equal(customer.Select(t => t.OrderId).Distinct().Count(), byOrders[customer.Key].Frequency);
            Assert.Equal(customer.Select(t => DateOnly.FromDateTime(t.Timestamp)).Distinct().Count(), byDays[customer.Key].Frequency);
        }
    }

    [Property]
    public Property Frequency_bins_are_balanced_whatever_the_ties(Transaction[] lines)
    {
        RfmResult result = new RfmAnalyzer().Analyze(lines);
        return Prop.When(result.Records.Length >= 5, () => AssertBalanced(result.Records.Select(r => r.FrequencyScore)));
    }

    [Property]
    public void Frequency_by_orders_counts_orders_that_each_belong_to_one_customer(Transaction[] lines)
    {
        // Each customer's orders renamed to be its own: the one-pass count by order owner applies.
        Transaction[] owned = [.. lines.Select(t => t with { OrderId = t.CustomerId + "/" + t.OrderId })];
        RfmResult result = new RfmAnalyzer(new RfmOptions { Frequency = FrequencyBasis.Orders }).Analyze(owned);

        foreach (IGrouping<string, Transaction> customer in owned.Where(t => t.Amount >= 0m).GroupBy(t => t.CustomerId))
        {
            Assert.Equal(customer.Select(t => t.OrderId).Distinct().Count(), result[customer.Key].Frequency);
        }
    }

    [Property]
    public Property Value_quintiles_are_balanced_where_values_are_distinct(int[] values)
    {
        int[] distinct = [.. values.Distinct()];
        return Prop.When(distinct.Length >= 5, () => AssertBalanced(Quintiles.ByValue<int>(distinct)));
    }

    [Property]
    public void Value_quintiles_are_monotone_and_ties_share_a_score(int[] values)
    {
        int[] scores = Quintiles.ByValue<int>(values);
        for (int i = 0; i < values.Length; i++)
        {
            for (int j = 0; j < values.Length; j++)
            {
                if (values[i] <= values[j])
                {
                    Assert.True(scores[i] <= scores[j], $"{values[i]} scored {scores[i]} but {values[j]} scored {scores[j]}");
                }
            }
        }
    }

    [Fact]
    public void Rank_first_quintiles_order_negative_values_and_break_ties_by_position()
    {
        // Ranks: -5 (first) 1, -5 (second) 2, 0 3, 3 (first) 4, 3 (second) 5; five values fill the five bins.
        Assert.Equal([1, 4, 2, 3, 5], Quintiles.ByRankFirst([-5, 3, -5, 0, 3]));

        // Three values: the edges sit at positions 0, 0, 1, 1, so the ranks score 1, 3 and 5; the extremes order too.
        Assert.Equal([5, 1, 3], Quintiles.ByRankFirst([int.MaxValue, int.MinValue, int.MinValue]));
    }

    [Property]
    public void Rank_first_quintiles_are_balanced_and_respect_order(int[] values)
    {
        int[] scores = Quintiles.ByRankFirst(values);
        AssertBalanced(scores);
        for (int i = 0; i < values.Length; i++)
        {
            for (int j = i + 1; j < values.Length; j++)
            {
                Assert.True(values[i] <= values[j] ? scores[i] <= scores[j] : scores[i] >= scores[j]);
            }
        }
    }

    [Property]
    public Property Rows_set_aside_plus_rows_kept_equal_rows_read_and_kept_money_is_exact(RawRow[] rows, bool net)
    {
        var csv = new StringBuilder("CustomerId;Timestamp;Amount\n");
        decimal expected = 0m;
        int expectedKept = 0;
        var purchasers = rows.Where(r => r.Fault == 0).Select(r => r.Customer).ToHashSet();
        foreach (RawRow r in rows)
        {
            decimal amount = r.Cents / 100m;
            string id = r.Fault == 1 ? string.Empty : RfmGenerators.Id(r.Customer);
            string date = r.Fault == 2 ? "2024-02-30" : RfmGenerators.Day(r.Day).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            string text = r.Fault == 3 ? "12..5" : (r.Fault == 4 ? -amount : amount).ToString(CultureInfo.InvariantCulture);
            csv.Append(id).Append(';').Append(date).Append(';').Append(text).Append('\n');
            if (r.Fault == 0 || (r.Fault == 4 && net && purchasers.Contains(r.Customer)))
            {
                expected += r.Fault == 4 ? -amount : amount;
                expectedKept++;
            }
        }

        var options = new TransactionCsvOptions { Returns = net ? ReturnsPolicy.NetAgainstPurchases : ReturnsPolicy.Exclude };
        TransactionSet set = TransactionCsv.Read(new StringReader(csv.ToString()), options);

        Assert.Equal(rows.Length, set.Hygiene.RowsRead);
        Assert.Equal(expectedKept, set.Hygiene.RowsKept);
        Assert.Equal(set.Hygiene.RowsRead, set.Hygiene.RowsKept + set.Hygiene.SkippedRows.Count + set.Hygiene.ReturnsExcluded + set.Hygiene.ReturnsWithoutPurchase);
        Assert.Equal(set.Hygiene.RowsKept, set.Transactions.Length);
        Assert.Equal(expected, set.NetAmount);
        return Prop.When(set.Transactions.Length > 0, () => Assert.Equal(expected, new RfmAnalyzer().Analyze(set).TotalMonetary));
    }

    private static void AssertBalanced(IEnumerable<int> scores)
    {
        int[] sizes = [.. Enumerable.Range(1, 5).Select(s => scores.Count(x => x == s))];
        Assert.True(sizes.Max() - sizes.Min() <= 1, $"bin sizes {string.Join(",", sizes)}");
    }
}
