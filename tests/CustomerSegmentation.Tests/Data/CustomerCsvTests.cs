using System.Globalization;

using CustomerSegmentation.Data;

namespace CustomerSegmentation.Tests.Data;

public sealed class CustomerCsvTests
{
    private const string Mall = """
        CustomerID,Genre,Age,Annual Income (k$),Spending Score (1-100)
        0001,Male,19,15,39
        0002,Male,21,15,81
        0003,Female,20,16,6

        """;

    [Fact]
    public void Reads_features_in_the_requested_order_with_ids_and_extra_columns()
    {
        CustomerTable table = CsvText.Read(Mall, ["Spending Score (1-100)", "Age"], new() { IdColumn = "CustomerID", ExtraColumns = ["Genre"] });

        Assert.Equal(3, table.RowCount);
        Assert.Equal(3, table.RowsRead);
        Assert.True(table.SkippedRows.IsEmpty);
        Assert.Equal<string>(["Spending Score (1-100)", "Age"], table.Features.FeatureNames);
        Assert.Equal([39f, 81f, 6f], table.Features.Column(0).ToArray());
        Assert.Equal([19f, 21f, 20f], table.Features.Column(1).ToArray());
        Assert.Equal<string>(["0001", "0002", "0003"], table.Ids);
        Assert.Equal<string>(["Male", "Male", "Female"], table.Attributes["genre"]);
    }

    [Fact]
    public void Without_an_id_column_the_ids_are_the_data_row_numbers()
    {
        CustomerTable table = CsvText.Read(Mall, ["Age"]);

        Assert.Equal<string>(["1", "2", "3"], table.Ids);
        Assert.Empty(table.Attributes);
    }

    [Fact]
    public void Header_names_match_case_insensitively_ignoring_surrounding_whitespace()
    {
        CustomerTable table = CsvText.Read("  customerid , AGE ,\t Annual Income (K$)  \n7, 30 ,45\n", [" age", "annual income (k$) "], new() { IdColumn = "CustomerId", Delimiter = "," });

        Assert.Equal<string>(["AGE", "Annual Income (K$)"], table.Features.FeatureNames);
        Assert.Equal(30f, table.Features[0, 0]);
        Assert.Equal(45f, table.Features[0, 1]);
        Assert.Equal<string>(["7"], table.Ids);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Utf8_with_or_without_a_byte_order_mark_reads_the_first_column(bool bom)
    {
        byte[] bytes = CsvText.Utf8("Âge,Score\n19,39\n", bom);

        CustomerTable table = CsvText.ReadBytes(bytes, ["Âge", "Score"]);

        Assert.Equal<string>(["Âge", "Score"], table.Features.FeatureNames);
        Assert.Equal(19f, table.Features[0, 0]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Utf16_with_a_byte_order_mark_is_read(bool bigEndian)
    {
        var encoding = new System.Text.UnicodeEncoding(bigEndian, byteOrderMark: true);
        byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes("Âge,Score\n19,39\n20,40\n")];

        CustomerTable table = CsvText.ReadBytes(bytes, ["Âge"]);

        Assert.Equal([19f, 20f], table.Features.Column(0).ToArray());
    }

    [Theory]
    [InlineData(";")]
    [InlineData("\t")]
    [InlineData(",")]
    [InlineData("|")]
    public void The_delimiter_is_detected_among_comma_semicolon_tab_and_pipe(string delimiter)
    {
        string text = string.Join("\n", new[] { "Id|Age|Score", "a|19.5|39", "b|21|81", "c|20|6" }.Select(l => l.Replace("|", delimiter, StringComparison.Ordinal)));

        CustomerTable table = CsvText.Read(text, ["Age", "Score"], new() { IdColumn = "Id" });

        Assert.Equal([19.5f, 21f, 20f], table.Features.Column("Age").ToArray());
        Assert.Equal<string>(["a", "b", "c"], table.Ids);
    }

    [Fact]
    public void An_excel_sep_line_names_the_delimiter_and_is_not_data()
    {
        CustomerTable table = CsvText.Read("sep=;\nId;Age\na;19,5\nb;21\n", ["Age"], new() { IdColumn = "Id", Culture = CultureInfo.GetCultureInfo("de-DE") });

        Assert.Equal([19.5f, 21f], table.Features.Column("Age").ToArray());
        Assert.Equal<string>(["a", "b"], table.Ids);
    }

    [Fact]
    public void German_culture_with_semicolons_parses_decimal_commas()
    {
        const string text = "Alter;Einkommen\n19,5;15,25\n-1,5e2;1000\n";

        CustomerTable table = CsvText.Read(text, ["Alter", "Einkommen"], new() { Culture = CultureInfo.GetCultureInfo("de-DE") });

        Assert.Equal([19.5f, -150f], table.Features.Column(0).ToArray());
        Assert.Equal([15.25f, 1000f], table.Features.Column(1).ToArray());
    }

    [Fact]
    public void Quoted_fields_may_contain_the_delimiter_quotes_and_line_breaks()
    {
        const string text = "Name,Age\n\"Smith, John\",40\n\"Say \"\"hi\"\"\",41\n\"two\nlines\",42\n";

        CustomerTable table = CsvText.Read(text, ["Age"], new() { IdColumn = "Name" });

        Assert.Equal<string>(["Smith, John", "Say \"hi\"", "two\nlines"], table.Ids);
        Assert.Equal([40f, 41f, 42f], table.Features.Column(0).ToArray());
    }

    [Fact]
    public void An_explicit_delimiter_overrides_detection()
    {
        // Detection would pick ',' (two per line); the caller says the file is ';'-separated with one text column.
        const string text = "Note (a,b,c);Age\na,b,c;19\nd,e,f;20\n";

        CustomerTable table = CsvText.Read(text, ["Age"], new() { Delimiter = ";", ExtraColumns = ["Note (a,b,c)"] });

        Assert.Equal<string>(["a,b,c", "d,e,f"], table.Attributes["Note (a,b,c)"]);
    }

    [Fact]
    public void Reading_a_stream_leaves_it_open_for_the_caller()
    {
        using var stream = new MemoryStream(CsvText.Utf8("Age\n19\n", bom: false));

        CustomerCsv.Read(stream, ["Age"]);

        Assert.True(stream.CanRead);
    }

    [Fact]
    public void Reads_a_file_from_a_path()
    {
        string path = Path.Combine(Path.GetTempPath(), $"customers-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, Mall);
        try
        {
            CustomerTable table = CustomerCsv.Read(path, CsvText.MallFeatures, new() { IdColumn = "CustomerID" });

            Assert.Equal(3, table.RowCount);
            Assert.Equal([15f, 15f, 16f], table.Features.Column("Annual Income (k$)").ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Blank_lines_are_not_rows_and_line_numbers_still_count_them()
    {
        const string text = "Age\n19\n\n20\nx\n";

        var error = CsvText.Fails(text, ["Age"]);

        Assert.Equal(5, error.LineNumber);
    }

    [Fact]
    public void A_row_after_a_multi_line_quoted_field_is_reported_at_its_own_line()
    {
        const string text = "Name,Age\n\"two\nlines\",1\nBob,oops\n";

        var error = CsvText.Fails(text, ["Age"]);

        Assert.Equal(4, error.LineNumber);
        Assert.Contains("Line 4", error.Message, StringComparison.Ordinal);
    }

    [MallDataFact]
    public void Reads_the_real_mall_customers_file()
    {
        CustomerTable table = CustomerCsv.Read(TestData.MallCustomersCsv()!, CsvText.MallFeatures, new() { IdColumn = "CustomerID", ExtraColumns = ["Genre"] });

        Assert.Equal(200, table.RowCount);
        Assert.Equal(200, table.RowsRead);
        Assert.True(table.SkippedRows.IsEmpty);
        Assert.Equal("0001", table.Ids[0]);
        Assert.Equal("0200", table.Ids[199]);
        Assert.Equal(CsvText.MallFeatures, table.Features.FeatureNames);
        Assert.Equal([19.0, 15.0, 39.0], table.Features.GetRow(0));
        Assert.Equal("Male", table.Attributes["Genre"][0]);
        Assert.Equal(["Female", "Male"], table.Attributes["Genre"].Distinct().Order());
    }

    [Fact]
    public void Reads_the_blobs_fixture_with_its_id_and_truth_columns()
    {
        CustomerTable table = CustomerCsv.Read(TestData.Fixture("blobs_2000x3.csv"), ["f1", "f2", "f3"], new() { IdColumn = "id", ExtraColumns = ["truth"] });

        Assert.Equal(2000, table.RowCount);
        Assert.Equal("1", table.Ids[0]);
        Assert.Equal([85.258f, 69.971f, 72.08f], table.Features.GetRow(0).Select(v => (float)v));
        Assert.Equal("3", table.Attributes["truth"][0]);
    }
}
