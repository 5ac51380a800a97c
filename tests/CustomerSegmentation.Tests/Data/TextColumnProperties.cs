using System.Collections.Immutable;
using CustomerSegmentation.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Data;

/// <summary>Texts of 0 to 700 characters (longer than the first buffer), with surrogate pairs and NULs.</summary>
public static class TextGenerators
{
    public static Arbitrary<string[]> Texts() => Arb.From(
        Gen.Choose(0, 400).SelectMany(n => Text.ArrayOf(n)));

    public static Arbitrary<string[][]> Parts() => Arb.From(
        Gen.Choose(0, 6).SelectMany(p => Gen.Choose(0, 40).SelectMany(n => Text.ArrayOf(n)).ArrayOf(p)));

    private static Gen<string> Text => Gen.Frequency(
        (8, Gen.Elements("C1", "", "é", "😀", "a\0b", " spaced ")),
        (1, Gen.Choose(0, 700).Select(k => new string('x', k))));
}

/// <summary>A text column keeps every text's characters exactly, in order, however it grows or is appended.</summary>
[Properties(Arbitrary = new[] { typeof(TextGenerators) }, MaxTest = 60)]
public sealed class TextColumnProperties
{
    [Property]
    public void Every_text_comes_back_as_written_and_in_order_after_appends_and_adds(string[] first, string[] later)
    {
        var column = new TextColumn();
        foreach (string text in first)
        {
            column.Add(text);
        }

        var after = new TextColumn();
        foreach (string text in later)
        {
            after.Add(text);
        }

        column.Append(after);
        column.Add("added after");
        column.Append(new TextColumn());

        string[] expected = [.. first, .. later, "added after"];
        Assert.Equal(expected.Length, column.Count);
        Assert.Equal(expected, column.ToStrings());
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], column.Text(i).ToString());
        }
    }

    /// <summary>
    /// Columns of small blocks (2 to 64 characters, so texts move to the next block, longer ones are kept whole, and
    /// blocks are joined), built by adds and appends in any order, against a list of the same texts.
    /// </summary>
    [Property]
    public void With_any_block_size_adds_and_appends_keep_every_text_in_order(string[][] parts, PositiveInt bits)
    {
        int blockBits = 1 + (bits.Get % 6);
        var column = new TextColumn(blockBits);
        var expected = new List<string>();
        for (int p = 0; p < parts.Length; p++)
        {
            if (p % 2 == 0)
            {
                foreach (string text in parts[p])
                {
                    column.Add(text);
                }
            }
            else
            {
                var later = new TextColumn(blockBits);
                foreach (string text in parts[p])
                {
                    later.Add(text);
                }

                column.Append(later);
            }

            expected.AddRange(parts[p]);
        }

        Assert.Equal(expected.Count, column.Count);
        Assert.Equal(expected, column.ToStrings());
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], column.Text(i).ToString());
        }
    }

    [Fact]
    public void Columns_of_different_block_sizes_are_not_joined()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new TextColumn(4).Append(new TextColumn(5)));

        Assert.Contains("same block size", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_read_from_csv_makes_its_ids_once_for_every_thread()
    {
        var csv = new System.Text.StringBuilder("Id,Age\n");
        for (int i = 0; i < 500; i++)
        {
            csv.Append(" C").Append(i).Append(" ,").Append(20 + (i % 50)).Append('\n');
        }

        CustomerTable table = CustomerCsv.Read(new StringReader(csv.ToString()), ["Age"], new CustomerCsvOptions { IdColumn = "Id" });

        var seen = new ImmutableArray<string>[64];
        Parallel.For(0, seen.Length, k => seen[k] = table.Ids);
        Assert.All(seen, ids => Assert.True(ids == seen[0], "every thread sees the one array of ids"));
        Assert.Equal("C0", seen[0][0]);
        Assert.Equal("C499", seen[0][499]);
        Assert.Equal(500, seen[0].Length);
    }
}
