using BenchmarkDotNet.Attributes;
using CustomerSegmentation.Benchmarks.Datasets;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using CustomerSegmentation.Selection;

namespace CustomerSegmentation.Benchmarks.Clustering;

/// <summary>
/// The scores the elbow sweep reports for one K, on the labels of a default K-means fit (seed 1, uniform data):
/// Calinski-Harabasz and Davies-Bouldin over every row, and the silhouette on ElbowSelector's default sample. The
/// sweep computes these once per K, so for K = 1..10 they cost nine times this against the ten fits of
/// <see cref="ElbowSweepBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class SweepScoreBenchmarks : ClusteredBenchmark
{
    private FeatureMatrix _data = null!;
    private int[] _labels = null!;

    /// <summary>Generates the data and fits it once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = SyntheticFeatures.Generate(DataShape.Uniform, N, D);
        _labels = [.. new KMeansClusterer(new KMeansOptions { K = K, NInit = 1, Seed = 1 }).Fit(_data).Labels];
    }

    /// <summary>The Calinski-Harabasz index of every row.</summary>
    [Benchmark]
    public double CalinskiHarabasz() => ClusterQuality.CalinskiHarabasz(_data, _labels);

    /// <summary>The Davies-Bouldin index of every row.</summary>
    [Benchmark]
    public double DaviesBouldin() => ClusterQuality.DaviesBouldin(_data, _labels);

    /// <summary>Both from one dispersion, as the sweep computes them.</summary>
    [Benchmark]
    public double CalinskiHarabaszAndDaviesBouldin() => ClusterQuality.CalinskiHarabaszAndDaviesBouldin(_data, _labels, default).DaviesBouldin;

    /// <summary>The silhouette on ElbowOptions' default sample (every row when there are fewer).</summary>
    [Benchmark]
    public double Silhouette()
    {
        int sample = new ElbowOptions().SilhouetteSampleSize;
        return _data.RowCount <= sample
            ? ClusterQuality.Silhouette(_data, _labels)
            : ClusterQuality.Silhouette(_data, _labels, sample, seed: 0);
    }
}
