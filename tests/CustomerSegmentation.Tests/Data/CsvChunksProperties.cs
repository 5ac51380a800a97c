using System.Text;

using CustomerSegmentation.Data;
using CustomerSegmentation.Data.Csv;

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Data;

/// <summary>CSV-like inputs: a header and up to 300 lines of a few bytes, ended by LF or CRLF, some with quotes, lone CRs or blank lines.</summary>
public static class CsvInputGenerators
{
    public static Arbitrary<CsvInput> Inputs() => Arb.From(
        from blankLines in Gen.Choose(0, 3)
        from lines in Line.ListOf()
        from ends in Gen.Elements("\n", "\r\n").ListOf()
        from blockLength in Gen.Choose(2, 64)
        from threads in Gen.Choose(2, 4)
        from last in Gen.Elements("", "\n", "\r")
        select new CsvInput(Text(blankLines, lines, ends, last), blockLength, threads));

    private static Gen<string> Line => Gen.Frequency(
        (40, Gen.Elements("C1,20,3.5", "C22,31,40", "x", "")),
        (1, Gen.Elements("\"C3\",2,1", "C4\r5,1,1")));

    private static string Text(int blankLines, IList<string> lines, IList<string> ends, string last)
    {
        var text = new StringBuilder(new string('\n', blankLines)).Append("Id,Age,Income\n");
        for (int i = 0; i < lines.Count; i++)
        {
            text.Append(lines[i]).Append(ends.Count == 0 ? "\n" : ends[i % ends.Count]);
        }

        return text.Append(last).ToString();
    }
}

/// <summary>One input with the scan block length and thread count to split it with.</summary>
public sealed record CsvInput(string Text, int BlockLength, int Threads);

/// <summary>
/// A file is split by a pass over blocks of its bytes: the ranges do not depend on the block length (they are the ones
/// of the same bytes held in memory), cover the input in order, start at line starts, and count the line feeds before
/// them; input with a quote or a lone carriage return is one range.
/// </summary>
[Properties(Arbitrary = new[] { typeof(CsvInputGenerators) }, MaxTest = 150)]
public sealed class CsvChunksProperties
{
    [Property]
    public void A_file_splits_as_its_bytes_in_memory_do_whatever_the_block_length(CsvInput input)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(input.Text);
        var options = new CustomerCsvOptions { MaxDegreeOfParallelism = input.Threads, MinBytesPerThread = 16 };
        InFile(input.Text, path =>
        {
            using var stream = new MemoryStream(bytes);
            CsvChunks? inMemory = CsvChunks.FromStream(stream, options);
            CsvChunks? fromFile = CsvChunks.FromFile(path, options, input.BlockLength);

            Assert.Equal(inMemory is null, fromFile is null);
            if (inMemory is null || fromFile is null)
            {
                // Too short to split (under 32 bytes): neither splits it.
                Assert.True(bytes.Length < 32);
                return;
            }

            Assert.Equal(inMemory.Ranges, fromFile.Ranges);
            bool splittable = !input.Text.Contains('"', StringComparison.Ordinal) && !HasLoneCarriageReturn(input.Text);
            if (!splittable)
            {
                Assert.Equal([new CsvChunk(0, bytes.Length, 0)], fromFile.Ranges);
            }

            int headerEnd = input.Text.IndexOf("Income\n", StringComparison.Ordinal) + "Income\n".Length;
            int start = 0;
            foreach (CsvChunk range in fromFile.Ranges)
            {
                Assert.Equal(start, range.Start);
                Assert.True(range.Start == 0 || (bytes[range.Start - 1] == '\n' && range.Start >= headerEnd), $"range at {range.Start}");
                Assert.Equal(bytes.AsSpan(0, range.Start).Count((byte)'\n'), range.LinesBefore);
                Assert.True(range.Length > 0);
                start += range.Length;
            }

            Assert.Equal(bytes.Length, start);
            Assert.True(fromFile.Ranges.Count <= input.Threads);
            for (int k = 0; k < fromFile.Ranges.Count; k++)
            {
                using TextReader fromRange = fromFile.Open(k);
                CsvChunk range = fromFile.Ranges[k];
                Assert.Equal(input.Text.Substring(range.Start, range.Length), fromRange.ReadToEnd());
            }
        });
    }

    [Fact]
    public void Data_of_a_few_hundred_lines_without_quotes_is_really_split()
    {
        string text = "Id,Age,Income\n" + string.Concat(Enumerable.Range(1, 300).Select(i => $"C{i},20,1\r\n"));

        InFile(text, path =>
        {
            CsvChunks chunks = CsvChunks.FromFile(path, new CustomerCsvOptions { MaxDegreeOfParallelism = 3, MinBytesPerThread = 64 }, blockLength: 5)!;

            Assert.Equal(3, chunks.Ranges.Count);
        });
    }

    [Fact]
    public void A_file_that_changes_length_after_it_was_split_fails_with_an_error_naming_it()
    {
        string text = "Id,Age,Income\n" + string.Concat(Enumerable.Range(1, 300).Select(i => $"C{i},20,1\n"));

        InFile(text, path =>
        {
            CsvChunks chunks = CsvChunks.FromFile(path, new CustomerCsvOptions { MaxDegreeOfParallelism = 2, MinBytesPerThread = 64 })!;
            File.AppendAllText(path, "C301,20,1\n");

            var e = Assert.Throws<IOException>(() => chunks.Open(1));

            Assert.Contains(Path.GetFileName(path), e.Message, StringComparison.Ordinal);
            Assert.Contains("changed while it was read", e.Message, StringComparison.Ordinal);
        });
    }

    /// <summary>Runs <paramref name="test"/> on a temporary file holding <paramref name="text"/>, deleted afterwards.</summary>
    private static void InFile(string text, Action<string> test)
    {
        string path = Path.Combine(Path.GetTempPath(), $"chunks-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        try
        {
            test(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static bool HasLoneCarriageReturn(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n'))
            {
                return true;
            }
        }

        return false;
    }
}
