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
        var taken = new HashSet<int>();
        var drawn = new int[m];
        for (int c = 0; c < clusters; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int f = 0; f < m; f++)
            {
                drawn[f] = Draw(input.LevelCounts(f), n, random);
            }

            // Reservoir sampling over the rows with the fewest mismatches: uniform among ties, one pass.
            int best = int.MaxValue;
            int pick = -1;
            int ties = 0;
            for (int i = 0; i < n; i++)
            {
                if (taken.Contains(i))
                {
                    continue;
                }

                int mismatches = 0;
                for (int f = 0; f < m; f++)
                {
                    mismatches += input.Code(i, f) == drawn[f] ? 0 : 1;
                }

                if (mismatches < best)
                {
                    best = mismatches;
                    pick = i;
                    ties = 1;
                }
                else if (mismatches == best && random.Next(++ties) == 0)
                {
                    pick = i;
                }
            }

            chosen[c] = pick;
            taken.Add(pick);
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
