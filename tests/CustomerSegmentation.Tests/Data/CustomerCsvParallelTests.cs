using System.Globalization;
using System.Text;

using CustomerSegmentation.Data;
using CustomerSegmentation.Data.Csv;

namespace CustomerSegmentation.Tests.Data;

/// <summary>
/// The split read of a file or stream: ranges parsed side by side give exactly the one-thread read, line numbers in
/// messages included, and data that cannot be split safely is read whole.
/// </summary>
public sealed class CustomerCsvParallelTests
{
    private static readonly string[] Features = ["Age", "Income"];

    private static readonly CustomerCsvOptions OneThread = new() { IdColumn = "Id", MaxDegreeOfParallelism = 1 };

    /// <summary>Two threads with ranges as small as 64 bytes, so that a few hundred lines are split.</summary>
    private static CustomerCsvOptions Split(CustomerCsvOptions options) => options with { MaxDegreeOfParallelism = 2, MinBytesPerThread = 64 };

    private static string Lines(int rows, string newline = "\n", bool trailingNewline = true, Func<int, string>? row = null)
    {
        var text = new StringBuilder("Id,Age,Income").Append(newline);
        for (int i = 1; i <= rows; i++)
        {
            text.Append(row is null ? string.Create(CultureInfo.InvariantCulture, $"C{i},{20 + (i % 50)},{i * 0.25}") : row(i));
            if (i < rows || trailingNewline)
            {
                text.Append(newline);
            }
        }

        return text.ToString();
    }

    private static CustomerTable ReadBytes(byte[] bytes, CustomerCsvOptions options)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return CustomerCsv.Read(stream, Features, options);
    }

    private static void AssertSameTable(CustomerTable expected, CustomerTable actual)
    {
        Assert.Equal(expected.Ids.Length, actual.Ids.Length);
        Assert.Equal(expected.Ids.AsEnumerable(), actual.Ids.AsEnumerable());
        Assert.Equal(expected.RowsRead, actual.RowsRead);
        Assert.Equal(expected.RowCount, actual.RowCount);
        for (int j = 0; j < Features.Length; j++)
        {
            Assert.Equal(expected.Features.Column(j).ToArray(), actual.Features.Column(j).ToArray());
        }

        Assert.Equal(expected.SkippedRows.Count, actual.SkippedRows.Count);
        Assert.Equal(expected.SkippedRows.CountByReason.OrderBy(p => p.Key), actual.SkippedRows.CountByReason.OrderBy(p => p.Key));
        Assert.Equal(expected.SkippedRows.Samples.Select(s => (s.LineNumber, s.Column, s.Text, s.Reason, s.Message)), actual.SkippedRows.Samples.Select(s => (s.LineNumber, s.Column, s.Text, s.Reason, s.Message)));
    }

    [Theory]
    [InlineData("\n", true, false)]
    [InlineData("\r\n", true, false)]
    [InlineData("\n", false, false)]
    [InlineData("\r\n", false, true)]
    public void Two_threads_read_exactly_what_one_thread_reads(string newline, bool trailingNewline, bool bom)
    {
        byte[] bytes = CsvText.Utf8(Lines(400, newline, trailingNewline), bom);

        CustomerTable one = ReadBytes(bytes, OneThread);
        CustomerTable two = ReadBytes(bytes, Split(OneThread));

        Assert.Equal(400, one.RowCount);
        Assert.Equal("C400", one.Ids[^1]);
        AssertSameTable(one, two);
    }

    [Fact]
    public void The_input_is_really_split_at_line_starts_with_the_lines_before_each_range_counted()
    {
        string text = Lines(400, "\r\n");
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        using var stream = new MemoryStream(bytes);

        CsvChunks chunks = CsvChunks.FromStream(stream, Split(OneThread))!;

        Assert.Equal(2, chunks.Ranges.Count);
        CsvChunk second = chunks.Ranges[1];
        Assert.Equal((byte)'\n', bytes[second.Start - 1]);
        Assert.Equal(text[..second.Start].Count(c => c == '\n'), second.LinesBefore);
        Assert.Equal(bytes.Length, second.Start + second.Length);
    }

    [Fact]
    public void Without_an_id_column_the_row_numbers_run_on_across_the_ranges()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Lines(400));

        CustomerTable two = ReadBytes(bytes, Split(new CustomerCsvOptions()));

        Assert.Equal(Enumerable.Range(1, 400).Select(i => i.ToString(CultureInfo.InvariantCulture)), two.Ids);
    }

    [Fact]
    public void A_bad_row_in_the_second_half_is_reported_with_its_line_in_the_file()
    {
        // Line 351 is data row 350 (the header is line 1).
        byte[] bytes = Encoding.UTF8.GetBytes(Lines(400, row: i => i == 350 ? "C350,abc,1" : $"C{i},30,1"));

        DataFormatException one = Assert.Throws<DataFormatException>(() => ReadBytes(bytes, OneThread));
        DataFormatException two = Assert.Throws<DataFormatException>(() => ReadBytes(bytes, Split(OneThread)));

        Assert.Equal(351, two.LineNumber);
        Assert.Contains("Line 351, column 'Age'", two.Message, StringComparison.Ordinal);
        Assert.Contains("'abc' is not a number", two.Message, StringComparison.Ordinal);
        Assert.Equal(one.Message, two.Message);
    }

    [Fact]
    public void Under_fail_fast_the_first_bad_row_in_the_file_is_the_one_reported_when_both_halves_have_one()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Lines(400, row: i => i is 20 or 380 ? $"C{i},,1" : $"C{i},30,1"));

        DataFormatException two = Assert.Throws<DataFormatException>(() => ReadBytes(bytes, Split(OneThread)));

        Assert.Equal(21, two.LineNumber);
        Assert.Contains("the cell is empty", two.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Skipped_rows_of_both_halves_are_counted_and_sampled_in_file_order()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Lines(400, row: i => i % 37 == 0 ? $"C{i},x,1" : i % 101 == 0 ? $"C{i},1" : $"C{i},30,1"));
        CustomerCsvOptions skip = OneThread with { BadRows = BadRowPolicy.Skip, MaxReportedSkippedRows = 5 };

        CustomerTable one = ReadBytes(bytes, skip);
        CustomerTable two = ReadBytes(bytes, Split(skip));

        Assert.Equal(10 + 3, two.SkippedRows.Count);
        Assert.Equal(5, two.SkippedRows.Samples.Length);
        AssertSameTable(one, two);
    }

    [Fact]
    public void Invalid_utf8_in_the_second_half_names_its_line_in_the_file()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Lines(400, row: i => i == 300 ? $"C{i}\u00e9,30,1" : $"C{i},30,1"));
        int at = Array.IndexOf(bytes, (byte)0xC3);
        bytes[at + 1] = 0x41;

        DataFormatException two = Assert.Throws<DataFormatException>(() => ReadBytes(bytes, Split(OneThread)));

        Assert.Equal(301, two.LineNumber);
        Assert.Contains("line 301 is not UTF-8", two.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("quoted newline")]
    [InlineData("lone carriage return")]
    public void Data_that_cannot_be_split_safely_is_read_whole_with_the_same_result(string shape)
    {
        string text = shape == "quoted newline"
            ? Lines(400, row: i => i == 200 ? "\"C2\n00\",30,1" : $"C{i},30,1")
            : Lines(400).Replace("\nC101", "\rC101", StringComparison.Ordinal);
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        using var stream = new MemoryStream(bytes);

        Assert.Single(CsvChunks.FromStream(stream, Split(OneThread))!.Ranges);
        AssertSameTable(ReadBytes(bytes, OneThread), ReadBytes(bytes, Split(OneThread)));
    }

    [Fact]
    public void A_file_is_split_too_and_reads_as_the_stream_does()
    {
        string path = Path.Combine(Path.GetTempPath(), $"customers-{Guid.NewGuid():N}.csv");
        byte[] bytes = CsvText.Utf8(Lines(400, "\r\n"), bom: true);
        File.WriteAllBytes(path, bytes);
        try
        {
            AssertSameTable(ReadBytes(bytes, OneThread), CustomerCsv.Read(path, Features, Split(OneThread)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_column_or_an_empty_body_fails_as_in_a_one_thread_read()
    {
        byte[] noBody = Encoding.UTF8.GetBytes("Id,Age,Income\n" + new string('\n', 300));
        byte[] wrongHeader = Encoding.UTF8.GetBytes(Lines(400).Replace("Income", "Incme", StringComparison.Ordinal));

        Assert.Equal(
            Assert.Throws<DataFormatException>(() => ReadBytes(noBody, OneThread)).Message,
            Assert.Throws<DataFormatException>(() => ReadBytes(noBody, Split(OneThread))).Message);
        Assert.Equal(
            Assert.Throws<DataFormatException>(() => ReadBytes(wrongHeader, OneThread)).Message,
            Assert.Throws<DataFormatException>(() => ReadBytes(wrongHeader, Split(OneThread))).Message);
    }

    [Fact]
    public void The_thread_count_is_validated()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerCsvOptions { MaxDegreeOfParallelism = 0 });

        Assert.Contains("MaxDegreeOfParallelism must be -1", e.Message, StringComparison.Ordinal);
    }
}
