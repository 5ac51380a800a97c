using CustomerSegmentation.DemoData;
using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Tests.Loyalty.Lifetime;

/// <summary>Data simulated from known parameters (20,000 customers, fixed seeds) gives estimates within 3 standard errors of the truth.</summary>
public sealed class ParameterRecoveryTests
{
    private static readonly BgNbdParameters TruePurchases = new(0.25, 4.4, 0.8, 2.4);

    private static readonly GammaGammaParameters TrueSpend = new(6.25, 3.75, 15.4);

    private static void WithinThreeErrors(ParameterEstimate estimate, double truth)
    {
        Assert.NotNull(estimate.StandardError);
        Assert.True(
            Math.Abs(estimate.Value - truth) <= 3 * estimate.StandardError!.Value,
            $"{estimate.Name} = {estimate.Value} (SE {estimate.StandardError}) is more than 3 SE from {truth}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void BgNbd_recovers_its_parameters(int seed)
    {
        PurchaseSummary summary = SyntheticLifetimes.Simulate(TruePurchases, TrueSpend, 20_000, seed);

        BgNbdFit fit = new BgNbdEstimator().Fit(summary);

        Assert.True(fit.Converged, string.Join("; ", fit.Warnings));
        WithinThreeErrors(fit.Estimates[0], TruePurchases.R);
        WithinThreeErrors(fit.Estimates[1], TruePurchases.Alpha);
        WithinThreeErrors(fit.Estimates[2], TruePurchases.A);
        WithinThreeErrors(fit.Estimates[3], TruePurchases.B);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void GammaGamma_recovers_its_parameters(int seed)
    {
        PurchaseSummary summary = SyntheticLifetimes.Simulate(TruePurchases, TrueSpend, 20_000, seed);

        GammaGammaFit fit = new GammaGammaEstimator().Fit(summary);

        Assert.True(fit.Converged, string.Join("; ", fit.Warnings));
        WithinThreeErrors(fit.Estimates[0], TrueSpend.P);
        WithinThreeErrors(fit.Estimates[1], TrueSpend.Q);
        WithinThreeErrors(fit.Estimates[2], TrueSpend.V);
    }

    [Fact]
    public void The_fit_is_bit_identical_for_any_thread_count()
    {
        PurchaseSummary summary = SyntheticLifetimes.Simulate(TruePurchases, TrueSpend, 20_000, 7, days: true);

        var fits = new[] { 1, 2, -1 }.Select(threads => new LifetimeValueAnalyzer(new LifetimeValueOptions { Fit = new LikelihoodFitOptions { MaxDegreeOfParallelism = threads } }).Analyze(summary)).ToArray();

        Assert.All(fits, f => Assert.Equal(fits[0].Purchases.Estimates.ToArray(), f.Purchases.Estimates.ToArray()));
        Assert.All(fits, f => Assert.Equal(fits[0].Spend.Estimates.ToArray(), f.Spend.Estimates.ToArray()));
        Assert.All(fits, f => Assert.Equal(fits[0].Purchases.LogLikelihood, f.Purchases.LogLikelihood));
        Assert.All(fits, f => Assert.Equal(fits[0].Customers.ToArray(), f.Customers.ToArray()));
        Assert.True(fits[0].Purchases.DistinctRows < 20_000);
    }

    [Fact]
    public void Cancellation_stops_the_fit()
    {
        PurchaseSummary summary = SyntheticLifetimes.Simulate(TruePurchases, TrueSpend, 20_000, 7);
        using var cts = new CancellationTokenSource();
        int evaluations = 0;
        var progress = new SynchronousProgress(p =>
        {
            evaluations = p.Evaluations;
            if (p.Evaluations == 3)
            {
                cts.Cancel();
            }
        });

        Assert.Throws<OperationCanceledException>(() => new BgNbdEstimator().Fit(summary, progress, cts.Token));
        Assert.Equal(3, evaluations);
    }

    private sealed class SynchronousProgress(Action<LikelihoodFitProgress> report) : IProgress<LikelihoodFitProgress>
    {
        public void Report(LikelihoodFitProgress value) => report(value);
    }
}
