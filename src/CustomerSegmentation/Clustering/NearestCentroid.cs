using System.Collections.Immutable;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// Assigns rows to the nearest of K fixed centres exactly as a fit did: the same float32 offset, the same float32
/// centres and the same kernel, so predictions equal the fit's labels bit for bit. Restorable from its parts.
/// </summary>
internal sealed class NearestCentroid
{
    private readonly float[] _kernelCentres;
    private readonly double[] _centres;

    /// <param name="featureNames">The features, in order.</param>
    /// <param name="offset">The float32 per-feature offset of the fit.</param>
    /// <param name="centredCentres">The centres minus the offset, row-major (K x features), in double.</param>
    /// <param name="maxDegreeOfParallelism">Threads for large predictions; -1 for all.</param>
    /// <param name="width">The kernel width.</param>
    public NearestCentroid(ImmutableArray<string> featureNames, float[] offset, double[] centredCentres, int maxDegreeOfParallelism, VectorWidth width)
    {
        FeatureNames = featureNames;
        Offset = offset;
        CentredCentres = centredCentres;
        K = centredCentres.Length / featureNames.Length;
        MaxDegreeOfParallelism = maxDegreeOfParallelism;
        Width = width;
        _kernelCentres = LloydRun.ToFloat(centredCentres);
        _centres = LloydRun.DataUnits(offset, centredCentres);
    }

    public ImmutableArray<string> FeatureNames { get; }

    public float[] Offset { get; }

    public double[] CentredCentres { get; }

    public int K { get; }

    public int MaxDegreeOfParallelism { get; }

    public VectorWidth Width { get; }

    /// <summary>The centres in the data's units, row-major.</summary>
    public ReadOnlySpan<double> Centres => _centres;

    public int[] Predict(FeatureMatrix data)
    {
        KMeansInput input = Prepare(data);
        var labels = new int[data.RowCount];
        BlockPartition partition = input.Partition;
        input.ForEachBlock(K, b => LloydKernel.AssignBlock(
            input.Kernel, _kernelCentres, K, labels, partition.Start(b), partition.End(b), Span<double>.Empty));
        return labels;
    }

    public int Predict(ReadOnlySpan<double> row)
    {
        int features = FeatureNames.Length;
        if (row.Length != features)
        {
            throw new ArgumentException($"The row has {row.Length} values but the clustering has {features} features ({string.Join(", ", FeatureNames)}).", nameof(row));
        }

        Span<float> centred = stackalloc float[features];
        for (int j = 0; j < features; j++)
        {
            float value = (float)row[j];
            if (!float.IsFinite(value))
            {
                throw new ArgumentException($"Feature '{FeatureNames[j]}' is {row[j]}; values must be finite.", nameof(row));
            }

            centred[j] = value - Offset[j];
        }

        // The same operation sequence as one lane of LloydKernel, so the answer matches it bit for bit.
        int best = 0;
        float bestDistance = float.PositiveInfinity;
        for (int k = 0, c = 0; k < K; k++)
        {
            float distance = 0f;
            for (int j = 0; j < features; j++)
            {
                float difference = centred[j] - _kernelCentres[c++];
                distance = MathF.FusedMultiplyAdd(difference, difference, distance);
            }

            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = k;
            }
        }

        return best;
    }

    public double[,] Transform(FeatureMatrix data)
    {
        Prepare(data);
        int features = FeatureNames.Length;
        var distances = new double[data.RowCount, K];
        for (int i = 0; i < data.RowCount; i++)
        {
            for (int k = 0; k < K; k++)
            {
                distances[i, k] = Math.Sqrt(SquaredDistance(data, i, k, features));
            }
        }

        return distances;
    }

    /// <summary>The plain distance from row <paramref name="row"/> to centre <paramref name="cluster"/>, in double.</summary>
    public double Distance(FeatureMatrix data, int row, int cluster) => Math.Sqrt(SquaredDistance(data, row, cluster, FeatureNames.Length));

    private double SquaredDistance(FeatureMatrix data, int row, int cluster, int features)
    {
        double sum = 0;
        for (int j = 0; j < features; j++)
        {
            double delta = data.PaddedColumn(j)[row] - _centres[(cluster * features) + j];
            sum += delta * delta;
        }

        return sum;
    }

    private KMeansInput Prepare(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        bool same = data.FeatureCount == FeatureNames.Length
            && data.FeatureNames.Zip(FeatureNames).All(p => string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));
        if (!same)
        {
            throw new ArgumentException(
                $"The clustering was fitted on features ({string.Join(", ", FeatureNames)}) but the data has ({string.Join(", ", data.FeatureNames)}).",
                nameof(data));
        }

        return new KMeansInput(data, Offset, MaxDegreeOfParallelism, Width);
    }
}
