using BenchmarkDotNet.Attributes;
using CustomerSegmentation.Benchmarks.Datasets;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using CustomerSegmentation.DemoData;

namespace CustomerSegmentation.Benchmarks.Clustering;

/// <summary>
/// The K-prototypes target: a fit on N rows of 3 numeric and 2 categorical features (6 levels each), K = 5, against a
/// K-means fit on the 3 numeric features alone, both from one start (K-prototypes: one Huang restart; K-means: the
/// first K rows), both exactly <see cref="Iterations"/> iterations (no convergence on noise: the numeric features carry
/// no groups, the categories are uniform). N = 1M, or 10K under <c>CS_BENCH_SIZES=small</c>; <c>CS_BENCH_ROWS</c> replaces it.
/// </summary>
[MemoryDiagnoser]
public class KPrototypesBenchmarks
{
    /// <summary>The iterations both fits run.</summary>
    public const int Iterations = 10;

    private const int Clusters = 5;

    private FeatureMatrix _mixed = null!;
    private FeatureMatrix _numeric = null!;

    /// <summary>The number of rows.</summary>
    [ParamsSource(nameof(RowCounts))]
    public int N { get; set; }

    /// <summary>1M, or 10K under <c>CS_BENCH_SIZES=small</c>.</summary>
    public static IEnumerable<int> RowCounts => BenchmarkSizes.Rows.Any(n => n >= 1_000_000) ? [1_000_000] : [BenchmarkSizes.Rows.Max()];

    /// <summary>Generates the data and checks that both fits run every iteration.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _mixed = SyntheticMixedCustomers.Generate(N, Clusters, seed: 1, numericSignal: false, purity: 0).ToFeatureMatrix();
        _numeric = FeatureMatrix.FromColumns([.. Enumerable.Range(0, 3).Select(j => _mixed.Column(j).ToArray())], [.. _mixed.FeatureNames]);
        Console.WriteLine($"// iterations: K-means {KMeans()}, K-prototypes {KPrototypes()} (of {Iterations})");
    }

    /// <summary>K-means on the 3 numeric features, from the first K rows.</summary>
    /// <returns>The iterations run.</returns>
    [Benchmark(Baseline = true)]
    public int KMeans() => new KMeansClusterer(new KMeansOptions
    {
        K = Clusters,
        MaxIterations = Iterations,
        Tolerance = 0,
        Init = KMeansInitialization.FromCentroids(SyntheticFeatures.FirstRows(_numeric, Clusters)),
    }).Fit(_numeric).Iterations;

    /// <summary>K-prototypes on the 3 numeric and 2 categorical features, one Huang restart.</summary>
    /// <returns>The iterations run.</returns>
    [Benchmark]
    public int KPrototypes() => new KPrototypesClusterer(new KPrototypesOptions
    {
        K = Clusters,
        MaxIterations = Iterations,
        NInit = 1,
        Seed = 1,
    }).Fit(_mixed).Iterations;
}
