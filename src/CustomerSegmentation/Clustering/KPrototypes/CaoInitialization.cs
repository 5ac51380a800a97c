namespace CustomerSegmentation.Clustering;

/// <summary>Cao's density-based initial prototypes (see <see cref="KPrototypesInitialization.Cao"/>).</summary>
internal sealed class CaoInitialization : KPrototypesInitialization
{
    public override string Name => "Cao";

    internal override bool IsRandom => false;

    internal override int[] ChooseRows(PrototypeInput input, int clusters, Random random, CancellationToken cancellationToken)
    {
        int n = input.RowCount;
        int m = input.CategoricalCount;
        var density = new double[n];
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int f = 0; f < m; f++)
            {
                sum += input.LevelCounts(f)[input.Code(i, f)];
            }

            density[i] = m == 0 ? 1 : sum / ((double)n * m);
        }

        var chosen = new int[clusters];
        chosen[0] = ArgMax(density, _ => 1);
        var nearest = new double[n];
        Array.Fill(nearest, double.PositiveInfinity);
        for (int c = 1; c < clusters; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int last = chosen[c - 1];
            for (int i = 0; i < n; i++)
            {
                nearest[i] = Math.Min(nearest[i], input.RowCost(i, last));
            }

            chosen[c] = ArgMax(density, i => nearest[i]);
        }

        return chosen;
    }

    /// <summary>The row maximising density times <paramref name="factor"/>, the lowest such row on ties; rows with factor 0 (already chosen, or duplicates of a choice) only when every row has it.</summary>
    private static int ArgMax(double[] density, Func<int, double> factor)
    {
        int best = 0;
        double bestScore = double.NegativeInfinity;
        for (int i = 0; i < density.Length; i++)
        {
            double score = density[i] * factor(i);
            if (score > bestScore)
            {
                best = i;
                bestScore = score;
            }
        }

        return best;
    }
}
