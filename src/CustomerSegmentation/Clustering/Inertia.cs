using CustomerSegmentation.Clustering.Kernels;

namespace CustomerSegmentation.Clustering;

/// <summary>The weighted sum of squared distances from each row to its centre, computed directly in double.</summary>
internal static class Inertia
{
    /// <summary>Runs <see cref="InertiaKernel"/> over every block (in parallel when large) and adds the block totals in block order.</summary>
    /// <param name="input">The data.</param>
    /// <param name="centres">The centres in the data's units, row-major (clusters x features).</param>
    /// <param name="clusters">K.</param>
    /// <param name="labels">Each row's cluster.</param>
    public static double Compute(KMeansInput input, double[] centres, int clusters, int[] labels)
    {
        BlockPartition partition = input.Partition;
        var byBlock = new double[partition.Count];
        input.ForEachBlock(clusters, b => byBlock[b] = InertiaKernel.Block(input.Kernel, centres, labels, partition.Start(b), partition.End(b)));
        double total = 0;
        foreach (double value in byBlock)
        {
            total += value;
        }

        return total;
    }
}
