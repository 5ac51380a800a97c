using CustomerSegmentation.Clustering;
using CustomerSegmentation.Clustering.Kernels;

namespace CustomerSegmentation.Benchmarks.Clustering;

/// <summary>
/// One Lloyd iteration exactly as <c>LloydRun</c> performs it inside a fit, from fixed centres: the fused
/// assign+accumulate kernel over every block of the partition (in parallel as the fit runs it), the partial sums
/// combined in block order, the empty-cluster check, and the centre update with its squared shift. The updated
/// centres go to a scratch array, so every call does the same work; nothing outside the iteration (data preparation,
/// initialisation, the final labels pass, the inertia) is included.
/// </summary>
internal sealed class LloydIteration
{
    private readonly KMeansInput _input;
    private readonly int _clusters;
    private readonly float[] _kernelCentres;
    private readonly double[] _centres;
    private readonly double[] _updated;
    private readonly int[] _labels;
    private readonly double[] _partials;
    private readonly int[] _changedByBlock;
    private readonly double[] _sums;
    private readonly int _stride;
    private readonly bool _general;

    /// <param name="input">The prepared data (its width picks the kernel).</param>
    /// <param name="centredCentres">K x d centres in the input's centred coordinates, row-major.</param>
    /// <param name="clusters">K.</param>
    /// <param name="general">True to run the general kernel even where a kernel specialised for d exists (the baseline of the specialised kernels).</param>
    public LloydIteration(KMeansInput input, double[] centredCentres, int clusters, bool general = false)
    {
        _general = general;
        _input = input;
        _clusters = clusters;
        _centres = centredCentres;
        _updated = new double[centredCentres.Length];
        _kernelCentres = LloydRun.ToFloat(centredCentres);
        _labels = new int[input.RowCount];
        _stride = clusters * (input.FeatureCount + 1);
        _partials = new double[input.Partition.Count * _stride];
        _changedByBlock = new int[input.Partition.Count];
        _sums = new double[_stride];
    }

    /// <summary>The iteration from the input's first <paramref name="clusters"/> rows as centres.</summary>
    public static LloydIteration FromFirstRows(KMeansInput input, int clusters, bool general = false)
    {
        int features = input.FeatureCount;
        var centres = new double[clusters * features];
        for (int k = 0; k < clusters; k++)
        {
            for (int j = 0; j < features; j++)
            {
                centres[(k * features) + j] = input.Centred(k, j);
            }
        }

        return new LloydIteration(input, centres, clusters, general);
    }

    /// <summary>Runs the iteration and returns the squared centre shift (so the work cannot be elided).</summary>
    public double Run()
    {
        BlockPartition partition = _input.Partition;
        int stride = _stride;
        Array.Clear(_partials);
        _input.ForEachBlock(_clusters, b => _changedByBlock[b] = _general
            ? LloydKernel.AssignBlockGeneral(_input.Kernel, _kernelCentres, _clusters, _labels, partition.Start(b), partition.End(b), _partials.AsSpan(b * stride, stride))
            : LloydKernel.AssignBlock(_input.Kernel, _kernelCentres, _clusters, _labels, partition.Start(b), partition.End(b), _partials.AsSpan(b * stride, stride)));

        Array.Clear(_sums);
        for (int b = 0; b < partition.Count; b++)
        {
            ReadOnlySpan<double> block = _partials.AsSpan(b * stride, stride);
            for (int s = 0; s < stride; s++)
            {
                _sums[s] += block[s];
            }
        }

        EmptyClusters.Relocate(_input, _kernelCentres, _clusters, _labels, _sums);
        return Update();
    }

    private double Update()
    {
        int features = _input.FeatureCount;
        double shift = 0;
        for (int k = 0; k < _clusters; k++)
        {
            int s = k * (features + 1);
            double weight = _sums[s + features];
            for (int j = 0; j < features; j++)
            {
                int c = (k * features) + j;
                _updated[c] = weight > 0 ? _sums[s + j] / weight : _centres[c];
                double delta = _updated[c] - _centres[c];
                shift += delta * delta;
            }
        }

        return shift;
    }
}
