using CustomerSegmentation.Clustering.Kernels;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// What one K-prototypes assignment pass gathers for the update: per fixed block of rows the centred numeric sums and
/// member count of every prototype and its count of every categorical level, then those blocks added in block order
/// (so the totals do not depend on the threads). Reused from one iteration to the next within one restart: the level
/// counts follow the labels the passes write, starting from none (every label -1).
/// </summary>
internal sealed class PrototypeTotals
{
    private readonly double[] _blockSums;
    private readonly int[] _blockCounts;
    private readonly LevelKeys _keys;

    public PrototypeTotals(PrototypeInput input, int clusters)
    {
        Clusters = clusters;
        FeatureCount = input.FeatureCount;
        _keys = input.Keys;
        LevelStart = _keys.LevelStart;
        Blocks = input.Numeric.Partition.Count;
        _blockSums = new double[Blocks * SumStride];
        _blockCounts = new int[Blocks * CountStride];
        Sums = new double[SumStride];
        LevelCounts = new int[CountStride];
    }

    public int Clusters { get; }

    public int FeatureCount { get; }

    public int Blocks { get; }

    /// <summary>The first level of each categorical feature within a prototype's counts, then the levels in all.</summary>
    public int[] LevelStart { get; }

    /// <summary>Per prototype the centred numeric sums then the member count (stride features + 1), over all rows.</summary>
    public double[] Sums { get; }

    /// <summary>Per prototype the count of each level of each feature (stride <see cref="LevelStart"/>[^1]), over all rows.</summary>
    public int[] LevelCounts { get; }

    private int SumStride => Clusters * (FeatureCount + 1);

    private int CountStride => Clusters * LevelStart[^1];

    /// <summary>The members of prototype <paramref name="cluster"/>.</summary>
    public double Members(int cluster) => Sums[(cluster * (FeatureCount + 1)) + FeatureCount];

    /// <summary>The level counts of prototype <paramref name="cluster"/> for categorical feature <paramref name="feature"/>.</summary>
    public ReadOnlySpan<int> Levels(int cluster, int feature)
        => LevelCounts.AsSpan((cluster * LevelStart[^1]) + LevelStart[feature], LevelStart[feature + 1] - LevelStart[feature]);

    /// <summary>The kernel's view of block <paramref name="block"/>'s share.</summary>
    public PrototypeTally Block(int block)
        => new(_blockSums.AsSpan(block * SumStride, SumStride), _blockCounts.AsSpan(block * CountStride, CountStride), _keys, MovesSums);

    /// <summary>
    /// Whether the next pass moves the numeric sums of the rows whose label changes (false: it gathers every row's, from
    /// empty sums). Set by <see cref="BeginPass"/>.
    /// </summary>
    public bool MovesSums { get; private set; }

    /// <summary>
    /// Prepares the blocks for a pass. With <paramref name="refresh"/> every block's sums are emptied and the pass
    /// gathers them again from every row (as the first pass must); otherwise they are kept and the pass moves only the
    /// rows whose label changed. The level counts are always kept and moved (exact integers; a row stays in its block),
    /// so they always count the rows' current labels.
    /// </summary>
    /// <param name="refresh">Whether the pass gathers the sums from every row.</param>
    public void BeginPass(bool refresh)
    {
        MovesSums = !refresh;
        if (refresh)
        {
            Array.Clear(_blockSums);
        }
    }

    /// <summary>Adds the blocks' shares in block order into <see cref="Sums"/> and <see cref="LevelCounts"/>.</summary>
    public void Combine()
    {
        Array.Clear(Sums);
        Array.Clear(LevelCounts);
        for (int b = 0; b < Blocks; b++)
        {
            ReadOnlySpan<double> sums = _blockSums.AsSpan(b * SumStride, SumStride);
            for (int s = 0; s < sums.Length; s++)
            {
                Sums[s] += sums[s];
            }

            ReadOnlySpan<int> counts = _blockCounts.AsSpan(b * CountStride, CountStride);
            for (int s = 0; s < counts.Length; s++)
            {
                LevelCounts[s] += counts[s];
            }
        }
    }

    /// <summary>The categorical mismatches of every row against its prototype's modes: members minus the rows at the mode, per prototype and feature.</summary>
    public long Mismatches(int[] modes)
    {
        int m = LevelStart.Length - 1;
        long mismatches = 0;
        for (int k = 0; k < Clusters; k++)
        {
            for (int f = 0; f < m; f++)
            {
                ReadOnlySpan<int> levels = Levels(k, f);
                long members = 0;
                foreach (int count in levels)
                {
                    members += count;
                }

                mismatches += members - levels[modes[(k * m) + f]];
            }
        }

        return mismatches;
    }
}
