using System.Globalization;
using System.Text;
using CustomerSegmentation.Data;
using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Tests.Loyalty;

public sealed class TransactionCsvTests
{
    internal static readonly TransactionCsvOptions FailFast = new() { BadRows = BadRowPolicy.FailFast };

    internal static TransactionSet ReadText(string csv, TransactionCsvOptions? options = null) =>
        TransactionCsv.Read(new StringReader(csv), options);

    [Fact]
    public void Fixture_accounts_for_every_row_skipped_or_set_aside()
    {
        TransactionSet set = RfmFixture.Read();
        TransactionHygieneReport report = set.Hygiene;

        Assert.Equal(34, report.RowsRead);
        Assert.Equal(29, report.RowsKept);
        Assert.Equal(5, report.RowsSetAside);
        Assert.Equal(29, set.Transactions.Length);
        Assert.Equal(4, report.SkippedRows.Count);
        Assert.Equal(2, report.SkippedRows.CountByReason[SkipReason.EmptyValue]);
        Assert.Equal(1, report.SkippedRows.CountByReason[SkipReason.NotADate]);
        Assert.Equal(1, report.SkippedRows.CountByReason[SkipReason.NotANumber]);
        Assert.Equal(1, report.ReturnsExcluded);
        Assert.Equal(0, report.ReturnsWithoutPurchase);
        Assert.Equal(report.RowsSetAside, report.SkippedRows.Count + report.ReturnsExcluded + report.ReturnsWithoutPurchase);
        Assert.Equal(2340m, set.NetAmount);
        Assert.True(set.HasOrderIds);
    }

    [Fact]
    public void Skipped_rows_name_line_column_and_text_in_file_order()
    {
        TransactionHygieneReport report = RfmFixture.Read().Hygiene;

        Assert.Equal([32, 33, 34, 35], report.SkippedRows.Samples.Select(s => s.LineNumber));
        Assert.Equal(["CustomerId", "Timestamp", "Amount", "OrderId"], report.SkippedRows.Samples.Select(s => s.Column));

        SkippedRow date = report.SkippedRows.Samples[1];
        Assert.Equal(SkipReason.NotADate, date.Reason);
        Assert.Equal("2024-13-01T10:00:00", date.Text);
        Assert.StartsWith("Line 33, column 'Timestamp': '2024-13-01T10:00:00' is not a date", date.Message, StringComparison.Ordinal);

        SkippedRow amount = report.SkippedRows.Samples[2];
        Assert.Equal((SkipReason.NotANumber, "abc"), (amount.Reason, amount.Text));
        Assert.Equal("34 rows read, 29 kept, 5 set aside (4 skipped as unreadable, 1 return excluded)", report.ToString());
    }

    [Fact]
    public void Quoted_padded_and_non_latin_ids_are_read_as_written_and_trimmed()
    {
        const string csv = "CustomerId,OrderId,Timestamp,Amount\n"
            + "\" Zoë \",\"O,1\",2024-01-01,1.5\n"
            + "客户七号,\"O\"\"2\",2024-01-02, 2.25 \n"
            + "Zoë,O3,2024-01-03,3\n"
            + "ABCDEFGHIJ,\"O,1\",2024-01-04,4\n";

        TransactionSet set = ReadText(csv, new TransactionCsvOptions { OrderIdColumn = "OrderId", LatestDate = new DateOnly(2024, 12, 31) });

        Assert.Equal<string>(["Zoë", "客户七号", "Zoë", "ABCDEFGHIJ"], [.. set.Transactions.Select(t => t.CustomerId)]);
        Assert.Equal<string>(["O,1", "O\"2", "O3", "O,1"], [.. set.Transactions.Select(t => t.OrderId!)]);
        Assert.Equal([1.5m, 2.25m, 3m, 4m], [.. set.Transactions.Select(t => t.Amount)]);
        Assert.Same(set.Transactions[0].CustomerId, set.Transactions[2].CustomerId);
    }

    [Fact]
    public void Net_policy_keeps_returns_and_interns_customer_ids()
    {
        TransactionSet set = RfmFixture.Read(ReturnsPolicy.NetAgainstPurchases);

        Assert.Equal(30, set.Hygiene.RowsKept);
        Assert.Equal(1, set.Hygiene.ReturnsNetted);
        Assert.Equal(0, set.Hygiene.ReturnsExcluded);
        Assert.Equal(2320m, set.NetAmount);
        Transaction[] a = [.. set.Transactions.Where(t => t.CustomerId == "A")];
        Assert.Same(a[0].CustomerId, a[5].CustomerId);
    }

    [Fact]
    public void Net_policy_sets_aside_returns_of_customers_without_a_purchase()
    {
        const string csv = "CustomerId,Timestamp,Amount\nX,2024-01-01,10\nZ,2024-01-02,-5\nX,2024-01-03,-4\nZ,2024-01-04,-1\n";
        TransactionSet set = ReadText(csv, new TransactionCsvOptions { Returns = ReturnsPolicy.NetAgainstPurchases });

        Assert.Equal(4, set.Hygiene.RowsRead);
        Assert.Equal(2, set.Hygiene.RowsKept);
        Assert.Equal(2, set.Hygiene.ReturnsWithoutPurchase);
        Assert.Equal(1, set.Hygiene.ReturnsNetted);
        Assert.All(set.Transactions, t => Assert.Equal("X", t.CustomerId));
        Assert.Equal(6m, set.NetAmount);
        Assert.True(set.Hygiene.SkippedRows.IsEmpty);
        Assert.EndsWith("(2 returns without a purchase)", set.Hygiene.ToString(), StringComparison.Ordinal);
        Assert.False(set.HasOrderIds);
    }

    [Fact]
    public void Quantity_times_unit_price_with_us_dates_like_online_retail()
    {
        const string csv = """
            InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
            536365,85123A,6,12/1/2010 8:26,2.55,17850,United Kingdom
            536365,71053,6,12/1/2010 8:26,3.39,17850,United Kingdom
            C536379,D,-1,12/1/2010 9:41,27.5,14527,United Kingdom
            536366,22633,6,12/11/2010 18:02,1.85,,United Kingdom
            """;
        TransactionSet set = ReadText(csv, TransactionCsvOptions.OnlineRetail);

        Assert.Equal(2, set.Transactions.Length);
        Assert.Equal(new Transaction("17850", new DateTime(2010, 12, 1, 8, 26, 0), 15.30m, "536365"), set.Transactions[0]);
        Assert.Equal(20.34m, set.Transactions[1].Amount);
        Assert.Equal(1, set.Hygiene.ReturnsExcluded);
        SkippedRow noCustomer = Assert.Single(set.Hygiene.SkippedRows.Samples);
        Assert.Equal((5, "CustomerID", SkipReason.EmptyValue), (noCustomer.LineNumber, noCustomer.Column, noCustomer.Reason));
    }

    [Fact]
    public void Compact_dates_semicolons_and_decimal_commas()
    {
        const string csv = "Kunde;Datum;Betrag\nk1;20240105;12,50\nk2;20240229;1234,75\nk3;20240301;1.234,75\n";
        var options = new TransactionCsvOptions
        {
            CustomerIdColumn = "Kunde",
            TimestampColumn = "Datum",
            Amount = TransactionAmount.Column("Betrag"),
            DateFormats = ["yyyyMMdd"],
            Culture = CultureInfo.GetCultureInfo("de-DE"),
        };
        TransactionSet set = ReadText(csv, options);

        Assert.Equal<Transaction>(
            [new Transaction("k1", new DateTime(2024, 1, 5), 12.50m), new Transaction("k2", new DateTime(2024, 2, 29), 1234.75m)],
            set.Transactions);
        SkippedRow thousands = Assert.Single(set.Hygiene.SkippedRows.Samples);
        Assert.Equal((4, SkipReason.NotANumber, "1.234,75"), (thousands.LineNumber, thousands.Reason, thousands.Text));
        Assert.Contains("no thousands separators", thousands.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tab_delimiter_is_detected_and_iso_offsets_become_utc()
    {
        const string csv = "CustomerId\tTimestamp\tAmount\nq\t2024-05-01T12:00:00+02:00\t3\nq\t2024-05-02 07:30\t4\n";
        TransactionSet set = ReadText(csv);

        Assert.Equal(new DateTime(2024, 5, 1, 10, 0, 0), set.Transactions[0].Timestamp);
        Assert.Equal(DateTimeKind.Utc, set.Transactions[0].Timestamp.Kind);
        Assert.Equal(new DateTime(2024, 5, 2, 7, 30, 0), set.Transactions[1].Timestamp);
    }

    [Fact]
    public void Header_matching_ignores_case_and_spaces_and_reads_from_a_stream_and_a_file()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(" customerid , TIMESTAMP ,amount\nz,2024-01-01,1\n");
        using var stream = new MemoryStream(bytes);
        Assert.Single(TransactionCsv.Read(stream).Transactions);

        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, bytes);
            Assert.Equal("z", TransactionCsv.Read(path).Transactions[0].CustomerId);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Missing_column_names_the_column_and_lists_the_header()
    {
        var e = Assert.Throws<DataFormatException>(() => ReadText("CustomerId,When,Amount\na,2024-01-01,1\n"));

        Assert.Equal(1, e.LineNumber);
        Assert.Equal("Timestamp", e.Column);
        Assert.Contains("The timestamp column 'Timestamp' is not in the header (line 1) of the text", e.Message, StringComparison.Ordinal);
        Assert.Contains("'CustomerId', 'When', 'Amount'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_column_gets_a_did_you_mean_hint()
    {
        var e = Assert.Throws<DataFormatException>(() => ReadText("CustomerId,Timestamp,Amount\na,2024-01-01,1\n", new TransactionCsvOptions { CustomerIdColumn = "Customer_Id" }));

        Assert.Contains("The customer id column 'Customer_Id' is not in the header", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("Did you mean 'CustomerId'?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_requested_column_that_appears_twice_in_the_header_is_ambiguous()
    {
        var e = Assert.Throws<DataFormatException>(() => ReadText("CustomerId,Timestamp,Amount,amount\na,2024-01-01,1,2\n"));

        Assert.Contains("'Amount' is ambiguous", e.Message, StringComparison.Ordinal);
        Assert.Contains("positions 3 and 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_order_id_column_is_an_error_when_configured()
    {
        var e = Assert.Throws<DataFormatException>(() => ReadText("CustomerId,Timestamp,Amount\na,2024-01-01,1\n", new TransactionCsvOptions { OrderIdColumn = "Invoice" }));
        Assert.Contains("The order id column 'Invoice' is not in the header", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_date_under_fail_fast_names_line_column_text_and_formats()
    {
        const string csv = "CustomerId,Timestamp,Amount\na,2024-01-01,1\nb,01/02/2024,2\n";
        var e = Assert.Throws<DataFormatException>(() => ReadText(csv, FailFast));

        Assert.Equal(3, e.LineNumber);
        Assert.Equal(SkipReason.NotADate, e.Reason);
        Assert.Equal("Timestamp", e.Column);
        Assert.Equal("01/02/2024", e.Text);
        Assert.Contains("Line 3, column 'Timestamp': '01/02/2024' is not a date", e.Message, StringComparison.Ordinal);
        Assert.Contains("'yyyy-MM-dd'", e.Message, StringComparison.Ordinal);
        Assert.Contains("set TransactionCsvOptions.BadRows to BadRowPolicy.Skip", e.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<FormatException>(e);
    }

    [Fact]
    public void Bad_amount_under_fail_fast_names_line_column_and_text()
    {
        const string csv = "CustomerId,Timestamp,Quantity,Price\na,2024-01-01,2,1.5\nb,2024-01-01,two,1.5\n";
        var options = FailFast with { Amount = TransactionAmount.QuantityTimesUnitPrice("Quantity", "Price") };
        var e = Assert.Throws<DataFormatException>(() => ReadText(csv, options));

        Assert.Equal((3, "Quantity", "two", SkipReason.NotANumber), (e.LineNumber, e.Column, e.Text, e.Reason));
        Assert.Contains("'two' is not a number in culture 'invariant'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_customer_id_under_fail_fast_names_the_line()
    {
        var e = Assert.Throws<DataFormatException>(() => ReadText("CustomerId,Timestamp,Amount\n  ,2024-01-01,1\n", FailFast));
        Assert.Equal((2, "CustomerId", SkipReason.EmptyValue), (e.LineNumber, e.Column, e.Reason));
        Assert.Contains("customer id is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Short_row_is_a_wrong_field_count_not_a_crash()
    {
        TransactionSet set = ReadText("CustomerId,Timestamp,Amount\na,2024-01-01\n");
        SkippedRow row = Assert.Single(set.Hygiene.SkippedRows.Samples);
        Assert.Equal((SkipReason.WrongFieldCount, 2, "a,2024-01-01"), (row.Reason, row.LineNumber, row.Text));
        Assert.StartsWith("Line 2 has 2 fields but the header has 3", row.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_data_has_no_header()
    {
        var e = Assert.Throws<DataFormatException>(() => ReadText(string.Empty));
        Assert.Contains("The data in the text is empty: expected a header line", e.Message, StringComparison.Ordinal);
        Assert.Null(e.LineNumber);
    }

    [Fact]
    public void Malformed_quotes_are_skipped_with_the_line_or_fail_fast()
    {
        const string csv = "CustomerId,Timestamp,Amount\na,2024-01-01,1\nb\"x,2024-01-01,1\n";
        SkippedRow row = Assert.Single(ReadText(csv).Hygiene.SkippedRows.Samples);
        Assert.Equal((3, SkipReason.MalformedQuotes, "b\"x"), (row.LineNumber, row.Reason, row.Text));

        var e = Assert.Throws<DataFormatException>(() => ReadText(csv, FailFast));
        Assert.Equal(3, e.LineNumber);
        Assert.Contains("the field 'b\"x' contains a quote but is not quoted", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_an_error_naming_the_line()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("CustomerId,Timestamp,Amount\na,2024-01-01,1\nJos"), 0xE9, .. Encoding.UTF8.GetBytes(",2024-01-01,1\n")];
        using var stream = new MemoryStream(bytes);

        var e = Assert.Throws<DataFormatException>(() => TransactionCsv.Read(stream));

        Assert.Contains("The data in the stream is not valid UTF-8 text: the byte 0xE9 on line 3 is not UTF-8", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, e.LineNumber);
        Assert.IsType<DecoderFallbackException>(e.InnerException);
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_first_column_name()
    {
        byte[] bytes = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("CustomerId,Timestamp,Amount\na,2024-01-01,1\n")];
        using var stream = new MemoryStream(bytes);

        Assert.Equal("a", Assert.Single(TransactionCsv.Read(stream).Transactions).CustomerId);
    }

    [Fact]
    public void Line_numbers_stay_exact_past_a_million_rows()
    {
        var csv = new StringBuilder("CustomerId,Timestamp,Amount\n", 24_000_000);
        for (int i = 0; i < 1_000_000; i++)
        {
            csv.Append("c,2024-01-01,1\n");
        }

        csv.Append("c,2024-01-01,x\n");

        var e = Assert.Throws<DataFormatException>(() => ReadText(csv.ToString(), FailFast));

        Assert.Equal(1_000_002, e.LineNumber);
        Assert.StartsWith("Line 1000002, column 'Amount'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_file_not_found()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-transactions.csv");
        var e = Assert.Throws<FileNotFoundException>(() => TransactionCsv.Read(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_are_rejected_when_set_naming_the_option()
    {
        Assert.Equal("unitPriceColumn", Assert.Throws<ArgumentException>(() => TransactionAmount.QuantityTimesUnitPrice("Qty", null!)).ParamName);
        var blank = Assert.Throws<ArgumentException>(() => TransactionAmount.QuantityTimesUnitPrice(" ", "Price"));
        Assert.Equal(("quantityColumn", true), (blank.ParamName, blank.Message.Contains("quantity column name is missing or blank", StringComparison.Ordinal)));
        var same = Assert.Throws<ArgumentException>(() => TransactionAmount.QuantityTimesUnitPrice("Qty", "qty"));
        Assert.Contains("both 'Qty'", same.Message, StringComparison.Ordinal);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => TransactionAmount.Column("")).ParamName);
        Assert.Equal("Amount", Assert.Throws<ArgumentNullException>(() => new TransactionCsvOptions { Amount = null! }).ParamName);

        Assert.Equal("CustomerIdColumn", Assert.Throws<ArgumentException>(() => new TransactionCsvOptions { CustomerIdColumn = " " }).ParamName);
        Assert.Equal("DateFormats", Assert.Throws<ArgumentException>(() => new TransactionCsvOptions { DateFormats = ["yyyy", ""] }).ParamName);
        var delimiter = Assert.Throws<ArgumentException>(() => new TransactionCsvOptions { Delimiter = string.Empty });
        Assert.Equal("Delimiter", delimiter.ParamName);
        Assert.Contains("must be one character", delimiter.Message, StringComparison.Ordinal);
        Assert.Equal("MaxReportedSkippedRows", Assert.Throws<ArgumentOutOfRangeException>(() => new TransactionCsvOptions { MaxReportedSkippedRows = -1 }).ParamName);
        Assert.Equal("BadRows", Assert.Throws<ArgumentOutOfRangeException>(() => new TransactionCsvOptions { BadRows = (BadRowPolicy)7 }).ParamName);
        var returns = Assert.Throws<ArgumentOutOfRangeException>(() => new TransactionCsvOptions { Returns = (ReturnsPolicy)7 });
        Assert.Equal("Returns", returns.ParamName);
        Assert.Contains("7 is not a returns policy", returns.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_skip_bad_rows_and_read_the_amount_column()
    {
        var options = new TransactionCsvOptions();

        Assert.Equal(BadRowPolicy.Skip, options.BadRows);
        Assert.Equal(10, options.MaxReportedSkippedRows);
        Assert.Equal("Amount", options.Amount.AmountColumn);
        Assert.Null(options.Amount.QuantityColumn);
        Assert.Equal(("Quantity", "UnitPrice"), (TransactionCsvOptions.OnlineRetail.Amount.QuantityColumn, TransactionCsvOptions.OnlineRetail.Amount.UnitPriceColumn));
    }

    [Fact]
    public void Samples_are_capped_but_counts_are_not()
    {
        string csv = "CustomerId,Timestamp,Amount\n" + string.Concat(Enumerable.Repeat(",2024-01-01,1\n", 12));
        TransactionSet set = ReadText(csv, new TransactionCsvOptions { MaxReportedSkippedRows = 3 });
        Assert.Equal(12, set.Hygiene.SkippedRows.CountByReason[SkipReason.EmptyValue]);
        Assert.Equal([2, 3, 4], set.Hygiene.SkippedRows.Samples.Select(s => s.LineNumber));
    }
}
