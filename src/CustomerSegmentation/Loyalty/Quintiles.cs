namespace CustomerSegmentation.Loyalty;

/// <summary>
/// Quintile scores 1..5 with the bin edges of pandas <c>qcut(values, 5)</c> (linear-interpolated quantiles,
/// right-closed bins, the lowest bin closed on the left).
/// </summary>
/// <remarks>
/// With the values sorted ascending as s[0..n-1], the k-th edge (k = 1..4) lies at position p = (n-1)k/5. Because every
/// value is one of the s[i], "v &gt; edge" is the same as "v &gt; s[floor(p)]" (no value lies strictly between two
/// neighbours), so a score is 1 + #{k : v &gt; s[floor((n-1)k/5)]}, computed exactly without interpolation. Equal values
/// always share a score; a value equal to an edge goes to the lower bin. Where values are distinct, bin sizes differ
/// by at most one. With fewer than five values some scores are unused (n = 1 gives 1; n = 2 gives 1 and 5).
/// </remarks>
internal static class Quintiles
{
    public const int Bins = 5;

    /// <summary>Scores by value: equal values share a score (ties at an edge go to the lower bin).</summary>
    public static int[] ByValue<T>(ReadOnlySpan<T> values)
        where T : IComparable<T>
    {
        T[] sorted = values.ToArray();
        Array.Sort(sorted);
        var scores = new int[values.Length];
        if (values.IsEmpty)
        {
            return scores;
        }

        Span<int> edges = stackalloc int[Bins - 1];
        EdgePositions(values.Length, edges);
        for (int i = 0; i < values.Length; i++)
        {
            int score = 1;
            foreach (int e in edges)
            {
                if (values[i].CompareTo(sorted[e]) > 0)
                {
                    score++;
                }
            }

            scores[i] = score;
        }

        return scores;
    }

    /// <summary>
    /// Scores by rank with ties broken by position (pandas <c>rank(method="first")</c> then <c>qcut</c>): the ranks are
    /// distinct, so the five bins are balanced (sizes differ by at most one) whatever the ties.
    /// </summary>
    public static int[] ByRankFirst(ReadOnlySpan<int> values)
    {
        // Each value with its position below it: sorting the pairs as numbers orders by value, then by position.
        var order = new long[values.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = ((long)values[i] << 32) | (uint)i;
        }

        Array.Sort(order);

        var scores = new int[order.Length];
        Span<int> edges = stackalloc int[Bins - 1];
        EdgePositions(order.Length, edges);
        for (int position = 0; position < order.Length; position++)
        {
            int score = 1;
            foreach (int e in edges)
            {
                if (position > e)
                {
                    score++;
                }
            }

            scores[(int)(uint)order[position]] = score;
        }

        return scores;
    }

    private static void EdgePositions(int n, Span<int> edges)
    {
        for (int k = 1; k < Bins; k++)
        {
            edges[k - 1] = (int)((long)(n - 1) * k / Bins);
        }
    }
}
