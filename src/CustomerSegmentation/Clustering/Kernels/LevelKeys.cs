namespace CustomerSegmentation.Clustering.Kernels;

/// <summary>
/// How the K-prototypes pass counts categorical levels per prototype: consecutive features are grouped while the
/// product of their level counts stays within <see cref="MaxJointLevels"/>, and a row's joint code in a group is the
/// sum of its codes times the features' <see cref="Multipliers"/> (the first feature's code most significant). The
/// pass then counts one key per row and group instead of one per feature, and spreads the joint counts back over the
/// features' levels once per block.
/// </summary>
internal sealed class LevelKeys
{
    /// <summary>The most joint levels a group of features may have (a lone feature may have more: it is its own group).</summary>
    public const int MaxJointLevels = 256;

    /// <param name="levelCounts">The number of levels of each categorical feature.</param>
    public LevelKeys(IReadOnlyList<int> levelCounts)
    {
        int m = levelCounts.Count;
        LevelStart = new int[m + 1];
        for (int f = 0; f < m; f++)
        {
            LevelStart[f + 1] = LevelStart[f] + levelCounts[f];
        }

        var groupStart = new List<int> { 0 };
        long product = 1;
        for (int f = 0; f < m; f++)
        {
            if (f > groupStart[^1] && product * levelCounts[f] > MaxJointLevels)
            {
                groupStart.Add(f);
                product = 1;
            }

            product *= levelCounts[f];
        }

        if (m > 0)
        {
            groupStart.Add(m);
        }

        GroupStart = [.. groupStart];
        int groups = GroupStart.Length - 1;
        Multipliers = new float[m];
        Decode = new int[groups][];
        JointStart = new int[groups + 1];
        for (int g = 0; g < groups; g++)
        {
            int first = GroupStart[g];
            int width = GroupStart[g + 1] - first;
            int joint = 1;
            for (int f = first; f < first + width; f++)
            {
                joint *= levelCounts[f];
            }

            JointStart[g + 1] = JointStart[g] + joint;
            int multiplier = 1;
            for (int f = first + width - 1; f >= first; f--)
            {
                Multipliers[f] = multiplier;
                multiplier *= levelCounts[f];
            }

            // For every joint code, the flat level index (within a prototype's counts) of each feature of the group.
            var decode = new int[joint * width];
            for (int j = 0; j < joint; j++)
            {
                int rest = j;
                for (int t = width - 1; t >= 0; t--)
                {
                    int f = first + t;
                    decode[(j * width) + t] = LevelStart[f] + (rest % levelCounts[f]);
                    rest /= levelCounts[f];
                }
            }

            Decode[g] = decode;
        }
    }

    /// <summary>The first level of each feature within a prototype's level counts, then the levels in all.</summary>
    public int[] LevelStart { get; }

    /// <summary>The first feature of each group, then the number of features.</summary>
    public int[] GroupStart { get; }

    /// <summary>The weight of each feature's code in its group's joint code (exact whole numbers).</summary>
    public float[] Multipliers { get; }

    /// <summary>The number of groups.</summary>
    public int Groups => GroupStart.Length - 1;

    /// <summary>The first joint code of each group within a prototype's joint counts, then the joint codes in all.</summary>
    public int[] JointStart { get; }

    /// <summary>Per group, for joint code j, the flat level index of the group's t-th feature at <c>j * width + t</c>.</summary>
    public int[][] Decode { get; }

    /// <summary>The number of levels in all (a prototype's stride in level counts).</summary>
    public int Levels => LevelStart[^1];

    /// <summary>The number of joint codes in all (a prototype's stride in joint counts).</summary>
    public int JointLevels => JointStart[^1];

    /// <summary>
    /// Adds joint counts (clusters x <see cref="JointLevels"/>) into level counts (clusters x <see cref="Levels"/>):
    /// every joint code's count goes to the level it holds of each feature of its group.
    /// </summary>
    /// <param name="joint">The joint counts.</param>
    /// <param name="levelCounts">Receives, added to what it holds, the level counts.</param>
    /// <param name="clusters">The number of prototypes.</param>
    public void SpreadInto(ReadOnlySpan<int> joint, Span<int> levelCounts, int clusters)
    {
        int jointLevels = JointLevels;
        int levels = Levels;
        for (int k = 0; k < clusters; k++)
        {
            ReadOnlySpan<int> prototype = joint.Slice(k * jointLevels, jointLevels);
            Span<int> target = levelCounts.Slice(k * levels, levels);
            for (int g = 0; g < Groups; g++)
            {
                int width = GroupStart[g + 1] - GroupStart[g];
                int[] decode = Decode[g];
                int at = JointStart[g];
                for (int j = 0; j < JointStart[g + 1] - at; j++)
                {
                    int count = prototype[at + j];
                    if (count == 0)
                    {
                        continue;
                    }

                    for (int t = 0; t < width; t++)
                    {
                        target[decode[(j * width) + t]] += count;
                    }
                }
            }
        }
    }
}
