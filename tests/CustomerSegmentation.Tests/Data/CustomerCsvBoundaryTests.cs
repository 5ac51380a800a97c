using System.Globalization;
using System.Text;

using CustomerSegmentation.Data;

namespace CustomerSegmentation.Tests.Data;

/// <summary>Issue 11: the customer reader never loses a row silently and stops promptly when cancelled.</summary>
public sealed class CustomerCsvBoundaryTests
{
    private static string TwoHundredRows(int strayLine, string strayNote)
    {
        var text = new StringBuilder("Id,Age,Note,Income\n");
        for (int line = 2; line <= 201; line++)
        {
            text.Append(CultureInfo.InvariantCulture, $"c{line},{20 + (line % 50)},{(line == strayLine ? strayNote : "fine")},{line}\n");
        }

        return text.ToString();
    }

    [Theory]
    [InlineData("he said \"hi")]
    [InlineData("\"unclosed")]
    [InlineData("\"closed\" late")]
    public void A_stray_quote_in_an_unrequested_column_errors_naming_the_line(string note)
    {
        var e = CsvText.Fails(TwoHundredRows(50, note), ["Age", "Income"], new() { IdColumn = "Id" });

        Assert.Equal(50, e.LineNumber);
        Assert.Contains("Line 50", e.Message, StringComparison.Ordinal);
        Assert.Contains("quote", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("he said \"hi")]
    [InlineData("\"unclosed")]
    [InlineData("\"closed\" late")]
    public void A_stray_quote_under_the_skip_policy_is_one_reported_skip_or_an_error(string note)
    {
        string text = TwoHundredRows(50, note);
        var options = new CustomerCsvOptions { IdColumn = "Id", BadRows = BadRowPolicy.Skip };

        CustomerTable table;
        try
        {
            table = CsvText.Read(text, ["Age", "Income"], options);
        }
        catch (DataFormatException e)
        {
            Assert.Equal(50, e.LineNumber);
            Assert.Contains("quote", e.Message, StringComparison.Ordinal);
            return;
        }

        Assert.Equal(199, table.RowCount);
        Assert.Equal(200, table.RowsRead);
        SkippedRow skipped = Assert.Single(table.SkippedRows.Samples);
        Assert.Equal((50, SkipReason.MalformedQuotes), (skipped.LineNumber, skipped.Reason));
    }


    [Fact]
    public void A_pre_cancelled_token_throws_before_any_row_is_read()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var reader = new CountingReader("Age\n19\n20\n");

        Assert.Throws<OperationCanceledException>(() => CustomerCsv.Read(reader, ["Age"], cancellationToken: cancelled.Token));
        Assert.Equal(0, reader.CharactersRead);
    }



    [Fact]
    public void Cancelling_while_reading_stops_within_a_bounded_number_of_rows()
    {
        using var cancellation = new CancellationTokenSource();
        var rows = new CancellingReader(RowsOf(100_000), cancellation, cancelAfterLines: 1_000);

        Assert.Throws<OperationCanceledException>(() => CustomerCsv.Read(rows, ["Age"], cancellationToken: cancellation.Token));
        Assert.InRange(rows.LinesRead, 1_000, 1_000 + 10_000);
    }


    internal static string RowsOf(int count)
    {
        var text = new StringBuilder("Age\n");
        for (int i = 0; i < count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i % 90}\n");
        }

        return text.ToString();
    }

    /// <summary>Text that counts the characters handed out.</summary>
    internal sealed class CountingReader(string text) : TextReader
    {
        private readonly StringReader _inner = new(text);

        public int CharactersRead { get; private set; }

        public override int Peek() => _inner.Peek();

        public override int Read()
        {
            int c = _inner.Read();
            CharactersRead += c >= 0 ? 1 : 0;
            return c;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            int n = _inner.Read(buffer);
            CharactersRead += n;
            return n;
        }
    }

    /// <summary>Text handed out a line at a time that cancels its token once a given number of lines was read.</summary>
    internal sealed class CancellingReader(string text, CancellationTokenSource cancellation, int cancelAfterLines) : TextReader
    {
        private readonly StringReader _inner = new(text);

        public int LinesRead { get; private set; }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            string? line = _inner.ReadLine();
            if (line is null)
            {
                return 0;
            }

            line += "\n";
            if (line.Length > buffer.Length)
            {
                throw new InvalidOperationException("The test reader hands out whole lines only.");
            }

            line.AsSpan().CopyTo(buffer);
            if (++LinesRead == cancelAfterLines)
            {
                cancellation.Cancel();
            }

            return line.Length;
        }
    }
}
