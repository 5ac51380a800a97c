using BenchmarkDotNet.Attributes;
using CustomerSegmentation.Benchmarks.Datasets;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;
using CustomerSegmentation.DemoData;

namespace CustomerSegmentation.Benchmarks.Clustering;

/// <summary>
/// Where a <see cref="KPrototypesBenchmarks"/> fit spends its time, phase by phase on the same data (N rows of 3 numeric
/// and 2 categorical features, K = 5): preparing the input, Huang's initialisation, one assignment pass gathering the
/// update from every row, one moving only the rows whose label changed (none), one without, and the exact cost; against one fused K-means iteration on the 3 numeric features (the
/// baseline). A fit is preparation + initialisation + 10 gathering passes + 1 more + the cost.
/// </summary>
[MemoryDiagnoser]
public class KPrototypesPhaseBenchmarks
{
    private const int Clusters = 5;

    private FeatureMatrix _mixed = null!;
    private PrototypeInput _input = null!;
    private LloydIteration _lloyd = null!;
    private float[] _centres = null!;
    private float[] _modes = null!;
    private double[] _dataCentres = null!;
    private int[] _labels = null!;
    private PrototypeTotals _totals = null!;

    /// <summary>The number of rows.</summary>
    [ParamsSource(nameof(RowCounts))]
    public int N { get; set; }

    /// <summary>As <see cref="KPrototypesBenchmarks.RowCounts"/>.</summary>
    public static IEnumerable<int> RowCounts => KPrototypesBenchmarks.RowCounts;

    /// <summary>Generates the data and prototypes at the first K rows.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _mixed = SyntheticMixedCustomers.Generate(N, Clusters, seed: 1, numericSignal: false, purity: 0).ToFeatureMatrix();
        FeatureMatrix numeric = FeatureMatrix.FromColumns([.. Enumerable.Range(0, 3).Select(j => _mixed.Column(j).ToArray())], [.. _mixed.FeatureNames]);
        _lloyd = LloydIteration.FromFirstRows(new KMeansInput(numeric, ReadOnlySpan<double>.Empty, -1, VectorWidths.Best), Clusters);
        _input = Prepare();
        var centres = new double[Clusters * 3];
        var modes = new int[Clusters * 2];
        for (int k = 0; k < Clusters; k++)
        {
            for (int j = 0; j < 3; j++)
            {
                centres[(k * 3) + j] = _input.Numeric.Centred(k, j);
            }

            modes[(k * 2)] = _input.Code(k, 0);
            modes[(k * 2) + 1] = _input.Code(k, 1);
        }

        _centres = LloydRun.ToFloat(centres);
        _modes = PrototypeRun.ToFloat(modes);
        _dataCentres = LloydRun.DataUnits(_input.Numeric.Offset, centres);
        _labels = new int[N];
        _totals = new PrototypeTotals(_input, Clusters);
    }

    /// <summary>One fused K-means iteration on the numeric features.</summary>
    /// <returns>The squared shift.</returns>
    [Benchmark(Baseline = true)]
    public double KMeansIteration() => _lloyd.Run();

    /// <summary>The input of a fit: the numeric columns prepared as for K-means, the codes and their level counts.</summary>
    /// <returns>The number of levels of the first categorical feature.</returns>
    [Benchmark]
    public int Preparation() => Prepare().LevelCount(0);

    /// <summary>Huang's initial prototypes.</summary>
    /// <returns>The chosen rows.</returns>
    [Benchmark]
    public int[] HuangInitialisation() => KPrototypesInitialization.Huang.ChooseRows(_input, Clusters, new Random(1), CancellationToken.None);

    /// <summary>One assignment pass gathering the update's sums from every row (as the first pass and every refresh do).</summary>
    /// <returns>The cost.</returns>
    [Benchmark]
    public double GatheringAssignment()
    {
        _totals.BeginPass(refresh: true);
        return _input.Assign(_centres, _modes, Clusters, _labels, _totals).Cost;
    }

    /// <summary>
    /// One assignment pass moving the sums and counts of the rows whose label changed: here none (the prototypes stay),
    /// the pass of a fit close to convergence.
    /// </summary>
    /// <returns>The cost.</returns>
    [Benchmark]
    public double MovingAssignment()
    {
        _totals.BeginPass(refresh: false);
        return _input.Assign(_centres, _modes, Clusters, _labels, _totals).Cost;
    }

    /// <summary>One assignment pass alone.</summary>
    /// <returns>The cost.</returns>
    [Benchmark]
    public double Assignment() => _input.Assign(_centres, _modes, Clusters, _labels).Cost;

    /// <summary>The exact numeric cost in double (the K-means inertia pass).</summary>
    /// <returns>The cost.</returns>
    [Benchmark]
    public double ExactCost() => Inertia.Compute(_input.Numeric, _dataCentres, Clusters, _labels);

    private PrototypeInput Prepare()
        => new(new KMeansInput(_mixed, ReadOnlySpan<double>.Empty, -1, VectorWidths.Best), _mixed.Categoricals, 1.0);
}
