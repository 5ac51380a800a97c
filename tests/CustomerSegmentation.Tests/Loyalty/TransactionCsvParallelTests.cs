using System.Globalization;
using System.Text;

using CustomerSegmentation.Data;
using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Tests.Loyalty;

/// <summary>
/// The split read of a transaction file or stream: ranges parsed side by side give exactly the one-thread read (the
/// transactions in order, the hygiene report, line numbers in messages), customers matched across the ranges.
/// </summary>
public sealed class TransactionCsvParallelTests
{
    private static readonly TransactionCsvOptions OneThread = new()
    {
        OrderIdColumn = "OrderId", Returns = ReturnsPolicy.NetAgainstPurchases, LatestDate = new DateOnly(2025, 1, 1), MaxDegreeOfParallelism = 1,
    };

    /// <summary>Two threads with ranges as small as 64 bytes, so that a few hundred lines are split.</summary>
    private static TransactionCsvOptions Split(TransactionCsvOptions options) => options with { MaxDegreeOfParallelism = 2, MinBytesPerThread = 64 };

    /// <summary>Line i + 1 of the file (i = 1..rows): customer i % 7, order i / 2, a day in 2024, an amount.</summary>
    private static string Lines(int rows, string newline = "\n", bool header = true, Func<int, string>? row = null)
    {
        var text = new StringBuilder();
        if (header)
        {
            text.Append("CustomerId,OrderId,Timestamp,Amount").Append(newline);
        }

        for (int i = 1; i <= rows; i++)
        {
            string line = row?.Invoke(i) ?? string.Create(CultureInfo.InvariantCulture, $"C{i % 7},O{i / 2},2024-{1 + (i % 12):D2}-{1 + (i % 28):D2}T10:{i % 60:D2}:00,{i * 1.25m}");
            text.Append(line).Append(newline);
        }

        return text.ToString();
    }

    private static TransactionSet Read(byte[] bytes, TransactionCsvOptions options)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return TransactionCsv.Read(stream, options);
    }

    private static void AssertSame(TransactionSet expected, TransactionSet actual)
    {
        Assert.Equal(expected.Transactions.AsEnumerable(), actual.Transactions.AsEnumerable());
        Assert.Equal(expected.HasOrderIds, actual.HasOrderIds);
        TransactionHygieneReport e = expected.Hygiene, a = actual.Hygiene;
        Assert.Equal((e.RowsRead, e.RowsKept, e.ReturnsExcluded, e.ReturnsWithoutPurchase, e.ReturnsNetted, e.LatestDate), (a.RowsRead, a.RowsKept, a.ReturnsExcluded, a.ReturnsWithoutPurchase, a.ReturnsNetted, a.LatestDate));
        Assert.Equal(e.SkippedRows.Count, a.SkippedRows.Count);
        Assert.Equal(e.SkippedRows.Samples.Select(s => (s.LineNumber, s.Column, s.Text, s.Reason, s.Message)), a.SkippedRows.Samples.Select(s => (s.LineNumber, s.Column, s.Text, s.Reason, s.Message)));
    }

    [Theory]
    [InlineData("\n", false)]
    [InlineData("\r\n", true)]
    public void Two_threads_read_exactly_what_one_thread_reads(string newline, bool bom)
    {
        byte[] bytes = Data.CsvText.Utf8(Lines(300, newline), bom);

        TransactionSet one = Read(bytes, OneThread);
        TransactionSet two = Read(bytes, Split(OneThread));

        Assert.Equal(300, one.Transactions.Length);
        AssertSame(one, two);
        RfmResult rfm = new RfmAnalyzer().Analyze(two);
        Assert.Equal(7, rfm.Records.Length);
    }

    [Fact]
    public void A_return_in_the_first_half_counts_against_a_purchase_of_the_same_customer_in_the_second_half()
    {
        // X returns on line 2 and buys on line 300; Y only returns (line 3): Y's return is set aside, X's kept.
        byte[] bytes = Encoding.UTF8.GetBytes(Lines(300, row: i => i switch
        {
            1 => "X,R1,2024-03-01T10:00:00,-5.00",
            2 => "Y,R2,2024-03-01T10:00:00,-7.00",
            300 => "X,O9,2024-05-01T10:00:00,20.00",
            _ => null!,
        }));

        TransactionSet one = Read(bytes, OneThread);
        TransactionSet two = Read(bytes, Split(OneThread));

        Assert.Equal(1, two.Hygiene.ReturnsWithoutPurchase);
        Assert.Equal(1, two.Hygiene.ReturnsNetted);
        Assert.Contains(two.Transactions, t => t.CustomerId == "X" && t.Amount == -5.00m);
        Assert.DoesNotContain(two.Transactions, t => t.CustomerId == "Y");
        AssertSame(one, two);
    }

    [Fact]
    public void A_bad_row_in_the_second_half_is_reported_with_its_line_in_the_file()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Lines(300, row: i => i == 250 ? "C1,O1,2024-02-30T10:00:00,1.00" : null!));
        TransactionCsvOptions failFast = OneThread with { BadRows = BadRowPolicy.FailFast };

        DataFormatException one = Assert.Throws<DataFormatException>(() => Read(bytes, failFast));
        DataFormatException two = Assert.Throws<DataFormatException>(() => Read(bytes, Split(failFast)));

        Assert.Equal(251, two.LineNumber);
        Assert.Contains("Line 251, column 'Timestamp'", two.Message, StringComparison.Ordinal);
        Assert.Equal(one.Message, two.Message);
    }

    [Fact]
    public void Skipped_rows_of_both_halves_are_counted_and_sampled_in_file_order()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Lines(300, row: i => i % 41 == 0 ? "C1,O1,2024-01-01T10:00:00,1,5" : i % 53 == 0 ? "C1,O1,2026-01-01T10:00:00,1" : null!));
        TransactionCsvOptions skip = OneThread with { BadRows = BadRowPolicy.Skip, MaxReportedSkippedRows = 4 };

        TransactionSet one = Read(bytes, skip);
        TransactionSet two = Read(bytes, Split(skip));

        Assert.Equal(7 + 5, two.Hygiene.SkippedRows.Count);
        Assert.Equal(5, two.Hygiene.DatedAfterLatest);
        AssertSame(one, two);
    }

    [Fact]
    public void A_headerless_file_with_given_column_names_is_split_too()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Lines(300, header: false));
        TransactionCsvOptions named = OneThread with { ColumnNames = ["CustomerId", "OrderId", "Timestamp", "Amount"] };

        AssertSame(Read(bytes, named), Read(bytes, Split(named)));
    }

    [Fact]
    public void A_file_is_split_too_and_reads_as_the_stream_does()
    {
        string path = Path.Combine(Path.GetTempPath(), $"transactions-{Guid.NewGuid():N}.csv");
        byte[] bytes = Encoding.UTF8.GetBytes(Lines(300, "\r\n"));
        File.WriteAllBytes(path, bytes);
        try
        {
            AssertSame(Read(bytes, OneThread), TransactionCsv.Read(path, Split(OneThread)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
