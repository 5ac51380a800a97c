using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// Assigns rows to the nearest of K fixed centres exactly as a fit did: the same float32 offset, the same float32
/// centres and the same kernel, so predictions equal the fit's labels bit for bit. Restorable from its parts. The
/// model of <see cref="KMeansClusterer"/> and <see cref="MiniBatchKMeans"/>.
/// </summary>
internal sealed class NearestCentroid : IClusteringModel
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
        int features = featureNames.Length;
        Centroids = [.. Enumerable.Range(0, K).Select(k => ImmutableArray.Create(_centres, k * features, features))];
    }

    /// <summary>The model kind written into model files.</summary>
    public const string Kind = "NearestCentroid";

    public ImmutableArray<string> FeatureNames { get; }

    public float[] Offset { get; }

    public double[] CentredCentres { get; }

    public int K { get; }

    public int MaxDegreeOfParallelism { get; }

    public VectorWidth Width { get; }

    /// <inheritdoc />
    public ImmutableArray<ImmutableArray<double>> Centroids { get; }

    /// <summary>The result of a K-means-family fit: this model, the winning run's labels, inertia and diagnostics.</summary>
    /// <param name="data">The fitted rows.</param>
    /// <param name="outcome">The winning run.</param>
    /// <param name="input">The fit's prepared input (offset and thread limit).</param>
    /// <param name="warn">The warnings, given the number of rows in each cluster.</param>
    public static ClusteringResult Result(FeatureMatrix data, KMeansInput input, LloydOutcome outcome, Func<int[], IEnumerable<string>> warn)
    {
        int clusters = outcome.Centres.Length / data.FeatureCount;
        var model = new NearestCentroid(data.FeatureNames, input.Offset, outcome.Centres, input.MaxDegreeOfParallelism, input.Width);
        int[] sizes = ClusterSizes(outcome.Labels, clusters);

        return ClusteringResult.Owning(model, outcome.Labels, sizes, outcome.Inertia, outcome.Iterations, outcome.Converged, warn(sizes));
    }

    /// <summary>
    /// How many labels name each cluster, counted in four interleaved tallies so that a run of equal labels does not
    /// make each increment wait for the one before.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int[] ClusterSizes(ReadOnlySpan<int> labels, int clusters)
    {
        var tallies = new int[4 * clusters];
        int i = 0;
        for (; i + 4 <= labels.Length; i += 4)
        {
            tallies[labels[i]]++;
            tallies[clusters + labels[i + 1]]++;
            tallies[(2 * clusters) + labels[i + 2]]++;
            tallies[(3 * clusters) + labels[i + 3]]++;
        }

        for (; i < labels.Length; i++)
        {
            tallies[labels[i]]++;
        }

        var sizes = new int[clusters];
        for (int k = 0; k < clusters; k++)
        {
            sizes[k] = tallies[k] + tallies[clusters + k] + tallies[(2 * clusters) + k] + tallies[(3 * clusters) + k];
        }

        return sizes;
    }

    public int[] Predict(FeatureMatrix data)
    {
        KMeansInput input = Prepare(data);
        var labels = new int[data.RowCount];
        BlockPartition partition = input.Partition;
        input.ForEachBlock(K, b => LloydKernel.AssignBlock(
            input.Kernel, _kernelCentres, K, labels, partition.Start(b), partition.End(b), Span<double>.Empty));
        return labels;
    }

    private KMeansInput Prepare(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ClusteringResult.RequireFeatures(data, FeatureNames, nameof(data));
        ClusteringChecks.DistancesFitFloat32(FeatureNames, Spans(data), maxWeight: 1);
        return new KMeansInput(data, Offset, MaxDegreeOfParallelism, Width);
    }

    /// <summary>
    /// For each feature, the width of the interval holding every row to predict and every centre: the largest
    /// distance along that feature the kernel can meet, so that new rows far outside the fitted range are refused
    /// rather than all found "nearest" to the first centre once their float32 distances overflow. One pass per column.
    /// </summary>
    private double[] Spans(FeatureMatrix data)
    {
        int features = FeatureNames.Length;
        var spans = new double[features];
        for (int j = 0; j < features; j++)
        {
            ReadOnlySpan<float> column = data.Column(j);
            float low = float.PositiveInfinity, high = float.NegativeInfinity;
            foreach (float value in column)
            {
                low = MathF.Min(low, value);
                high = MathF.Max(high, value);
            }

            double min = low, max = high;
            for (int k = 0; k < K; k++)
            {
                min = Math.Min(min, _centres[(k * features) + j]);
                max = Math.Max(max, _centres[(k * features) + j]);
            }

            spans[j] = max - min;
        }

        return spans;
    }
}
