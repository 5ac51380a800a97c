namespace CustomerSegmentation.Tests.Clustering;

/// <summary>The adjusted Rand index of two labelings (Hubert and Arabie), as scikit-learn's adjusted_rand_score.</summary>
internal static class AdjustedRand
{
    /// <summary>Hubert and Arabie's adjusted Rand index of two labelings with labels in [0, k).</summary>
    public static double Index(int[] a, int[] b, int k)
    {
        var table = new long[k, k];
        var rowSums = new long[k];
        var columnSums = new long[k];
        for (int i = 0; i < a.Length; i++)
        {
            table[a[i], b[i]]++;
            rowSums[a[i]]++;
            columnSums[b[i]]++;
        }

        static double Pairs(long n) => n * (n - 1) / 2.0;
        double index = 0;
        foreach (long n in table)
        {
            index += Pairs(n);
        }

        double rows = rowSums.Sum(Pairs);
        double columns = columnSums.Sum(Pairs);
        double expected = rows * columns / Pairs(a.Length);
        return (index - expected) / (((rows + columns) / 2) - expected);
    }
}
