using CustomerSegmentation.Clustering.Kernels;

namespace CustomerSegmentation.Clustering.Streaming;

/// <summary>
/// The Lloyd step over one chunk: the SIMD kernel on each fixed block of the chunk (in parallel when large), the block
/// sums then added to a running total in block order. Blocks of a chunk whose size is a multiple of
/// <see cref="BlockPartition.MinimumBlockSize"/> are the blocks the in-memory fit cuts, so a stream of such chunks adds
/// the same numbers in the same order as an in-memory fit that sums every row on every pass (<c>LloydPasses.Full</c>).
/// </summary>
internal static class StreamedLloyd
{
    /// <summary>Assigns the chunk's rows (into <paramref name="labels"/>, at least the chunk's length) and adds their sums to <paramref name="running"/> (kernel layout).</summary>
    public static void AddChunk(KMeansInput chunk, float[] kernelCentres, int clusters, int[] labels, double[] running)
    {
        int stride = running.Length;
        BlockPartition partition = chunk.Partition;
        var partials = new double[partition.Count * stride];
        chunk.ForEachBlock(clusters, b => LloydKernel.AssignBlock(
            chunk.Kernel, kernelCentres, clusters, labels, partition.Start(b), partition.End(b), partials.AsSpan(b * stride, stride)));
        for (int b = 0; b < partition.Count; b++)
        {
            ReadOnlySpan<double> block = partials.AsSpan(b * stride, stride);
            for (int s = 0; s < stride; s++)
            {
                running[s] += block[s];
            }
        }
    }

    /// <summary>Assigns the chunk's rows to <paramref name="kernelCentres"/> into <paramref name="labels"/>, without sums.</summary>
    public static void Assign(KMeansInput chunk, float[] kernelCentres, int clusters, int[] labels)
    {
        BlockPartition partition = chunk.Partition;
        chunk.ForEachBlock(clusters, b => LloydKernel.AssignBlock(
            chunk.Kernel, kernelCentres, clusters, labels, partition.Start(b), partition.End(b), Span<double>.Empty));
    }

    /// <summary>Adds the inertia of each block of the chunk (labels already assigned) to <paramref name="total"/> in block order, as the in-memory fit does.</summary>
    public static double AddInertia(KMeansInput chunk, double[] dataUnitCentres, int clusters, int[] labels, double total)
    {
        BlockPartition partition = chunk.Partition;
        var byBlock = new double[partition.Count];
        chunk.ForEachBlock(clusters, b => byBlock[b] = InertiaKernel.Block(chunk.Kernel, dataUnitCentres, labels, partition.Start(b), partition.End(b)));
        foreach (double value in byBlock)
        {
            total += value;
        }

        return total;
    }
}
