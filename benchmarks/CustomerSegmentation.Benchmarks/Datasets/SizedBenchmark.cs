using BenchmarkDotNet.Attributes;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Benchmarks.Datasets;

/// <summary>The N (rows) and d (features) parameters shared by the suite; values from <see cref="BenchmarkSizes"/>.</summary>
public abstract class SizedBenchmark
{
    /// <summary>The number of rows.</summary>
    [ParamsSource(nameof(RowCounts))]
    public int N { get; set; }

    /// <summary>The number of features.</summary>
    [ParamsSource(nameof(FeatureCounts))]
    public int D { get; set; }

    /// <summary>The row counts to run.</summary>
    public static IEnumerable<int> RowCounts => BenchmarkSizes.Rows;

    /// <summary>The feature counts to run.</summary>
    public static IEnumerable<int> FeatureCounts => BenchmarkSizes.Features;
}

/// <summary>N, d and K (clusters).</summary>
public abstract class ClusteredBenchmark : SizedBenchmark
{
    /// <summary>The number of clusters.</summary>
    [ParamsSource(nameof(ClusterCounts))]
    public int K { get; set; }

    /// <summary>The cluster counts to run.</summary>
    public static IEnumerable<int> ClusterCounts => BenchmarkSizes.Clusters;
}

/// <summary>
/// The stability and gap benchmarks: N rows of blob data (d = 3), default K-means fits with one restart, seed 1,
/// the many fits against the same fits done plainly.
/// </summary>
public abstract class ResamplingBenchmark
{
    /// <summary>The seed of the data's fits, the resamples and the reference sets.</summary>
    protected const int Seed = 1;

    /// <summary>The number of rows.</summary>
    [ParamsSource(nameof(RowCounts))]
    public int N { get; set; }

    /// <summary>The row counts to run: 100K, or 1K under <c>CS_BENCH_SIZES=small</c>.</summary>
    public static IEnumerable<int> RowCounts => BenchmarkSizes.ResamplingRows;

    /// <summary>Default K-means with one restart.</summary>
    protected static ClustererFactory KMeans { get; } = KMeansClusterer.Factory(new KMeansOptions { NInit = 1 });

    /// <summary>The blob data of N rows and 3 features.</summary>
    protected FeatureMatrix Data() => SyntheticFeatures.Generate(DataShape.Blobs, N, 3);
}
