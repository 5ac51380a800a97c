using CustomerSegmentation.Clustering.Kernels;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// Runs the mixture kernel over all rows in the fixed blocks of a <see cref="BlockPartition"/>, in parallel when
/// allowed, and combines the blocks' sums in block order: the result is bit-identical for any degree of parallelism.
/// </summary>
internal sealed class MixturePass
{
    /// <summary>Below this many density terms (rows x K x features) a pass runs on the calling thread.</summary>
    private const long ParallelThreshold = 1L << 17;

    private readonly KernelColumns _data;
    private readonly BlockPartition _partition;
    private readonly int _threads;

    public MixturePass(KernelColumns data, int maxDegreeOfParallelism)
    {
        _data = data;
        _partition = new BlockPartition(data.RowCount);
        _threads = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
    }

    /// <summary>The number of rows.</summary>
    public int RowCount => _data.RowCount;

    /// <summary>The summed log-likelihood of every row and (when <paramref name="withMoments"/>) the summed moments.</summary>
    public (double LogLikelihood, double[]? Moments) Run(MixtureComponents components, bool withMoments, double[]? responsibilities)
    {
        int blocks = _partition.Count;
        var likelihoods = new double[blocks];
        int length = components.Count * components.MomentLength;
        double[][]? moments = withMoments ? new double[blocks][] : null;
        KernelColumns data = _data;
        BlockPartition partition = _partition;
        void Body(int b)
        {
            double[]? sums = moments is null ? null : moments[b] = new double[length];
            likelihoods[b] = MixtureKernel.Block(data, components, partition.Start(b), partition.End(b), sums, responsibilities);
        }

        long work = (long)data.RowCount * components.Count * components.Features;
        if (_threads == 1 || blocks == 1 || work < ParallelThreshold)
        {
            for (int b = 0; b < blocks; b++)
            {
                Body(b);
            }
        }
        else
        {
            Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = _threads }, Body);
        }

        double total = 0;
        foreach (double value in likelihoods)
        {
            total += value;
        }

        if (moments is null)
        {
            return (total, null);
        }

        var combined = new double[length];
        foreach (double[] block in moments)
        {
            for (int m = 0; m < length; m++)
            {
                combined[m] += block[m];
            }
        }

        return (total, combined);
    }
}
