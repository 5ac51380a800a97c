using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// The data of one fit: adapts the library's <see cref="FeatureMatrix"/> to the kernels' <see cref="KernelColumns"/>
/// (the matrix's padded float32 columns, not copied; a float32 offset per feature near its mean, which the kernels
/// subtract so that distances are computed on centred values; optional padded float32 sample weights), and adds what
/// a fit needs beside the kernels: the total weight, the tolerance scale, the block partition and how to run blocks.
/// </summary>
internal sealed class KMeansInput
{
    /// <summary>Below this many distance terms (rows x K x features) a pass runs on the calling thread.</summary>
    private const long ParallelThreshold = 1L << 17;

    /// <summary>Prepares <paramref name="data"/> for fitting: the offset is the rounded column mean.</summary>
    public KMeansInput(FeatureMatrix data, ReadOnlySpan<double> sampleWeights, int maxDegreeOfParallelism, VectorWidth width)
        : this(data, null, sampleWeights, maxDegreeOfParallelism, width)
    {
    }

    /// <summary>Prepares <paramref name="data"/> for prediction with the offset of the fit, so rows round exactly as they did then.</summary>
    public KMeansInput(FeatureMatrix data, float[] offset, int maxDegreeOfParallelism, VectorWidth width)
        : this(data, offset, ReadOnlySpan<double>.Empty, maxDegreeOfParallelism, width)
    {
    }

    private KMeansInput(FeatureMatrix data, float[]? offset, ReadOnlySpan<double> sampleWeights, int maxDegreeOfParallelism, VectorWidth width)
    {
        Matrix = data;
        RowCount = data.RowCount;
        FeatureCount = data.FeatureCount;
        float[]? weights = null;
        if (sampleWeights.IsEmpty)
        {
            TotalWeight = RowCount;
        }
        else
        {
            weights = new float[KernelColumns.PaddedLength(RowCount)];
            TotalWeight = CopyWeights(sampleWeights, weights, RowCount);
        }

        if (offset is null)
        {
            offset = new float[FeatureCount];
            var ranges = new double[FeatureCount];
            double varianceSum = 0;
            for (int j = 0; j < FeatureCount; j++)
            {
                (double mean, double variance, double range) = ColumnMoments.Of(data, j);
                offset[j] = (float)mean;
                varianceSum += variance;
                ranges[j] = range;
            }

            MeanVariance = varianceSum / FeatureCount;
            ClusteringChecks.DistancesFitFloat32(data.FeatureNames, ranges, MaxWeight(sampleWeights));
        }

        Kernel = new KernelColumns(data.PaddedColumns(), RowCount, width, offset, weights);
        Partition = new BlockPartition(RowCount);
        MaxDegreeOfParallelism = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
    }

    public FeatureMatrix Matrix { get; }

    /// <summary>
    /// The padded per-row scratch of k-means++ (each row's squared distance to its closest centre), allocated once per
    /// input and shared by its restarts, which run one after another; returned with zeros past the rows.
    /// </summary>
    public float[] SeedingDistances()
    {
        if (_seedingDistances is null)
        {
            _seedingDistances = new float[KernelColumns.PaddedLength(RowCount)];
        }
        else
        {
            Array.Clear(_seedingDistances);
        }

        return _seedingDistances;
    }

    private float[]? _seedingDistances;

    /// <summary>The data as the kernels take it: the matrix's padded columns (not copied), the offset, the weights and the width.</summary>
    public KernelColumns Kernel { get; }

    public int RowCount { get; }

    public int FeatureCount { get; }

    /// <summary>The matrix's padded columns, in the data's units.</summary>
    public float[][] Columns => Kernel.Columns;

    /// <summary>The per-feature float32 offset subtracted before any distance (the rounded column mean).</summary>
    public float[] Offset => Kernel.Offset;

    /// <summary>The padded float32 sample weights (zero past the last row), or null when every row weighs 1.</summary>
    public float[]? Weights => Kernel.Weights;

    /// <summary>The sum of the sample weights.</summary>
    public double TotalWeight { get; }

    /// <summary>The mean over features of the population variance (scikit-learn's scale for the tolerance); 0 when prepared for prediction.</summary>
    public double MeanVariance { get; }

    public BlockPartition Partition { get; }

    public int MaxDegreeOfParallelism { get; }

    public VectorWidth Width => Kernel.Width;

    /// <summary>The weight of row <paramref name="row"/>.</summary>
    public double Weight(int row) => Kernel.Weight(row);

    /// <summary>Row <paramref name="row"/> of feature <paramref name="feature"/> minus the offset, rounded as the kernels round it.</summary>
    public float Centred(int row, int feature) => Kernel.Centred(row, feature);

    /// <summary>
    /// Runs <paramref name="body"/> once per block: in parallel when the pass is large enough and more than one
    /// thread is allowed, otherwise in block order on this thread. Either way each block writes only its own slot.
    /// </summary>
    public void ForEachBlock(int clusters, Action<int> body)
    {
        long work = (long)RowCount * clusters * FeatureCount;
        if (MaxDegreeOfParallelism == 1 || Partition.Count == 1 || work < ParallelThreshold)
        {
            for (int b = 0; b < Partition.Count; b++)
            {
                body(b);
            }

            return;
        }

        Parallel.For(0, Partition.Count, new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism }, body);
    }

    /// <summary>The largest weight (1 without weights); the kernels multiply squared distances by it in float32.</summary>
    private static double MaxWeight(ReadOnlySpan<double> sampleWeights)
    {
        double largest = 1;
        foreach (double w in sampleWeights)
        {
            largest = Math.Max(largest, w);
        }

        return largest;
    }

    private static double CopyWeights(ReadOnlySpan<double> source, float[] target, int rowCount)
    {
        if (source.Length != rowCount)
        {
            throw new ArgumentException(
                $"There are {source.Length} sample weights but {rowCount} rows; give one weight per row.", "sampleWeights");
        }

        double total = 0;
        for (int i = 0; i < source.Length; i++)
        {
            double w = source[i];
            if (!double.IsFinite(w) || w < 0 || !float.IsFinite((float)w))
            {
                throw new ArgumentException(
                    $"Sample weight {i} is {w}; weights must be finite and non-negative.", "sampleWeights");
            }

            target[i] = (float)w;
            total += target[i];
        }

        if (total <= 0)
        {
            throw new ArgumentException("The sample weights sum to zero; at least one row needs a positive weight.", "sampleWeights");
        }

        return total;
    }
}
