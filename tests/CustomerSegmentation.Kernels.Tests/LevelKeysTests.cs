using CustomerSegmentation.Clustering.Kernels;

namespace CustomerSegmentation.Kernels.Tests;

/// <summary>
/// The joint codes the K-prototypes pass counts: features grouped while their levels multiply to at most 256, and
/// counting one joint code per row and group, then spreading, gives exactly the per-feature level counts.
/// </summary>
[Trait("Category", "Kernel")]
public sealed class LevelKeysTests
{
    [Fact]
    public void Groups_consecutive_features_while_their_levels_multiply_to_at_most_256()
    {
        int[] levels = [2, 6, 3, 300, 4, 64, 2, 1];

        var keys = new LevelKeys(levels);

        // 2 x 6 x 3 = 36 (x 300 too many); 300 alone; 4 x 64 = 256 (x 2 too many); 2 x 1.
        Assert.Equal<int>([0, 3, 4, 6, 8], keys.GroupStart);
        Assert.Equal<int>([0, 36, 336, 592, 594], keys.JointStart);
        Assert.Equal(levels.Sum(), keys.Levels);
        Assert.Equal<float>([18, 3, 1, 1, 64, 1, 1, 1], keys.Multipliers);
    }

    [Fact]
    public void A_joint_code_holds_the_first_features_code_most_significant()
    {
        var keys = new LevelKeys([2, 3]);

        Assert.Equal<float>([3, 1], keys.Multipliers);
        // Joint code 0 is (0, 0), 1 is (0, 1): flat levels 0 and 2 + 0, then 0 and 2 + 1.
        Assert.Equal<int>([0, 2 + 0, 0, 2 + 1], keys.Decode[0][..4]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Counting_joint_codes_and_spreading_them_gives_every_features_level_counts(int seed)
    {
        var random = new Random(seed);
        int m = 1 + random.Next(6);
        int clusters = 1 + random.Next(7);
        int rows = random.Next(2000);
        int[] levels = [.. Enumerable.Range(0, m).Select(_ => random.Next(4) == 0 ? 100 + random.Next(300) : 1 + random.Next(12))];
        int[][] codes = [.. levels.Select(l => Enumerable.Range(0, rows).Select(_ => random.Next(l)).ToArray())];
        int[] labels = [.. Enumerable.Range(0, rows).Select(_ => random.Next(clusters))];
        var keys = new LevelKeys(levels);
        var joint = new int[clusters * keys.JointLevels];
        for (int g = 0; g < keys.Groups; g++)
        {
            for (int i = 0; i < rows; i++)
            {
                int code = 0;
                for (int f = keys.GroupStart[g]; f < keys.GroupStart[g + 1]; f++)
                {
                    code += codes[f][i] * (int)keys.Multipliers[f];
                }

                joint[(labels[i] * keys.JointLevels) + keys.JointStart[g] + code]++;
            }
        }

        var spread = new int[clusters * keys.Levels];
        Array.Fill(spread, 3);
        keys.SpreadInto(joint, spread, clusters);

        for (int k = 0; k < clusters; k++)
        {
            for (int f = 0; f < m; f++)
            {
                for (int level = 0; level < levels[f]; level++)
                {
                    int expected = Enumerable.Range(0, rows).Count(i => labels[i] == k && codes[f][i] == level);
                    Assert.Equal(3 + expected, spread[(k * keys.Levels) + keys.LevelStart[f] + level]);
                }
            }
        }
    }
}
