using CustomerSegmentation.Clustering.Kernels;

namespace CustomerSegmentation.Kernels.Tests;

/// <summary>
/// Huang's initialisation scans against a row-by-row count: for every row count 0..257, 0..3 categorical features and
/// taken rows anywhere (the first, the last, neighbours, none), the fewest mismatches among the rows not taken, how many
/// rows have them, and which row is the t-th of them for every t.
/// </summary>
[Trait("Category", "Kernel")]
public sealed class MismatchKernelTests
{
    [Fact]
    public void Finds_the_rows_with_the_fewest_mismatches_as_a_row_by_row_count_does()
    {
        for (int n = 1; n <= 257; n++)
        {
            var random = new Random(n);
            int categoricals = n % 4;
            int[][] codes = [.. Enumerable.Range(0, categoricals).Select(_ => Enumerable.Range(0, n).Select(_ => random.Next(3)).ToArray())];
            int[] drawn = [.. Enumerable.Range(0, categoricals).Select(_ => random.Next(3))];
            int[] taken = [.. new[] { 0, n - 1, n / 2, (n / 2) + 1, random.Next(n) }.Where(_ => n % 5 != 0).Where(r => r < n - 1 || n > 5).Distinct().Order()];
            int Mismatches(int row) => Enumerable.Range(0, categoricals).Count(f => codes[f][row] != drawn[f]);
            int[] free = [.. Enumerable.Range(0, n).Where(r => Array.BinarySearch(taken, r) < 0)];
            int fewest = free.Min(Mismatches);
            int[] expected = [.. free.Where(r => Mismatches(r) == fewest)];

            (int foundFewest, int rows) = MismatchKernel.Fewest(codes, drawn, n, taken);

            Assert.Equal(fewest, foundFewest);
            Assert.Equal(expected.Length, rows);
            for (int t = 0; t < expected.Length; t++)
            {
                Assert.Equal(expected[t], MismatchKernel.Find(codes, drawn, n, taken, fewest, t));
            }
        }
    }

    [Fact]
    public void Scans_a_range_of_rows_as_a_row_by_row_count_of_that_range_does()
    {
        for (int n = 1; n <= 120; n++)
        {
            var random = new Random(n + 1000);
            int[][] codes = [.. Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, n).Select(_ => random.Next(3)).ToArray())];
            int[] drawn = [random.Next(3), random.Next(3)];
            int start = random.Next(n);
            int end = start + 1 + random.Next(n - start);
            int[] taken = [.. new[] { start, end - 1, random.Next(start, end) }.Where(_ => n % 3 != 0 && end - start > 3).Distinct().Order()];
            int Mismatches(int row) => Enumerable.Range(0, 2).Count(f => codes[f][row] != drawn[f]);
            int[] free = [.. Enumerable.Range(start, end - start).Where(r => Array.BinarySearch(taken, r) < 0)];
            int fewest = free.Min(Mismatches);
            int[] expected = [.. free.Where(r => Mismatches(r) == fewest)];

            (int foundFewest, int rows) = MismatchKernel.Fewest(codes, drawn, start, end, taken);

            Assert.Equal(fewest, foundFewest);
            Assert.Equal(expected.Length, rows);
            for (int t = 0; t < expected.Length; t++)
            {
                Assert.Equal(expected[t], MismatchKernel.Find(codes, drawn, start, end, taken, fewest, t));
            }
        }
    }

    [Fact]
    public void Seeking_more_rows_than_there_are_is_refused()
    {
        int[][] codes = [[0, 1, 0, 1, 0, 1, 0, 1, 0, 1]];

        var error = Assert.Throws<InvalidOperationException>(() => MismatchKernel.Find(codes, [0], 10, [0, 2], 0, 3));

        Assert.Contains("0 mismatches", error.Message);
    }
}
