using BenchmarkDotNet.Attributes;
using CustomerSegmentation.DemoData;
using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Benchmarks.Loyalty;

/// <summary>
/// One million customers simulated from BG/NBD and Gamma-Gamma (CDNOW-like parameters, times on a day grid as real data
/// has, seed 1): the two maximum-likelihood fits and the per-customer predictions (P(alive), next-week purchases, spend
/// and 12-month CLV).
/// </summary>
[MemoryDiagnoser]
public class LifetimeBenchmarks
{
    /// <summary>The number of customers.</summary>
    public const int Customers = 1_000_000;

    private PurchaseSummary _summary = null!;
    private BgNbdFit _purchases = null!;
    private GammaGammaFit _spend = null!;

    /// <summary>Simulates the customers and fits the models once for the prediction benchmark.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _summary = SyntheticLifetimes.Simulate(new BgNbdParameters(0.243, 4.414, 0.793, 2.426), new GammaGammaParameters(6.25, 3.74, 15.4), Customers, seed: 1, maxAge: 39, days: true);
        _purchases = new BgNbdEstimator().Fit(_summary);
        _spend = new GammaGammaEstimator().Fit(_summary);
    }

    /// <summary>Fits BG/NBD (BFGS from 1, 1, 1, 1, analytic gradient, standard errors).</summary>
    [Benchmark]
    public BgNbdFit FitBgNbd() => new BgNbdEstimator().Fit(_summary);

    /// <summary>Fits Gamma-Gamma on the repeat buyers.</summary>
    [Benchmark]
    public GammaGammaFit FitGammaGamma() => new GammaGammaEstimator().Fit(_summary);

    /// <summary>Every customer's P(alive), next-week purchases, expected spend and 12-month CLV from the fits.</summary>
    [Benchmark]
    public LifetimeValueResult Predict() => new LifetimeValueAnalyzer().Analyze(_summary, _purchases, _spend);
}
