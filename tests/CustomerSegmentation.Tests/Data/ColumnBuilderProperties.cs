using CustomerSegmentation.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Data;

/// <summary>Lists of parts of 0 to 3,000 numbers (several chunks of 256 each), to be joined.</summary>
public static class ColumnPartGenerators
{
    public static Arbitrary<int[][]> Parts() => Arb.From(
        Gen.Choose(1, 4).SelectMany(p => Gen.Choose(0, 3_000).SelectMany(n => Gen.Choose(-1_000, 1_000).ArrayOf(n)).ArrayOf(p)));
}

/// <summary>A column builder gives back every value in order, however its chunks fill, join and are renumbered.</summary>
[Properties(Arbitrary = new[] { typeof(ColumnPartGenerators) }, MaxTest = 60)]
public sealed class ColumnBuilderProperties
{
    [Property]
    public void Joined_and_renumbered_parts_come_back_in_order(int[][] parts, bool smallChunks)
    {
        // The smallest chunks (256 values) make every part span several of them; the default ones hold 16,384.
        ColumnBuilder<int>[] builders = [.. parts.Select(_ => smallChunks ? new ColumnBuilder<int>(maxChunkBytes: 1) : new ColumnBuilder<int>())];
        for (int k = 0; k < parts.Length; k++)
        {
            foreach (int value in parts[k])
            {
                builders[k].Add(value);
            }
        }

        for (int k = 1; k < parts.Length; k++)
        {
            int shift = 10_000 * k;
            builders[k].Map(v => v + shift);
            builders[0].Append(builders[k]);
        }

        int[] expected = [.. parts.SelectMany((part, k) => part.Select(v => v + (10_000 * k)))];
        Assert.Equal(expected.Length, builders[0].Count);
        Assert.Equal(expected, builders[0].ToArray());
        Assert.Equal([.. expected, 0, 0, 0], builders[0].ToArray(expected.Length + 3));
    }

    [Fact]
    public void An_array_shorter_than_the_values_is_refused()
    {
        var builder = new ColumnBuilder<decimal>();
        builder.Add(1.5m);
        builder.Add(2.5m);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => builder.ToArray(1));
        Assert.Equal("length", error.ParamName);
        Assert.Contains("2", error.Message, StringComparison.Ordinal);
    }
}
