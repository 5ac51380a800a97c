using CustomerSegmentation.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Data;

/// <summary>Ids from a small alphabet (so that many repeat, next to each other and apart), up to 3,000 of them (so that the table grows many times).</summary>
public static class IdGenerators
{
    public static Arbitrary<string[]> Ids() => Arb.From(
        Gen.Choose(0, 3_000).SelectMany(n => Id.ArrayOf(n)));

    /// <summary>One to four pieces, so that ids share prefixes, some are empty, and both short ids (packed into their key) and long or non-Latin-1 ones occur.</summary>
    private static Gen<string> Id => Gen.Choose(1, 4)
        .SelectMany(k => Gen.Elements("a", "b", "ab", "ba", "", "é", "Ω", "a\0", "order-1", "order-10", "x").ArrayOf(k))
        .Select(pieces => string.Concat(pieces));
}

/// <summary>The numbering of distinct ids: by first appearance, ordinal, every id's characters kept exactly.</summary>
[Properties(Arbitrary = new[] { typeof(IdGenerators) }, MaxTest = 60)]
public sealed class IdNumberingProperties
{
    [Property]
    public void An_id_is_numbered_by_its_first_appearance(string[] ids)
    {
        var numbering = new IdNumbering();
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string id in ids)
        {
            int expected = first.TryGetValue(id, out int known) ? known : first[id] = first.Count;
            Assert.Equal(expected, numbering.Number(id));
        }

        Assert.Equal(first.Count, numbering.Count);
        string[] distinct = [.. first.OrderBy(p => p.Value).Select(p => p.Key)];
        Assert.Equal(distinct, numbering.ToStrings());
        for (int i = 0; i < distinct.Length; i++)
        {
            Assert.Equal(distinct[i], numbering.Text(i).ToString());
        }
    }

    [Property]
    public void Numberings_of_consecutive_parts_merge_into_the_numbering_of_the_whole(string[] ids, byte cuts, bool oneThread)
    {
        // Cut the ids into one to five consecutive parts (some empty), number each part on its own, then merge.
        var random = new Random(cuts);
        int[] bounds = [0, .. Enumerable.Range(0, cuts % 5).Select(_ => random.Next(ids.Length + 1)).Order(), ids.Length];
        var parts = new List<IdNumbering>();
        var local = new List<int[]>();
        for (int p = 0; p + 1 < bounds.Length; p++)
        {
            var part = new IdNumbering();
            local.Add([.. ids[bounds[p]..bounds[p + 1]].Select(id => part.Number(id))]);
            parts.Add(part);
        }

        var whole = new IdNumbering();
        int[] expected = [.. ids.Select(id => whole.Number(id))];

        (TextColumn texts, int[][] numbers) = IdNumbering.Merge(parts, oneThread ? 1 : 4);

        Assert.Equal(whole.ToStrings(), texts.ToStrings());
        int[] merged = [.. local.SelectMany((part, p) => part.Select(number => numbers[p][number]))];
        Assert.Equal(expected, merged);
    }

    [Fact]
    public void Find_gives_an_ids_number_and_minus_one_for_an_unknown_id()
    {
        var numbering = new IdNumbering();
        numbering.Number("a");
        numbering.Number("b");

        Assert.Equal(1, numbering.Find("b"));
        Assert.Equal(0, numbering.Find("a"));
        Assert.Equal(-1, numbering.Find("c"));
        Assert.Equal(-1, numbering.Find("A"));
        Assert.Equal(2, numbering.Count);
    }

    [Fact]
    public void Ids_that_differ_in_case_or_by_a_prefix_are_distinct_and_a_repeat_next_to_itself_keeps_its_number()
    {
        var numbering = new IdNumbering();
        Assert.Equal(0, numbering.Number("O1"));
        Assert.Equal(0, numbering.Number("O1"));
        Assert.Equal(1, numbering.Number("o1"));
        Assert.Equal(2, numbering.Number("O10"));
        Assert.Equal(3, numbering.Number(string.Empty));
        Assert.Equal(0, numbering.Number("O1"));
        Assert.Equal(2, numbering.Number("O10"));
        Assert.Equal(["O1", "o1", "O10", string.Empty], numbering.ToStrings());
    }

    [Fact]
    public void A_hundred_thousand_ids_keep_their_numbers_through_every_growth()
    {
        var numbering = new IdNumbering();
        for (int i = 0; i < 100_000; i++)
        {
            Assert.Equal(i, numbering.Number($"C{i}"));
        }

        for (int i = 99_999; i >= 0; i -= 7)
        {
            Assert.Equal(i, numbering.Number($"C{i}"));
        }

        Assert.Equal(100_000, numbering.Count);
        Assert.Equal("C54321", numbering[54_321]);
    }
}
