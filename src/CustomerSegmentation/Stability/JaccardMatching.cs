namespace CustomerSegmentation.Stability;

/// <summary>
/// Matches the original clusters to the clusters of one resample: for each original cluster, restricted to the
/// customers in the resample, the highest Jaccard similarity |A ∩ B| / |A ∪ B| to any resampled cluster B.
/// </summary>
internal static class JaccardMatching
{
    /// <summary>The best Jaccard similarity of each original cluster.</summary>
    /// <param name="original">Every customer's original cluster, 0..<paramref name="originalK"/> - 1.</param>
    /// <param name="originalK">The number of original clusters.</param>
    /// <param name="customers">The distinct customers in the resample (indices into <paramref name="original"/>).</param>
    /// <param name="resampled">The resampled cluster of each of <paramref name="customers"/>, 0..<paramref name="resampledK"/> - 1.</param>
    /// <param name="resampledK">The number of resampled clusters.</param>
    /// <returns>
    /// One similarity per original cluster; 0 for a cluster with no customer in the resample (fpc's "zero by zero is
    /// zero"), since nothing of it was found again.
    /// </returns>
    public static double[] Best(ReadOnlySpan<int> original, int originalK, ReadOnlySpan<int> customers, ReadOnlySpan<int> resampled, int resampledK)
    {
        var both = new long[originalK * resampledK];
        var inOriginal = new long[originalK];
        var inResampled = new long[resampledK];
        for (int i = 0; i < customers.Length; i++)
        {
            int a = original[customers[i]];
            int b = resampled[i];
            both[(a * resampledK) + b]++;
            inOriginal[a]++;
            inResampled[b]++;
        }

        var best = new double[originalK];
        for (int a = 0; a < originalK; a++)
        {
            for (int b = 0; b < resampledK; b++)
            {
                long intersection = both[(a * resampledK) + b];
                long union = inOriginal[a] + inResampled[b] - intersection;
                if (union > 0)
                {
                    best[a] = Math.Max(best[a], (double)intersection / union);
                }
            }
        }

        return best;
    }
}
