using CustomerSegmentation.Data;
using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Tests.Loyalty;

/// <summary>Whitespace-separated, headerless transaction files (the CDNOW layout).</summary>
public sealed class TransactionCsvWhitespaceTests
{
    private static TransactionCsvOptions Options => new()
    {
        WhitespaceSeparated = true,
        ColumnNames = ["Master", "Customer", "Date", "Units", "Dollars"],
        CustomerIdColumn = "Customer",
        TimestampColumn = "Date",
        Amount = TransactionAmount.Column("Dollars"),
        DateFormats = ["yyyyMMdd"],
        BadRows = BadRowPolicy.FailFast,
    };

    [Fact]
    public void Runs_of_blanks_separate_fields_and_every_line_is_data()
    {
        TransactionSet set = TransactionCsv.Read(new StringReader(" 00004 0001 19970101  2   29.33\r\n\t00004  0001 19970118 2 29.73  \r\n"), Options);

        Assert.Equal(2, set.Transactions.Length);
        Assert.Equal(new Transaction("0001", new DateTime(1997, 1, 18), 29.73m), set.Transactions[1]);
    }

    [Fact]
    public void A_bad_line_is_named_by_its_number()
    {
        var e = Assert.Throws<DataFormatException>(() => TransactionCsv.Read(new StringReader("1 0001 19970101 2 29.33\n1 0001 1997-01-02 2 9\n"), Options));

        Assert.Equal(2, e.LineNumber);
        Assert.Contains("1997-01-02", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Whitespace_and_a_delimiter_exclude_each_other()
    {
        Assert.Contains("WhitespaceSeparated", Assert.Throws<ArgumentException>(() => new TransactionCsvOptions { Delimiter = ",", WhitespaceSeparated = true }).Message, StringComparison.Ordinal);
        Assert.Contains("WhitespaceSeparated", Assert.Throws<ArgumentException>(() => new TransactionCsvOptions { WhitespaceSeparated = true, Delimiter = ";" }).Message, StringComparison.Ordinal);
        Assert.Contains("blank name", Assert.Throws<ArgumentException>(() => new TransactionCsvOptions { ColumnNames = ["a", " "] }).Message, StringComparison.Ordinal);
    }
}
