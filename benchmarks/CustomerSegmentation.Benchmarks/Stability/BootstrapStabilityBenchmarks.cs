using BenchmarkDotNet.Attributes;
using CustomerSegmentation.Benchmarks.Datasets;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using CustomerSegmentation.Stability;
using MathNet.Numerics.Random;

namespace CustomerSegmentation.Benchmarks.Stability;

/// <summary>
/// Bootstrap stability (B = 20, K = 8, default fits with one restart, seed 1) on blob data against the 20 plain fits
/// it needs: the same resampled rows and fit seeds, prepared in setup and scheduled the same way. The ratio is the
/// cost of the draws, the row copies and the Jaccard matching on top of the fits.
/// </summary>
[MemoryDiagnoser]
public class BootstrapStabilityBenchmarks : ResamplingBenchmark
{
    private const int K = 8;
    private const int Resamples = 20;

    private FeatureMatrix _data = null!;
    private ClusteringResult _original = null!;
    private FeatureMatrix[] _resamples = null!;
    private int[] _fitSeeds = null!;

    /// <summary>Generates the data, the original fit and the resamples the plain fits use.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = Data();
        _original = KMeans(new ClusteringRequest(K, Seed)).Fit(_data);
        var master = new Xoshiro256StarStar(Seed);
        _resamples = new FeatureMatrix[Resamples];
        _fitSeeds = new int[Resamples];
        for (int b = 0; b < Resamples; b++)
        {
            int drawSeed = master.Next();
            _fitSeeds[b] = master.Next();
            _resamples[b] = _data.SelectRows(BootstrapStability.DistinctDraw(N, new Xoshiro256StarStar(drawSeed, threadSafe: false)));
        }
    }

    /// <summary>The 20 fits alone, side by side as the assessment runs them.</summary>
    /// <returns>The sum of their inertias.</returns>
    [Benchmark(Baseline = true)]
    public double PlainFits()
    {
        var inertias = new double[Resamples];
        ParallelFits.Run(Resamples, -1, parallel: true, (b, token) => inertias[b] = KMeans(new ClusteringRequest(K, _fitSeeds[b])).Fit(_resamples[b], token).Inertia, CancellationToken.None);
        return inertias.Sum();
    }

    /// <summary>The whole assessment of the original fit.</summary>
    /// <returns>The size-weighted mean Jaccard similarity.</returns>
    [Benchmark]
    public double Assess() => new BootstrapStability(new StabilityOptions { Resamples = Resamples, Seed = Seed }, KMeans).Assess(_data, _original).MeanJaccard;
}
