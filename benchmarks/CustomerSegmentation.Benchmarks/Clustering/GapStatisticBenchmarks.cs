using BenchmarkDotNet.Attributes;
using CustomerSegmentation.Benchmarks.Datasets;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using CustomerSegmentation.Selection;
using MathNet.Numerics.Random;

namespace CustomerSegmentation.Benchmarks.Clustering;

/// <summary>
/// The gap statistic's share of a sweep (B = 10 uniform references over the bounding box, K = 1..10, default fits with
/// one restart, seed 1) on blob data against the 100 plain reference fits it needs: the same reference sets and fit
/// seeds, drawn in setup and scheduled the same way (K side by side, the references of one K in turn). The ratio is the
/// cost of drawing the references and the logs on top of the fits.
/// </summary>
[MemoryDiagnoser]
public class GapStatisticBenchmarks : ResamplingBenchmark
{
    private const int MaxK = 10;
    private const int References = 10;

    private FeatureMatrix _data = null!;
    private FeatureMatrix[] _references = null!;
    private int[] _fitSeeds = null!;
    private double[] _inertias = null!;

    /// <summary>Generates the data, its fits per K and the reference sets the plain fits use.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = Data();
        _inertias = [.. Enumerable.Range(1, MaxK).Select(k => KMeans(new ClusteringRequest(k, Seed)).Fit(_data).Inertia)];
        Func<Xoshiro256StarStar, FeatureMatrix> sampler = GapReference.BoundingBox.Sampler(_data);
        var master = new Xoshiro256StarStar(Seed);
        _references = new FeatureMatrix[References];
        _fitSeeds = new int[References];
        for (int b = 0; b < References; b++)
        {
            _references[b] = sampler(new Xoshiro256StarStar(master.Next(), threadSafe: false));
            _fitSeeds[b] = master.Next();
        }
    }

    /// <summary>The 100 reference fits alone.</summary>
    /// <returns>The sum of their log-inertias.</returns>
    [Benchmark(Baseline = true)]
    public double ReferenceFits()
    {
        var logs = new double[MaxK];
        ParallelFits.Run(MaxK, -1, parallel: true, (i, token) =>
        {
            for (int b = 0; b < References; b++)
            {
                logs[i] += Math.Log(KMeans(new ClusteringRequest(i + 1, _fitSeeds[b])).Fit(_references[b], token).Inertia);
            }
        }, CancellationToken.None);
        return logs.Sum();
    }

    /// <summary>Everything the gap adds to a sweep: drawing the references, fitting them and the gap per K.</summary>
    /// <returns>The sum of the gaps.</returns>
    [Benchmark]
    public double Gap()
    {
        var references = new GapReferences(_data, new GapSettings(References, GapReference.BoundingBox), Seed);
        var gaps = new double[MaxK];
        ParallelFits.Run(MaxK, -1, parallel: true, (i, token) => gaps[i] = references.Gap(i + 1, _inertias[i], KMeans, -1, token).Gap ?? 0, CancellationToken.None);
        return gaps.Sum();
    }
}
