using System.Globalization;
using System.Text;
using CustomerSegmentation.Loyalty;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Loyalty;

/// <summary>
/// A read keeps its lines by column and RFM reads the columns: the result must equal RFM of the same lines as
/// <see cref="Transaction"/> values, including after customers with only returns are taken out of the numbering.
/// </summary>
[Properties(Arbitrary = new[] { typeof(RfmGenerators) }, MaxTest = 100)]
public sealed class TransactionColumnsTests
{
    private static readonly TransactionCsvOptions Net = new()
    {
        OrderIdColumn = "OrderId", Returns = ReturnsPolicy.NetAgainstPurchases, LatestDate = new DateOnly(2025, 1, 1),
    };

    [Fact]
    public void Customers_with_only_returns_leave_the_numbering_and_the_others_keep_their_order()
    {
        const string csv = """
            CustomerId,OrderId,Timestamp,Amount
            A,o1,2024-01-01T10:00:00,10.00
            B,o2,2024-01-02T10:00:00,-4.00
            C,o3,2024-01-03T10:00:00,7.50
            B,o4,2024-01-04T10:00:00,-1.00
            A,o5,2024-01-05T10:00:00,-2.25
            D,o6,2024-01-06T10:00:00,3.00
            A,o1,2024-01-07T10:00:00,1.00
            """;
        TransactionSet set = TransactionCsv.Read(new StringReader(csv), Net);

        Assert.Equal(2, set.Hygiene.ReturnsWithoutPurchase);
        Assert.Equal(5, set.Hygiene.RowsKept);
        RfmResult rfm = new RfmAnalyzer().Analyze(set);
        Assert.Equal(["A", "C", "D"], rfm.Records.Select(r => r.CustomerId));
        Assert.Equal([8.75m, 7.50m, 3.00m], rfm.Records.Select(r => r.Monetary));
        // A bought twice in order o1: one order; its return (o5) is no purchase.
        Assert.Equal([1, 1, 1], rfm.Records.Select(r => r.Frequency));
        Assert.Equal([new DateTime(2024, 1, 7, 10, 0, 0), new DateTime(2024, 1, 3, 10, 0, 0), new DateTime(2024, 1, 6, 10, 0, 0)], rfm.Records.Select(r => r.LastPurchase));
        Assert.Equal(new DateOnly(2024, 1, 8), rfm.AnalysisDate);
    }

    [Fact]
    public void The_lines_made_on_first_use_share_one_string_per_customer_and_per_order()
    {
        const string csv = """
            CustomerId,OrderId,Timestamp,Amount
            A,o1,2024-01-01T10:00:00,10.00
            B,o2,2024-01-02T10:00:00,4.00
            A,o1,2024-01-03T10:00:00,7.50
            B,o3,2024-01-04T10:00:00,-1.00
            """;
        TransactionSet set = TransactionCsv.Read(new StringReader(csv), Net);

        Transaction[] expected =
            [
                new Transaction("A", new DateTime(2024, 1, 1, 10, 0, 0), 10.00m, "o1"),
                new Transaction("B", new DateTime(2024, 1, 2, 10, 0, 0), 4.00m, "o2"),
                new Transaction("A", new DateTime(2024, 1, 3, 10, 0, 0), 7.50m, "o1"),
                new Transaction("B", new DateTime(2024, 1, 4, 10, 0, 0), -1.00m, "o3"),
            ];
        Assert.Equal(expected, set.Transactions.AsEnumerable());
        Assert.Same(set.Transactions[0].CustomerId, set.Transactions[2].CustomerId);
        Assert.Same(set.Transactions[0].OrderId, set.Transactions[2].OrderId);
        Assert.Equal(20.50m, set.NetAmount);
    }

    [Property]
    public void Rfm_of_a_read_equals_rfm_of_its_lines(RawRow[] rows, bool withOrders, bool net)
    {
        var csv = new StringBuilder(withOrders ? "CustomerId,OrderId,Timestamp,Amount\n" : "CustomerId,Timestamp,Amount\n");
        // One purchase first, so that every read keeps a line; the rows after it may be returns of customers who never buy.
        foreach (RawRow r in rows.Prepend(new RawRow(0, 0, 100, 0)))
        {
            decimal amount = (r.Fault == 4 ? -r.Cents : r.Cents) / 100m;
            csv.Append(RfmGenerators.Id(r.Customer + (r.Fault == 4 ? r.Day % 3 * 10 : 0))).Append(',');
            if (withOrders)
            {
                csv.Append('o').Append((r.Cents % 17).ToString(CultureInfo.InvariantCulture)).Append(',');
            }

            csv.Append(RfmGenerators.Day(r.Day).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(',')
                .Append(amount.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        TransactionSet set = TransactionCsv.Read(
            new StringReader(csv.ToString()),
            new TransactionCsvOptions { OrderIdColumn = withOrders ? "OrderId" : null, Returns = net ? ReturnsPolicy.NetAgainstPurchases : ReturnsPolicy.Exclude });

        RfmResult fromColumns = new RfmAnalyzer().Analyze(set);
        RfmResult fromLines = new RfmAnalyzer().Analyze(set.Transactions);

        Assert.Equal(fromLines.Records.AsEnumerable(), fromColumns.Records.AsEnumerable());
        Assert.Equal((fromLines.AnalysisDate, fromLines.FrequencyBasis, fromLines.ObservedWindowDays), (fromColumns.AnalysisDate, fromColumns.FrequencyBasis, fromColumns.ObservedWindowDays));
    }
}
