using CustomerSegmentation.Stability;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Stability;

public sealed class JaccardMatchingTests
{
    [Fact]
    public void Each_original_cluster_is_matched_to_its_most_similar_resampled_cluster()
    {
        // Ten customers: A = {0,1,2,3}, B = {4,5,6}, C = {7,8,9}. The resample holds 0,1,2,4,5,6,7,8 (3 and 9 not drawn),
        // so A restricted = {0,1,2}, B = {4,5,6}, C = {7,8}. Resampled clusters: X = {0,1}, Y = {2,4,5,6}, Z = {7,8}.
        int[] original = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2];
        int[] customers = [0, 1, 2, 4, 5, 6, 7, 8];
        int[] resampled = [0, 0, 1, 1, 1, 1, 2, 2];

        double[] best = JaccardMatching.Best(original, 3, customers, resampled, 3);

        // A: X gives 2/3, Y gives 1/6, so 2/3. B: Y gives 3/4. C: Z gives 2/2.
        Assert.Equal([2.0 / 3, 3.0 / 4, 1.0], best);
    }

    [Fact]
    public void A_cluster_with_no_customer_in_the_resample_scores_zero()
    {
        double[] best = JaccardMatching.Best([0, 0, 1], 2, [0, 1], [0, 0], 1);

        Assert.Equal([1.0, 0.0], best);
    }

    [Fact]
    public void A_resampled_cluster_that_merges_two_originals_matches_each_by_its_share()
    {
        // A = {0,1,2}, B = {3}; everything in one resampled cluster: A gets 3/4, B gets 1/4.
        double[] best = JaccardMatching.Best([0, 0, 0, 1], 2, [0, 1, 2, 3], [0, 0, 0, 0], 1);

        Assert.Equal([0.75, 0.25], best);
    }

    /// <summary>A partition and a renaming of its clusters.</summary>
    public static class RelabelledPartitions
    {
        public static Arbitrary<(int[] Labels, int[] Permutation)> Relabelled()
            => Arb.From(
                from k in Gen.Choose(1, 6)
                from n in Gen.Choose(k, 40)
                from labels in Gen.Choose(0, k - 1).ArrayOf(n)
                from keys in Gen.Choose(0, 1_000_000).ArrayOf(k)
                select (labels, Enumerable.Range(0, k).OrderBy(i => keys[i]).ThenBy(i => i).ToArray()));
    }

    [Property(Arbitrary = [typeof(RelabelledPartitions)], MaxTest = 200)]
    public void The_same_partition_under_other_names_matches_every_present_cluster_perfectly((int[] Labels, int[] Permutation) input)
    {
        (int[] labels, int[] permutation) = input;
        int k = permutation.Length;
        int[] customers = [.. Enumerable.Range(0, labels.Length)];
        int[] renamed = [.. labels.Select(l => permutation[l])];

        double[] best = JaccardMatching.Best(labels, k, customers, renamed, k);

        for (int cluster = 0; cluster < k; cluster++)
        {
            Assert.Equal(labels.Contains(cluster) ? 1.0 : 0.0, best[cluster]);
        }
    }

    /// <summary>Two independent partitions of the same customers, into 4 and 5 clusters.</summary>
    public static class TwoPartitions
    {
        public static Arbitrary<(int[] Original, int[] Resampled)> Pairs()
            => Arb.From(
                from n in Gen.Choose(1, 40)
                from original in Gen.Choose(0, 3).ArrayOf(n)
                from resampled in Gen.Choose(0, 4).ArrayOf(n)
                select (original, resampled));
    }

    [Property(Arbitrary = [typeof(TwoPartitions)], MaxTest = 200)]
    public void A_similarity_lies_in_0_to_1_and_is_1_only_for_a_cluster_found_exactly((int[] Original, int[] Resampled) input)
    {
        (int[] original, int[] resampled) = input;
        int[] customers = [.. Enumerable.Range(0, original.Length)];

        double[] best = JaccardMatching.Best(original, 4, customers, resampled, 5);

        for (int cluster = 0; cluster < 4; cluster++)
        {
            HashSet<int> members = [.. customers.Where(i => original[i] == cluster)];
            bool foundExactly = members.Count > 0 && Enumerable.Range(0, 5).Any(r => members.SetEquals(customers.Where(i => resampled[i] == r)));
            Assert.InRange(best[cluster], 0, 1);
            Assert.Equal(foundExactly, best[cluster] == 1.0);
        }
    }
}
