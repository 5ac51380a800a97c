using CustomerSegmentation.DemoData;
using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Tests.DemoData;

public sealed class SyntheticTransactionsTests
{
    [Fact]
    public void Same_seed_same_lines_other_seed_other_lines()
    {
        var a = SyntheticTransactions.Generate(200, seed: 7);
        Assert.Equal(a, SyntheticTransactions.Generate(200, seed: 7));
        Assert.NotEqual(a, SyntheticTransactions.Generate(200, seed: 8));
        Assert.True(a.Zip(a.Skip(1)).All(p => p.First.Timestamp <= p.Second.Timestamp), "lines are in time order");
    }

    [Fact]
    public void Csv_round_trip_keeps_every_line_and_the_personas_show_in_the_segments()
    {
        var lines = SyntheticTransactions.Generate(500, seed: 42);
        var writer = new StringWriter();
        SyntheticTransactions.WriteCsv(lines, writer);
        Assert.StartsWith(SyntheticTransactions.Header, writer.ToString(), StringComparison.Ordinal);

        var options = new TransactionCsvOptions { OrderIdColumn = "OrderId", Returns = ReturnsPolicy.NetAgainstPurchases };
        TransactionSet set = TransactionCsv.Read(new StringReader(writer.ToString()), options);
        Assert.Equal<Transaction>(lines, set.Transactions);
        Assert.Equal(0, set.Hygiene.RowsSetAside);
        Assert.True(set.Hygiene.ReturnsNetted > 0, "about 2% of lines are returned");

        RfmResult result = new RfmAnalyzer().Analyze(set);
        Assert.Equal(500, result.Records.Length);
        var counts = result.SegmentSummaries().ToDictionary(s => s.Segment, s => s.CustomerCount);
        Assert.True(counts[RfmSegment.Champions] > 25, $"champions: {counts[RfmSegment.Champions]}");
        Assert.True(counts[RfmSegment.Hibernating] > 50, $"hibernating: {counts[RfmSegment.Hibernating]}");
        // New customers buy recently but rarely; rank-first F gives the earliest-appearing single buyers (the lapsed) F 1,
        // so most new customers land in F 2-3: Potential Loyalists rather than New Customers.
        int recentRare = counts[RfmSegment.NewCustomers] + counts[RfmSegment.Promising] + counts[RfmSegment.PotentialLoyalists];
        Assert.True(recentRare > 40, string.Join(", ", counts));

        Assert.Equal(result.Records.Length, TransactionCsv.Read(new StringReader(writer.ToString()), SyntheticTransactions.CsvOptions).Transactions.Select(t => t.CustomerId).Distinct().Count());
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Equal("customers", Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticTransactions.Generate(0, 1)).ParamName);
        Assert.Equal("days", Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticTransactions.Generate(10, 1, days: 30)).ParamName);
    }
}
