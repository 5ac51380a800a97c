using System.Globalization;
using CustomerSegmentation.Data;
using CustomerSegmentation.DemoData;
using CustomerSegmentation.Loyalty;
using Parquet.Schema;

namespace CustomerSegmentation.Parquet.Tests;

public sealed class TransactionParquetTests : IDisposable
{
    private static readonly IReadOnlyList<Transaction> Lines = SyntheticTransactions.Generate(150, seed: 7);
    private readonly ParquetFiles _files = new();

    private static TransactionCsvOptions Options(ReturnsPolicy returns = ReturnsPolicy.Exclude)
        => SyntheticTransactions.CsvOptions with { LatestDate = DateOnly.MaxValue, Returns = returns };

    private static TransactionSet FromCsv(ReturnsPolicy returns, bool daysOnly = false)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        SyntheticTransactions.WriteCsv(daysOnly ? Lines.Select(t => new Transaction(t.CustomerId, t.Timestamp.Date, t.Amount, t.OrderId)) : Lines, text);
        return TransactionCsv.Read(new StringReader(text.ToString()), Options(returns));
    }

    /// <summary>The lines with local timestamps (no zone) and decimal(14,2) money, in row groups of 500.</summary>
    private string LinesFile(DataField timestamp, Array timestamps) => _files.Write(
        "lines.parquet",
        500,
        (new DataField<string>("CustomerId"), Lines.Select(t => t.CustomerId).ToArray()),
        (new DataField<string>("OrderId"), Lines.Select(t => t.OrderId!).ToArray()),
        (timestamp, timestamps),
        (new DecimalDataField("Amount", 14, 2), Lines.Select(t => t.Amount).ToArray()));

    private string LocalTimestamps() => LinesFile(
        new DateTimeDataField("Timestamp", DateTimeFormat.Timestamp, isAdjustedToUTC: false),
        Lines.Select(t => t.Timestamp).ToArray());

    [Theory]
    [InlineData(ReturnsPolicy.Exclude)]
    [InlineData(ReturnsPolicy.NetAgainstPurchases)]
    public void The_same_lines_from_CSV_and_from_Parquet_give_the_same_transactions_and_RFM_table(ReturnsPolicy returns)
    {
        TransactionSet fromCsv = FromCsv(returns);
        TransactionSet fromParquet = TransactionParquet.Read(LocalTimestamps(), Options(returns));

        Assert.Equal([.. fromCsv.Transactions], fromParquet.Transactions.ToArray());
        Assert.Equal(fromCsv.Hygiene.ToString(), fromParquet.Hygiene.ToString());
        var analyzer = new RfmAnalyzer();
        RfmResult a = analyzer.Analyze(fromCsv);
        RfmResult b = analyzer.Analyze(fromParquet);
        Assert.Equal(a.AnalysisDate, b.AnalysisDate);
        Assert.Equal([.. a.Records], b.Records.ToArray());
    }

    [Fact]
    public void A_timestamp_adjusted_to_UTC_is_read_as_the_UTC_instant()
    {
        DateTime[] utc = [.. Lines.Select(t => DateTime.SpecifyKind(t.Timestamp, DateTimeKind.Utc))];
        string path = LinesFile(new DateTimeDataField("Timestamp", DateTimeFormat.Timestamp, isAdjustedToUTC: true), utc);

        TransactionSet read = TransactionParquet.Read(path, Options());

        Assert.Equal(FromCsv(ReturnsPolicy.Exclude).Transactions.Select(t => t.Timestamp), read.Transactions.Select(t => t.Timestamp));
        Assert.All(read.Transactions, t => Assert.Equal(DateTimeKind.Utc, t.Timestamp.Kind));
    }

    [Fact]
    public void A_date_column_is_the_midnight_of_its_day_and_gives_the_RFM_table_of_the_CSV()
    {
        string path = LinesFile(new DataField<DateOnly>("Timestamp"), Lines.Select(t => DateOnly.FromDateTime(t.Timestamp)).ToArray());

        TransactionSet read = TransactionParquet.Read(path, Options());

        Assert.All(read.Transactions, t => Assert.Equal(TimeSpan.Zero, t.Timestamp.TimeOfDay));
        Assert.Equal(
            FromCsv(ReturnsPolicy.Exclude).Transactions.Select(t => t.Timestamp.Date),
            read.Transactions.Select(t => t.Timestamp));
        Assert.Equal([.. new RfmAnalyzer().Analyze(FromCsv(ReturnsPolicy.Exclude, daysOnly: true)).Records], new RfmAnalyzer().Analyze(read).Records.ToArray());
    }

    [Fact]
    public void A_missing_column_is_refused_with_the_nearest_name()
    {
        string path = LocalTimestamps();
        var error = Assert.Throws<DataFormatException>(() => TransactionParquet.Read(path, Options() with { Amount = TransactionAmount.Column("Amout") }));
        Assert.Contains("'Amout'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'Amount'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timestamp_in_the_amount_column_is_refused_naming_the_row_the_column_and_its_type()
    {
        string path = _files.Write(
            "wrong.parquet",
            10,
            (new DataField<string>("CustomerId"), new[] { "a" }),
            (new DataField<DateTime>("Timestamp"), new[] { new DateTime(2024, 1, 2) }),
            (new DataField<DateTime>("Amount"), new[] { new DateTime(2024, 1, 3) }));
        var error = Assert.Throws<DataFormatException>(() => TransactionParquet.Read(path, Options() with { OrderIdColumn = null }));
        Assert.Equal((1, "Amount"), (error.LineNumber, error.Column));
        Assert.Contains("Row 1, column 'Amount': the column holds System.DateTime values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_amount_is_skipped_into_the_report_or_thrown_under_fail_fast()
    {
        string path = _files.Write(
            "nulls.parquet",
            2,
            (new DataField<string>("CustomerId"), new[] { "a", "b", "c" }),
            (new DateTimeDataField("Timestamp", DateTimeFormat.Timestamp, isAdjustedToUTC: false), new[] { new DateTime(2024, 1, 2), new DateTime(2024, 1, 3), new DateTime(2024, 1, 4) }),
            (new DecimalDataField("Amount", 10, 2, isNullable: true), new decimal?[] { 1.5m, 2.25m, null }));
        TransactionCsvOptions options = Options() with { OrderIdColumn = null };

        TransactionSet skipped = TransactionParquet.Read(path, options);
        Assert.Equal(["a", "b"], skipped.Transactions.Select(t => t.CustomerId));
        Assert.Equal([1.5m, 2.25m], skipped.Transactions.Select(t => t.Amount));
        SkippedRow row = Assert.Single(skipped.Hygiene.SkippedRows.Samples);
        Assert.Equal((3, "Amount", SkipReason.EmptyValue), (row.LineNumber, row.Column, row.Reason));

        var error = Assert.Throws<DataFormatException>(() => TransactionParquet.Read(path, options with { BadRows = BadRowPolicy.FailFast }));
        Assert.Equal((3, "Amount"), (error.LineNumber, error.Column));
        Assert.Contains("Row 3, column 'Amount'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_and_a_blank_path_are_refused()
    {
        Assert.Contains("does not exist", Assert.Throws<FileNotFoundException>(() => TransactionParquet.Read(_files.PathOf("none.parquet"))).Message, StringComparison.Ordinal);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => TransactionParquet.Read(" ")).ParamName);
    }

    [Fact]
    public void Reading_stops_when_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => TransactionParquet.Read(LocalTimestamps(), Options(), cancelled.Token));
    }

    public void Dispose() => _files.Dispose();
}
