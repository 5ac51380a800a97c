using CustomerSegmentation.Data;

namespace CustomerSegmentation.Tests.Data;

public sealed class CustomerCsvErrorTests
{
    private const string Header = "CustomerID,Genre,Age,Annual Income (k$),Spending Score (1-100)\n";

    [Fact]
    public void A_missing_file_is_a_FileNotFoundException_naming_the_path()
    {
        string path = Path.Combine(Path.GetTempPath(), $"no-such-customers-{Guid.NewGuid():N}.csv");

        var error = Assert.Throws<FileNotFoundException>(() => CustomerCsv.Read(path, CsvText.MallFeatures));

        Assert.Equal(path, error.FileName);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void An_empty_file_says_a_header_is_expected(string text)
    {
        var error = CsvText.Fails(text, CsvText.MallFeatures);

        Assert.Contains("is empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("header", error.Message, StringComparison.Ordinal);
        Assert.Null(error.LineNumber);
    }

    [Fact]
    public void A_header_without_rows_says_there_are_no_data_rows()
    {
        var error = CsvText.Fails(Header, CsvText.MallFeatures);

        Assert.Contains("no data rows", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.LineNumber);
    }

    [Fact]
    public void An_absent_feature_column_lists_the_columns_and_suggests_the_closest()
    {
        var error = CsvText.Fails(Header + "1,Male,19,15,39\n", ["Age", "Anual Income"]);

        Assert.Contains("The feature column 'Anual Income' is not in the header (line 1)", error.Message, StringComparison.Ordinal);
        Assert.Contains("'CustomerID', 'Genre', 'Age', 'Annual Income (k$)', 'Spending Score (1-100)'", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Did you mean 'Annual Income (k$)'?", error.Message, StringComparison.Ordinal);
        Assert.Equal("Anual Income", error.Column);
        Assert.Equal(1, error.LineNumber);
    }

    [Fact]
    public void An_absent_column_unlike_any_other_gets_no_suggestion()
    {
        var error = CsvText.Fails(Header + "1,Male,19,15,39\n", ["Postcode"]);

        Assert.Contains("'Postcode' is not in the header", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Gender", null, "The extra column 'Gender'", "Did you mean 'Genre'?")]
    [InlineData(null, "Customer", "The id column 'Customer'", "Did you mean 'CustomerID'?")]
    public void Absent_id_and_extra_columns_are_named_by_their_role(string? extra, string? id, string expected, string suggestion)
    {
        var options = new CustomerCsvOptions { IdColumn = id, ExtraColumns = extra is null ? [] : [extra] };

        var error = CsvText.Fails(Header + "1,Male,19,15,39\n", ["Age"], options);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(suggestion, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_requested_column_that_appears_twice_in_the_header_is_ambiguous()
    {
        var error = CsvText.Fails("Age,Score,age\n1,2,3\n", ["AGE"]);

        Assert.Contains("'AGE' is ambiguous", error.Message, StringComparison.Ordinal);
        Assert.Contains("positions 1 and 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_header_name_that_is_not_requested_is_fine()
    {
        CustomerTable table = CsvText.Read("Note,Age,Note\nx,1,y\n", ["Age"]);

        Assert.Equal(1f, table.Features[0, 0]);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("12kg")]
    [InlineData("\"1,000\"")]
    [InlineData("19.5.1")]
    public void A_non_numeric_cell_names_the_line_column_and_text(string cell)
    {
        var error = CsvText.Fails(Header + "1,Male,19,15,39\n2,Male," + cell + ",15,81\n", CsvText.MallFeatures);

        string text = cell.Trim('"');
        Assert.Equal(SkipReason.NotANumber, error.Reason);
        Assert.Equal(3, error.LineNumber);
        Assert.Equal("Age", error.Column);
        Assert.Equal(text, error.Text);
        Assert.StartsWith($"Line 3, column 'Age': '{text}' is not a number in the invariant culture (decimal separator '.'", error.Message, StringComparison.Ordinal);
        Assert.Contains("BadRowPolicy.Skip", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_cell_names_the_line_and_column(string cell)
    {
        var error = CsvText.Fails(Header + "1,Male,19," + cell + ",39\n", CsvText.MallFeatures);

        Assert.Equal(SkipReason.EmptyValue, error.Reason);
        Assert.Equal(2, error.LineNumber);
        Assert.Equal("Annual Income (k$)", error.Column);
        Assert.StartsWith("Line 2, column 'Annual Income (k$)': the cell is empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("∞")]
    [InlineData("-∞")]
    [InlineData("inf")]
    [InlineData("1e39")]
    [InlineData("-4e38")]
    public void NaN_infinities_and_float32_overflow_are_rejected(string cell)
    {
        var error = CsvText.Fails(Header + "1,Male,19,15," + cell + "\n", CsvText.MallFeatures);

        Assert.Equal(SkipReason.NotFinite, error.Reason);
        Assert.Equal("Spending Score (1-100)", error.Column);
        Assert.Equal(cell, error.Text);
        Assert.StartsWith($"Line 2, column 'Spending Score (1-100)': '{cell}' is not a finite number", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1,Male,19,15", 4)]
    [InlineData("1,Male,19,15,39,extra", 6)]
    public void A_ragged_row_gives_the_line_and_both_field_counts(string row, int fields)
    {
        var error = CsvText.Fails(Header + "0,Female,20,16,6\n" + row + "\n", CsvText.MallFeatures);

        Assert.Equal(SkipReason.WrongFieldCount, error.Reason);
        Assert.Equal(3, error.LineNumber);
        Assert.Equal(row, error.Text);
        Assert.StartsWith($"Line 3 has {fields} fields but the header has 5 (delimiter ',')", error.Message, StringComparison.Ordinal);
        Assert.Contains(row, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stray_quote_in_an_unquoted_field_is_malformed()
    {
        var error = CsvText.Fails("Name,Age\nJo\"hn,19\n", ["Age"], new() { IdColumn = "Name" });

        Assert.Equal(SkipReason.MalformedQuotes, error.Reason);
        Assert.Equal(2, error.LineNumber);
        Assert.Contains("the field 'Jo\"hn' contains a quote but is not quoted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_an_error_not_silently_replaced()
    {
        byte[] bytes = [.. CsvText.Utf8("Name,Age\nJos", bom: false), 0xE9, .. CsvText.Utf8(",19\n", bom: false)];

        var error = Assert.Throws<DataFormatException>(() => CsvText.ReadBytes(bytes, ["Age"]));

        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Contains("0xE9 on line 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.LineNumber);
        Assert.IsType<System.Text.DecoderFallbackException>(error.InnerException);
    }

    [Fact]
    public void An_invalid_byte_far_into_a_file_is_named_by_its_line()
    {
        // Well past the first buffer of text, so the line cannot be guessed from what the parser has read so far.
        var text = new System.Text.StringBuilder("Name,Age\n");
        for (int i = 0; i < 20_000; i++)
        {
            text.Append("Jo,19\n");
        }

        byte[] bytes = [.. CsvText.Utf8(text.ToString(), bom: true), 0xC3, 0x28, .. CsvText.Utf8(",19\nJo,20\n", bom: false)];

        var error = Assert.Throws<DataFormatException>(() => CsvText.ReadBytes(bytes, ["Age"]));

        Assert.Equal(20_002, error.LineNumber);
        Assert.Contains("the byte 0xC3 on line 20002 is not UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_multi_byte_character_at_the_end_is_invalid()
    {
        byte[] bytes = [.. CsvText.Utf8("Age\n19\n", bom: false), 0xE2, 0x82];

        var error = Assert.Throws<DataFormatException>(() => CsvText.ReadBytes(bytes, ["Age"]));

        Assert.Equal(3, error.LineNumber);
    }

    [Fact]
    public void When_every_row_is_skipped_the_error_carries_the_skip_summary()
    {
        var options = new CustomerCsvOptions { BadRows = BadRowPolicy.Skip };

        var error = CsvText.Fails("Age,Score\nx,1\n2\n", ["Age", "Score"], options);

        Assert.StartsWith("All 2 data rows of the text were skipped", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a number: 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("wrong field count: 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.SkippedRows!.Count);
    }

    [Theory]
    [InlineData(new string[0], "At least one feature column is required")]
    [InlineData(new[] { "Age", " " }, "The feature column at position 1 is blank")]
    [InlineData(new[] { "Age", "age " }, "The feature column 'age' is listed twice")]
    public void Bad_feature_lists_are_argument_errors(string[] features, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => CsvText.Read("Age\n1\n", features));

        Assert.Equal("features", error.ParamName);
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => CustomerCsv.Read((string)null!, ["Age"]));
        Assert.Throws<ArgumentNullException>(() => CustomerCsv.Read((Stream)null!, ["Age"]));
        Assert.Throws<ArgumentNullException>(() => CustomerCsv.Read((TextReader)null!, ["Age"]));
        Assert.Throws<ArgumentNullException>(() => CsvText.Read("Age\n1\n", null!));
    }
}
