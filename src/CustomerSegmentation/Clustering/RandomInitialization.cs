namespace CustomerSegmentation.Clustering;

/// <summary>K distinct rows drawn at random, each with probability proportional to its sample weight.</summary>
internal sealed class RandomInitialization : KMeansInitialization
{
    internal RandomInitialization()
    {
    }

    /// <inheritdoc />
    public override string ToString() => "random rows";

    internal override double[] Choose(KMeansInput input, int clusters, System.Random random, CancellationToken cancellationToken)
    {
        int features = input.FeatureCount;
        var centres = new double[clusters * features];
        Span<float> row = stackalloc float[features];
        int c = 0;
        foreach (int chosen in DrawRows(input, clusters, random))
        {
            CopyCentredRow(input, chosen, row);
            for (int j = 0; j < features; j++)
            {
                centres[c++] = row[j];
            }
        }

        return centres;
    }

    private static List<int> DrawRows(KMeansInput input, int count, System.Random random)
    {
        int n = input.RowCount;
        var chosen = new List<int>(count);
        var taken = new HashSet<int>();
        if (input.Weights is null)
        {
            // Floyd's sampling: count distinct rows in O(count) draws.
            for (int top = n - count; top < n; top++)
            {
                int pick = random.Next(top + 1);
                int row = taken.Add(pick) ? pick : top;
                taken.Add(row);
                chosen.Add(row);
            }

            return chosen;
        }

        double remaining = input.TotalWeight;
        for (int c = 0; c < count; c++)
        {
            double target = random.NextDouble() * remaining;
            int row = -1;
            double cumulative = 0;
            for (int i = 0; i < n; i++)
            {
                double w = input.Weight(i);
                if (w <= 0 || taken.Contains(i))
                {
                    continue;
                }

                row = i;
                cumulative += w;
                if (cumulative > target)
                {
                    break;
                }
            }

            if (row < 0)
            {
                throw new ArgumentException(
                    $"Random initialisation needs {count} rows with a positive sample weight but only {c} exist.", "sampleWeights");
            }

            taken.Add(row);
            chosen.Add(row);
            remaining -= input.Weight(row);
        }

        return chosen;
    }
}
