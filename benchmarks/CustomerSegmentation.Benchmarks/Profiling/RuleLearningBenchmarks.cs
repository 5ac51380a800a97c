using BenchmarkDotNet.Attributes;
using CustomerSegmentation.Benchmarks.Datasets;
using CustomerSegmentation.Data;
using CustomerSegmentation.Profiling;

namespace CustomerSegmentation.Benchmarks.Profiling;

/// <summary>
/// Learning depth-3 rules (Gini, smallest leaf 5) that explain eight segments of blob data: each feature sorted once,
/// then one pass over the sorted features per level. The segments are the blobs' nearest centres, as a clustering
/// would give. N = 100K and 1M by default (1K and 10K under <c>CS_BENCH_SIZES=small</c>), d = 3 and 10.
/// </summary>
[MemoryDiagnoser]
public class RuleLearningBenchmarks
{
    private FeatureMatrix _data = null!;
    private int[] _segments = [];

    /// <summary>The number of rows.</summary>
    [ParamsSource(nameof(RowCounts))]
    public int N { get; set; }

    /// <summary>The number of features.</summary>
    [ParamsSource(nameof(FeatureCounts))]
    public int D { get; set; }

    /// <summary>The suite's row counts from 100K up (all of them when none is that large, as under <c>CS_BENCH_SIZES=small</c>).</summary>
    public static IEnumerable<int> RowCounts
    {
        get
        {
            int[] large = [.. BenchmarkSizes.Rows.Where(n => n >= 100_000)];
            return large.Length > 0 ? large : BenchmarkSizes.Rows;
        }
    }

    /// <summary>The feature counts to run.</summary>
    public static IEnumerable<int> FeatureCounts => BenchmarkSizes.Features;

    /// <summary>Generates the blobs and labels every row with the blob centre nearest to it (K-means-like segments).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = SyntheticFeatures.Generate(DataShape.Blobs, N, D);
        var centres = new double[SyntheticFeatures.BlobCount][];
        var random = new Random(7);
        for (int b = 0; b < centres.Length; b++)
        {
            centres[b] = [.. Enumerable.Range(0, D).Select(_ => (random.NextDouble() * 20) - 10)];
        }

        _segments = new int[N];
        for (int i = 0; i < N; i++)
        {
            double[] row = _data.GetRow(i);
            _segments[i] = 1 + Enumerable.Range(0, centres.Length).MinBy(b => row.Zip(centres[b], (x, c) => (x - c) * (x - c)).Sum());
        }
    }

    /// <summary>Learns the rules with the default options (the tree grown on at most a million rows) and their fidelity on every row.</summary>
    [Benchmark]
    public SegmentRules Learn() => SegmentRules.Learn(_data, _segments, SyntheticFeatures.BlobCount);
}
