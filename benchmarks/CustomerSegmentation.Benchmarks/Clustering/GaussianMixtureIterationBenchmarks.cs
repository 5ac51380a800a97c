using BenchmarkDotNet.Attributes;
using CustomerSegmentation.Benchmarks.Datasets;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Benchmarks.Clustering;

/// <summary>
/// One EM iteration of <see cref="GaussianMixtureClusterer"/> on blob data, d = 3, K = 5, from fixed parameters (the
/// first K rows as means, unit covariances, equal weights): exactly the iteration body of a fit, the E-step pass
/// (densities, log-sum-exp, responsibilities and the M-step's sums over every block, in parallel, block-order
/// reduction) and the M-step (means, covariances, Cholesky factors). N = 1M (10K under <c>CS_BENCH_SIZES=small</c>).
/// scikit-learn's counterpart is benchmarks/compare/compare_gmm.sh.
/// </summary>
[MemoryDiagnoser]
public class GaussianMixtureIterationBenchmarks
{
    private const int Features = 3;
    private const int Components = 5;

    private MixturePass _scalar = null!;
    private MixturePass _vector = null!;
    private MixtureEstimate _start = null!;

    /// <summary>The number of rows.</summary>
    [ParamsSource(nameof(RowCounts))]
    public int N { get; set; }

    /// <summary>The covariance shape.</summary>
    [Params(GaussianCovariance.Full, GaussianCovariance.Diagonal)]
    public GaussianCovariance Covariance { get; set; }

    /// <summary>1M rows, or 10K under <c>CS_BENCH_SIZES=small</c>.</summary>
    public static IEnumerable<int> RowCounts => [Math.Min(BenchmarkSizes.Rows.Max(), 1_000_000)];

    /// <summary>Generates the data and the fixed start.</summary>
    [GlobalSetup]
    public void Setup()
    {
        FeatureMatrix data = SyntheticFeatures.Generate(DataShape.Blobs, N, Features);
        _scalar = new MixturePass(GaussianMixtureModel.Columns(data, VectorWidth.Scalar), -1);
        _vector = new MixturePass(GaussianMixtureModel.Columns(data, VectorWidths.Best), -1);
        bool diagonal = Covariance == GaussianCovariance.Diagonal;
        double[] means = Enumerable.Range(0, Components * Features).Select(m => (double)data[m / Features, m % Features]).ToArray();
        double[] covariances = diagonal
            ? Enumerable.Repeat(1.0, Components * Features).ToArray()
            : Enumerable.Range(0, Components * Features * Features).Select(m => (m % (Features * Features)) % (Features + 1) == 0 ? 1.0 : 0.0).ToArray();
        _start = new MixtureEstimate(Enumerable.Repeat(1.0 / Components, Components).ToArray(), means, covariances, Covariance, Features);
    }

    /// <summary>The iteration at scalar width.</summary>
    [Benchmark(Baseline = true)]
    public double Scalar() => GaussianMixtureClusterer.Step(_scalar, _start, GaussianMixtureOptions.DefaultRegCovar).LowerBound;

    /// <summary>The iteration at the machine's widest vector width.</summary>
    [Benchmark]
    public double Vector() => GaussianMixtureClusterer.Step(_vector, _start, GaussianMixtureOptions.DefaultRegCovar).LowerBound;
}
