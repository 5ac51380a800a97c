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
        var taken = new bool[n];
        int[][] codes = input.IntCodes;
        var drawn = new int[m];
        var fewest = new int[m + 1];
        for (int c = 0; c < clusters; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int f = 0; f < m; f++)
            {
                drawn[f] = Draw(input.LevelCounts(f), n, random);
            }

            // Uniform among the rows with the fewest mismatches: count them, draw one, find it (one draw per prototype).
            Array.Clear(fewest);
            for (int i = 0; i < n; i++)
            {
                if (!taken[i])
                {
                    fewest[Mismatches(codes, drawn, i)]++;
                }
            }

            int best = 0;
            while (fewest[best] == 0)
            {
                best++;
            }

            int target = random.Next(fewest[best]);
            int pick = -1;
            for (int i = 0; pick < 0; i++)
            {
                if (!taken[i] && Mismatches(codes, drawn, i) == best && target-- == 0)
                {
                    pick = i;
                }
            }

            chosen[c] = pick;
            taken[pick] = true;
        }

        return chosen;
    }

    private static int Mismatches(int[][] codes, int[] drawn, int row)
    {
        int mismatches = 0;
        for (int f = 0; f < drawn.Length; f++)
        {
            mismatches += codes[f][row] == drawn[f] ? 0 : 1;
        }

        return mismatches;
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
