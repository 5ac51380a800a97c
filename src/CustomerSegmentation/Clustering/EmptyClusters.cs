namespace CustomerSegmentation.Clustering;

/// <summary>
/// Re-seeds clusters that received no weight in an assignment pass at the rows farthest from their assigned centres,
/// as scikit-learn does: the farthest row's contribution moves from its cluster's sums to the empty cluster's.
/// A row at distance 0 (a duplicate of its centre) is never moved.
/// </summary>
internal static class EmptyClusters
{
    /// <param name="input">The data.</param>
    /// <param name="centres">The centred float32 centres the labels were assigned with.</param>
    /// <param name="clusters">K.</param>
    /// <param name="labels">The labels of this pass.</param>
    /// <param name="sums">Per cluster, the weighted centred sums then the weight (stride features + 1); adjusted in place.</param>
    /// <returns>Whether any cluster was empty (and so whether <paramref name="sums"/> may have changed).</returns>
    public static bool Relocate(KMeansInput input, float[] centres, int clusters, int[] labels, double[] sums)
    {
        List<int> empty = Empty(sums, clusters, input.FeatureCount);
        if (empty.Count > 0)
        {
            Move(empty, Farthest(input, centres, labels, empty.Count, 0), sums, input.FeatureCount);
        }

        return empty.Count > 0;
    }

    /// <summary>The clusters whose weight in <paramref name="sums"/> is not positive, in order.</summary>
    public static List<int> Empty(double[] sums, int clusters, int features)
    {
        var empty = new List<int>();
        for (int k = 0; k < clusters; k++)
        {
            if (sums[(k * (features + 1)) + features] <= 0)
            {
                empty.Add(k);
            }
        }

        return empty;
    }

    /// <summary>Moves the <paramref name="farthest"/> rows (farthest first) into the <paramref name="empty"/> clusters, one each, until a row at distance 0.</summary>
    public static void Move(List<int> empty, IReadOnlyList<FarRow> farthest, double[] sums, int features)
    {
        int stride = features + 1;
        int next = 0;
        foreach (FarRow far in farthest)
        {
            if (far.Distance <= 0 || next == empty.Count)
            {
                break;
            }

            int target = empty[next++];
            for (int j = 0; j < features; j++)
            {
                double x = far.Centred[j] * far.Weight;
                sums[(far.Label * stride) + j] -= x;
                sums[(target * stride) + j] = x;
            }

            sums[(far.Label * stride) + features] -= far.Weight;
            sums[(target * stride) + features] = far.Weight;
        }
    }

    /// <summary>Keeps the <paramref name="count"/> farthest of several lists of <see cref="FarRow"/>s: farthest first, ties to the lower row.</summary>
    public static List<FarRow> Farthest(IEnumerable<FarRow> rows, int count)
        => [.. rows.OrderByDescending(r => r.Distance).ThenBy(r => r.Row).Take(count)];

    /// <summary>
    /// The <paramref name="count"/> positive-weight rows farthest from their centres, farthest first, ties to the lower
    /// row; rows are numbered from <paramref name="firstRow"/>.
    /// </summary>
    public static List<FarRow> Farthest(KMeansInput input, float[] centres, int[] labels, int count, long firstRow)
    {
        int features = input.FeatureCount;
        var heap = new PriorityQueue<int, (double Distance, int Row)>(
            Comparer<(double Distance, int Row)>.Create((a, b) =>
            {
                int byDistance = a.Distance.CompareTo(b.Distance);
                return byDistance != 0 ? byDistance : b.Row.CompareTo(a.Row);
            }));
        for (int i = 0; i < input.RowCount; i++)
        {
            if (input.Weight(i) <= 0)
            {
                continue;
            }

            double distance = 0;
            int c = labels[i] * features;
            for (int j = 0; j < features; j++)
            {
                double delta = (double)input.Centred(i, j) - centres[c + j];
                distance += delta * delta;
            }

            heap.Enqueue(i, (distance, i));
            if (heap.Count > count)
            {
                heap.Dequeue();
            }
        }

        var result = new List<FarRow>(heap.Count);
        while (heap.TryDequeue(out int row, out (double Distance, int Row) priority))
        {
            var centred = new float[features];
            for (int j = 0; j < features; j++)
            {
                centred[j] = input.Centred(row, j);
            }

            result.Add(new FarRow(firstRow + row, priority.Distance, labels[row], centred, input.Weight(row)));
        }

        result.Reverse();
        return result;
    }
}

/// <summary>A row far from its centre, candidate to re-seed an empty cluster.</summary>
/// <param name="Row">The row's number in the whole data.</param>
/// <param name="Distance">Its squared distance to its centre (centred float32 values, in double).</param>
/// <param name="Label">Its cluster.</param>
/// <param name="Centred">Its centred float32 values.</param>
/// <param name="Weight">Its weight.</param>
internal sealed record FarRow(long Row, double Distance, int Label, float[] Centred, double Weight);
