using BenchmarkDotNet.Attributes;
using CustomerSegmentation.Benchmarks.Datasets;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Benchmarks.Clustering;

/// <summary>
/// Lloyd's algorithm with distance bounds and moved sums (internal, off by default) against the plain fused kernel on
/// every pass: 21 iterations from the first K rows, tolerance 0, as the comparison script's per-iteration measure
/// runs them (divide by 21 for one iteration), and a whole default fit.
/// </summary>
[MemoryDiagnoser]
public class BoundedLloydBenchmarks : ClusteredBenchmark
{
    private FeatureMatrix _data = null!;
    private KMeansOptions _fixed = null!;
    private KMeansOptions _default = null!;

    /// <summary>Whether the bounds are on.</summary>
    [Params(false, true)]
    public bool Bounded { get; set; }

    /// <summary>Generates uniform data.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = SyntheticFeatures.Generate(DataShape.Uniform, N, D);
        _fixed = new KMeansOptions
        {
            K = K, Init = KMeansInitialization.FromCentroids(SyntheticFeatures.FirstRows(_data, K)), MaxIterations = 21, Tolerance = 0,
        };
        _default = new KMeansOptions { K = K, Seed = 1 };
    }

    /// <summary>21 iterations from fixed centres.</summary>
    [Benchmark]
    public ClusteringResult TwentyOneIterations() => new KMeansClusterer(_fixed, VectorWidths.Best, Bounded).Fit(_data);

    /// <summary>A default fit (k-means++, tolerance 1e-4).</summary>
    [Benchmark]
    public ClusteringResult DefaultFit() => new KMeansClusterer(_default, VectorWidths.Best, Bounded).Fit(_data);
}
