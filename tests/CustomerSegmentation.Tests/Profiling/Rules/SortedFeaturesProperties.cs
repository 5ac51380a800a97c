using CustomerSegmentation.Data;
using CustomerSegmentation.Profiling;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Profiling.Rules;

/// <summary>The features the rules scan in order: each one a stable sort of its column, the keeping arrays reused for the keys.</summary>
public sealed class SortedFeaturesProperties
{
    public static class Columns
    {
        // Values from a small set (many ties, both zeros, negatives, tiny and huge magnitudes) so that stability and
        // the float order are both exercised; 1 to 3 features of 1 to 300 rows.
        private static readonly float[] Pool = [0f, -0f, 1f, -1f, 2.5f, -2.5f, 1e-30f, -1e-30f, 3e30f, -3e30f, float.Epsilon, 7f];

        public static Arbitrary<float[][]> Data() => Arb.From(
            from features in Gen.Choose(1, 3)
            from rows in Gen.Choose(1, 300)
            from columns in Gen.ArrayOf(Gen.ArrayOf(Gen.Elements(Pool), rows), features)
            select columns);
    }

    [Property(Arbitrary = [typeof(Columns)], MaxTest = 200)]
    public void Each_feature_is_its_column_stably_sorted_with_minus_zero_first(float[][] columns)
    {
        FeatureMatrix data = FeatureMatrix.FromColumns(columns, [.. Enumerable.Range(0, columns.Length).Select(j => $"f{j}")]);

        SortedFeatures sorted = SortedFeatures.Of(data, maxDegreeOfParallelism: 2, CancellationToken.None);

        for (int j = 0; j < columns.Length; j++)
        {
            // The reference: a stable sort by (value, with -0 before +0), ties in row order.
            int[] expectedRows = [.. Enumerable.Range(0, columns[j].Length)
                .OrderBy(i => columns[j][i])
                .ThenBy(i => float.IsNegative(columns[j][i]) ? 0 : 1)
                .ThenBy(i => i)];
            Assert.Equal(expectedRows, sorted.Rows[j]);
            Assert.Equal(
                expectedRows.Select(i => BitConverter.SingleToUInt32Bits(columns[j][i])),
                sorted.Values[j].Select(BitConverter.SingleToUInt32Bits));
        }
    }

    [Fact]
    public void Above_the_parallel_limit_the_features_share_one_scratch_set_and_still_sort_stably()
    {
        int n = SortedFeatures.ParallelRowLimit + 1;
        var random = new Random(5);
        float[][] columns = [.. Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, n).Select(_ => (float)random.Next(-1000, 1000)).ToArray())];
        FeatureMatrix data = FeatureMatrix.FromColumns(columns, ["a", "b"]);

        SortedFeatures sorted = SortedFeatures.Of(data, maxDegreeOfParallelism: 2, CancellationToken.None);

        for (int j = 0; j < 2; j++)
        {
            var seen = new bool[n];
            for (int i = 0; i < n; i++)
            {
                int row = sorted.Rows[j][i];
                Assert.False(seen[row], $"feature {j}: row {row} appears twice");
                seen[row] = true;
                Assert.Equal(columns[j][row], sorted.Values[j][i]);
                if (i > 0)
                {
                    float before = sorted.Values[j][i - 1];
                    Assert.True(before < sorted.Values[j][i] || (before == sorted.Values[j][i] && sorted.Rows[j][i - 1] < row), $"feature {j}: positions {i - 1} and {i} are out of order");
                }
            }
        }
    }
}
