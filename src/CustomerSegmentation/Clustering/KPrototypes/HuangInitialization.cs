using CustomerSegmentation.Clustering.Kernels;

namespace CustomerSegmentation.Clustering;

/// <summary>Huang's frequency-based initial prototypes (see <see cref="KPrototypesInitialization.Huang"/>).</summary>
internal sealed class HuangInitialization : KPrototypesInitialization
{
    public override string Name => "Huang";

    internal override bool IsRandom => true;

    internal override int[] ChooseRows(PrototypeInput input, int clusters, Random random, CancellationToken cancellationToken)
    {
        int m = input.CategoricalCount;
        int n = input.RowCount;
        var chosen = new int[clusters];
        var taken = new List<int>(clusters);
        int[][] codes = input.IntCodes;
        var drawn = new int[m];
        BlockPartition partition = input.Numeric.Partition;
        int blocks = partition.Count;
        var blockFewest = new int[blocks];
        var blockRows = new int[blocks];
        for (int c = 0; c < clusters; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int f = 0; f < m; f++)
            {
                drawn[f] = Draw(input.LevelCounts(f), n, random);
            }

            // Uniform among the rows with the fewest mismatches: count them per block (exact integers, so any thread
            // count gives the same totals), draw one, and find it in the block that holds it (one draw per prototype).
            int[] skipped = [.. taken];
            input.Numeric.ForEachBlock(clusters, b =>
            {
                int start = partition.Start(b), end = partition.End(b);
                (blockFewest[b], blockRows[b]) = MismatchKernel.Fewest(codes, drawn, start, end, TakenIn(skipped, start, end));
            });

            int fewest = blockFewest.Min();
            int rows = 0;
            for (int b = 0; b < blocks; b++)
            {
                rows += blockFewest[b] == fewest ? blockRows[b] : 0;
            }

            int target = random.Next(rows);
            int block = 0;
            while (blockFewest[block] != fewest || target >= blockRows[block])
            {
                target -= blockFewest[block] == fewest ? blockRows[block] : 0;
                block++;
            }

            int blockStart = partition.Start(block), blockEnd = partition.End(block);
            int pick = MismatchKernel.Find(codes, drawn, blockStart, blockEnd, TakenIn(skipped, blockStart, blockEnd), fewest, target);
            chosen[c] = pick;
            int at = taken.BinarySearch(pick);
            taken.Insert(~at, pick);
        }

        return chosen;
    }

    /// <summary>The rows of <paramref name="taken"/> (ascending) within [<paramref name="start"/>, <paramref name="end"/>).</summary>
    private static ReadOnlySpan<int> TakenIn(int[] taken, int start, int end)
    {
        int from = LowerBound(taken, start);
        return taken.AsSpan(from, LowerBound(taken, end) - from);
    }

    /// <summary>The index of the first value of <paramref name="sorted"/> at least <paramref name="value"/>.</summary>
    private static int LowerBound(int[] sorted, int value)
    {
        int at = Array.BinarySearch(sorted, value);
        return at >= 0 ? at : ~at;
    }

    /// <summary>A level drawn with probability proportional to its count.</summary>
    private static int Draw(int[] counts, int total, Random random)
    {
        int target = random.Next(total);
        for (int l = 0; l < counts.Length; l++)
        {
            target -= counts[l];
            if (target < 0)
            {
                return l;
            }
        }

        return counts.Length - 1;
    }
}
