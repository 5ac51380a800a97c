using System.Globalization;
using System.Text;

using CustomerSegmentation.Data;
using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Tests.Loyalty;

/// <summary>Issue 11: the transaction reader never loses or misreads a row silently.</summary>
public sealed class TransactionCsvBoundaryTests
{
    private static readonly TransactionCsvOptions FailFast = TransactionCsvTests.FailFast;

    private static TransactionSet ReadText(string csv, TransactionCsvOptions? options = null) => TransactionCsvTests.ReadText(csv, options);

    private static string TwoHundredRows(int strayLine, string strayNote)
    {
        var text = new StringBuilder("CustomerId,Timestamp,Amount,Note\n");
        for (int line = 2; line <= 201; line++)
        {
            text.Append(CultureInfo.InvariantCulture, $"c{line},2024-01-01,{line},{(line == strayLine ? strayNote : "fine")}\n");
        }

        return text.ToString();
    }

    [Theory]
    [InlineData("he said \"hi")]
    [InlineData("\"unclosed")]
    public void A_stray_quote_in_an_unrequested_column_is_reported_never_silent(string note)
    {
        string csv = TwoHundredRows(50, note);

        var e = Assert.Throws<DataFormatException>(() => ReadText(csv, FailFast));
        Assert.Equal(50, e.LineNumber);
        Assert.Contains("Line 50", e.Message, StringComparison.Ordinal);
        Assert.Contains("quote", e.Message, StringComparison.Ordinal);

        TransactionSet set;
        try
        {
            set = ReadText(csv);
        }
        catch (DataFormatException skipError)
        {
            Assert.Equal(50, skipError.LineNumber);
            Assert.Contains("quote", skipError.Message, StringComparison.Ordinal);
            return;
        }

        Assert.Equal(199, set.Transactions.Length);
        Assert.Equal(200, set.Hygiene.RowsRead);
        SkippedRow skipped = Assert.Single(set.Hygiene.SkippedRows.Samples);
        Assert.Equal((50, SkipReason.MalformedQuotes), (skipped.LineNumber, skipped.Reason));
    }

    [Fact]
    public void A_ragged_row_is_a_wrong_field_count_not_a_silent_read()
    {
        const string csv = "CustomerId,Timestamp,Amount\na,2024-01-01,1\nb,2024-01-01,2,extra\n";
        SkippedRow row = Assert.Single(ReadText(csv).Hygiene.SkippedRows.Samples);
        Assert.Equal((3, SkipReason.WrongFieldCount), (row.LineNumber, row.Reason));

        var e = Assert.Throws<DataFormatException>(() => ReadText(csv, FailFast));
        Assert.Contains("Line 3 has 4 fields but the header has 3", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12,50")]
    [InlineData("1,2,3,4")]
    [InlineData("1,234.50")]
    public void Amounts_with_a_comma_are_errors_in_the_invariant_culture(string amount)
    {
        string csv = $"CustomerId;Timestamp;Amount\na;2024-01-01;{amount}\n";

        var e = Assert.Throws<DataFormatException>(() => ReadText(csv, FailFast));

        Assert.Equal((2, "Amount", amount, SkipReason.NotANumber), (e.LineNumber, e.Column, e.Text, e.Reason));
        Assert.Contains($"Line 2, column 'Amount': '{amount}' is not a number in culture 'invariant'", e.Message, StringComparison.Ordinal);
        Assert.Contains("no thousands separators", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_amount_that_reads_in_another_culture_names_the_culture_to_try()
    {
        var e = Assert.Throws<DataFormatException>(() => ReadText("CustomerId;Timestamp;Amount\na;2024-01-01;12,50\n", FailFast));
        Assert.Contains("'12,50'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Culture = de-DE", e.Message, StringComparison.Ordinal);

        var german = FailFast with { Culture = CultureInfo.GetCultureInfo("de-DE") };
        var back = Assert.Throws<DataFormatException>(() => ReadText("CustomerId;Timestamp;Amount\na;2024-01-01;12.50\n", german));
        Assert.Contains("'12.50' is not a number in culture 'de-DE'", back.Message, StringComparison.Ordinal);
        Assert.Contains("Culture = invariant", back.Message, StringComparison.Ordinal);
        Assert.Equal(12.50m, ReadText("CustomerId;Timestamp;Amount\na;2024-01-01;12,50\n", german).Transactions[0].Amount);
    }

    [Fact]
    public void Latin1_text_is_an_error_naming_the_line_so_distinct_customers_never_merge()
    {
        byte[] utf8 = Encoding.UTF8.GetBytes("CustomerId,Timestamp,Amount\nJosé,2024-01-01,1\n");
        byte[] latin1 = [.. Encoding.UTF8.GetBytes("CustomerId,Timestamp,Amount\nJosé,2024-01-01,1\nJos"), 0xE8, .. Encoding.UTF8.GetBytes(",2024-01-01,1\n")];

        using (var clean = new MemoryStream(utf8))
        {
            Assert.Equal("José", Assert.Single(TransactionCsv.Read(clean).Transactions).CustomerId);
        }

        using var stream = new MemoryStream(latin1);
        var e = Assert.Throws<DataFormatException>(() => TransactionCsv.Read(stream));
        Assert.Equal(3, e.LineNumber);
        Assert.Contains("not valid UTF-8", e.Message, StringComparison.Ordinal);
        Assert.Contains("0xE8 on line 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Date_formats_are_tried_in_the_given_order_for_every_row()
    {
        // "13/2/2024" only matches d/M/yyyy; the rows after it must still try M/d/yyyy first.
        const string csv = "CustomerId,Timestamp,Amount\na,13/2/2024,1\nb,3/4/2024,1\nc,5/6/2024,1\n";
        var options = new TransactionCsvOptions { DateFormats = ["M/d/yyyy", "d/M/yyyy"] };

        TransactionSet set = ReadText(csv, options);

        Assert.Equal(
            [new DateTime(2024, 2, 13), new DateTime(2024, 3, 4), new DateTime(2024, 5, 6)],
            set.Transactions.Select(t => t.Timestamp));
        TransactionSet alone = ReadText("CustomerId,Timestamp,Amount\nb,3/4/2024,1\n", options);
        Assert.Equal(set.Transactions[1].Timestamp, alone.Transactions[0].Timestamp);
    }

    [Fact]
    public void A_misspelt_amount_column_gets_a_did_you_mean_hint()
    {
        var options = new TransactionCsvOptions { Amount = TransactionAmount.Column("Amout") };
        var e = Assert.Throws<DataFormatException>(() => ReadText("CustomerId,Timestamp,Amount\na,2024-01-01,1\n", options));

        Assert.Contains("The amount column 'Amout' is not in the header", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("Did you mean 'Amount'?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pre_cancelled_token_throws_before_any_row_is_read()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var reader = new CustomerSegmentation.Tests.Data.CustomerCsvBoundaryTests.CountingReader("CustomerId,Timestamp,Amount\na,2024-01-01,1\n");

        Assert.Throws<OperationCanceledException>(() => TransactionCsv.Read(reader, cancellationToken: cancelled.Token));
        Assert.Equal(0, reader.CharactersRead);
    }



    [Fact]
    public void Cancelling_while_reading_stops_within_a_bounded_number_of_rows()
    {
        var text = new StringBuilder("CustomerId,Timestamp,Amount\n");
        for (int i = 0; i < 100_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"c{i % 97},2024-01-01,{i % 50}\n");
        }

        using var cancellation = new CancellationTokenSource();
        var rows = new CustomerSegmentation.Tests.Data.CustomerCsvBoundaryTests.CancellingReader(text.ToString(), cancellation, cancelAfterLines: 1_000);

        Assert.Throws<OperationCanceledException>(() => TransactionCsv.Read(rows, cancellationToken: cancellation.Token));
        Assert.InRange(rows.LinesRead, 1_000, 1_000 + 10_000);
    }


    [Fact]
    public void Rows_dated_after_the_latest_date_are_set_aside_and_reported_not_moving_the_analysis_date()
    {
        string future = DateTime.UtcNow.AddYears(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string csv = $"CustomerId,Timestamp,Amount\na,2024-01-01,1\nb,{future},2\nb,2024-01-05,3\n";

        TransactionSet set = ReadText(csv);

        Assert.Equal(2, set.Transactions.Length);
        Assert.Equal(1, set.Hygiene.DatedAfterLatest);
        SkippedRow row = Assert.Single(set.Hygiene.SkippedRows.Samples);
        Assert.Equal((3, "Timestamp", future, SkipReason.AfterLatestDate), (row.LineNumber, row.Column, row.Text, row.Reason));
        Assert.Contains($"Line 3, column 'Timestamp': {future} is after the latest date", row.Message, StringComparison.Ordinal);
        Assert.Contains("1 dated after the latest date", set.Hygiene.ToString(), StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2024, 1, 6), new RfmAnalyzer().Analyze(set).AnalysisDate);

        var e = Assert.Throws<DataFormatException>(() => ReadText(csv, FailFast));
        Assert.Equal((3, SkipReason.AfterLatestDate), (e.LineNumber, e.Reason));
    }



    [Fact]
    public void The_latest_date_can_be_set_to_the_analysis_period()
    {
        const string csv = "CustomerId,Timestamp,Amount\na,2024-01-01,1\nb,2024-02-01T00:00:00,2\nb,2024-01-31T23:59:59,3\n";

        TransactionSet set = ReadText(csv, new TransactionCsvOptions { LatestDate = new DateOnly(2024, 1, 31) });

        Assert.Equal([1m, 3m], set.Transactions.Select(t => t.Amount));
        Assert.Equal(1, set.Hygiene.DatedAfterLatest);
        Assert.Equal(3, Assert.Single(set.Hygiene.SkippedRows.Samples).LineNumber);
    }

}
