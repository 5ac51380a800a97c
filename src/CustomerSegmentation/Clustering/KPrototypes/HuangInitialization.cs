using System.Runtime.InteropServices;
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
        for (int c = 0; c < clusters; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int f = 0; f < m; f++)
            {
                drawn[f] = Draw(input.LevelCounts(f), n, random);
            }

            // Uniform among the rows with the fewest mismatches: count them, draw one, find it (one draw per prototype).
            ReadOnlySpan<int> skipped = CollectionsMarshal.AsSpan(taken);
            (int fewest, int rows) = MismatchKernel.Fewest(codes, drawn, n, skipped);
            int pick = MismatchKernel.Find(codes, drawn, n, skipped, fewest, random.Next(rows));
            chosen[c] = pick;
            int at = taken.BinarySearch(pick);
            taken.Insert(~at, pick);
        }

        return chosen;
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
