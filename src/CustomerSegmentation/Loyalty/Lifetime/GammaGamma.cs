using System.Collections.Immutable;
using System.Runtime.InteropServices;

using MathNet.Numerics;
using MathNet.Numerics.Statistics;

namespace CustomerSegmentation.Loyalty;

/// <summary>
/// The parameters of the Gamma-Gamma spend model (Fader, Hardie and Lee 2005, "RFM and CLV"; lifetimes'
/// <c>GammaGammaFitter</c>): a customer's spend per purchase is gamma with shape <see cref="P"/> and a rate that is itself
/// gamma(<see cref="Q"/>, <see cref="V"/>) across customers, independent of how often the customer buys.
/// </summary>
public sealed record GammaGammaParameters
{
    /// <summary>Creates the parameters.</summary>
    /// <param name="p">The shape of the per-purchase spend distribution.</param>
    /// <param name="q">The shape of the spend-rate distribution across customers.</param>
    /// <param name="v">The rate of the spend-rate distribution across customers.</param>
    /// <returns>The parameters.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a positive finite number (named).</exception>
    public GammaGammaParameters(double p, double q, double v)
    {
        P = Positive(p, nameof(p));
        Q = Positive(q, nameof(q));
        V = Positive(v, nameof(v));
    }

    /// <summary>p: the shape of the per-purchase spend distribution.</summary>
    public double P { get; }

    /// <summary>q: the shape of the spend-rate distribution across customers (the mean spend is finite only when q &gt; 1).</summary>
    public double Q { get; }

    /// <summary>v: the rate of the spend-rate distribution across customers.</summary>
    public double V { get; }

    /// <summary>The mean spend per purchase over the population, v p / (q - 1).</summary>
    /// <exception cref="InvalidOperationException">q &lt;= 1: the population's mean spend is infinite.</exception>
    public double PopulationMeanSpend => Q > 1d
        ? V * P / (Q - 1d)
        : throw new InvalidOperationException($"The Gamma-Gamma q = {Q:G6} is at most 1, so the mean spend per purchase is infinite; the model does not fit this data.");

    /// <summary>
    /// E[spend | x, m] = (q - 1)/(p x + q - 1) v p/(q - 1) + p x/(p x + q - 1) m: the expected spend per purchase of a
    /// customer with <paramref name="customer"/>'s repeat purchases, a weighted mean of the population's mean and the customer's.
    /// </summary>
    /// <param name="customer">The customer's purchase record (without repeat purchases the population mean is returned).</param>
    /// <returns>The expected spend per purchase, in the currency of the data.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="InvalidOperationException">q &lt;= 1 (see <see cref="PopulationMeanSpend"/>).</exception>
    public double ExpectedAverageSpend(CustomerPurchases customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        double population = PopulationMeanSpend;
        double weight = P * customer.Frequency / ((P * customer.Frequency) + Q - 1d);
        return ((1d - weight) * population) + (weight * customer.MonetaryValue);
    }

    private static double Positive(double value, string name)
        => double.IsFinite(value) && value > 0d
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"The Gamma-Gamma parameter {name} must be a positive finite number.");
}

/// <summary>A Gamma-Gamma model fitted by maximum likelihood to the repeat buyers of a purchase summary.</summary>
public sealed class GammaGammaFit : LikelihoodFit
{
    internal GammaGammaFit(GammaGammaParameters parameters, MaximumLikelihoodEstimate estimate, int repeatBuyers, double correlation, ImmutableArray<string> warnings)
        : base(estimate, warnings)
    {
        Parameters = parameters;
        RepeatBuyers = repeatBuyers;
        SpendFrequencyCorrelation = correlation;
    }

    /// <summary>The fitted parameters, with the model's predictions.</summary>
    public GammaGammaParameters Parameters { get; }

    /// <summary>The number of customers fitted: those with x &gt; 0 and a positive monetary value.</summary>
    public int RepeatBuyers { get; }

    /// <summary>
    /// The Pearson correlation of frequency x and monetary value m over the fitted customers: the model assumes they are
    /// independent, so a value far from 0 (beyond about ±0.3) says the expected spends are biased. CDNOW: about 0.11.
    /// </summary>
    public double SpendFrequencyCorrelation { get; }
}

/// <summary>Fits the Gamma-Gamma spend model (see <see cref="GammaGammaParameters"/>) by maximum likelihood.</summary>
/// <param name="options">How to fit; null means the defaults.</param>
public sealed class GammaGammaEstimator(LikelihoodFitOptions? options = null)
{
    /// <summary>The correlation of spend and frequency beyond which the fit warns that the independence assumption fails.</summary>
    public const double CorrelationWarningThreshold = 0.3;

    private static readonly string[] Names = ["p", "q", "v"];

    /// <summary>The options in use.</summary>
    public LikelihoodFitOptions Options { get; } = options ?? new LikelihoodFitOptions();

    /// <summary>Fits p, q and v to the customers of <paramref name="summary"/> with x &gt; 0 and m &gt; 0, starting from 1, 1, 1.</summary>
    /// <param name="summary">The customers' purchase summary.</param>
    /// <param name="progress">Receives the log-likelihood after each evaluation; optional.</param>
    /// <param name="cancellationToken">Checked at every evaluation of the likelihood.</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    /// <exception cref="ArgumentException">Fewer than two customers have a repeat purchase with a positive spend.</exception>
    /// <exception cref="InvalidOperationException">The log-likelihood is not finite anywhere the optimiser went.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public GammaGammaFit Fit(PurchaseSummary summary, IProgress<LikelihoodFitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        CustomerPurchases[] buyers = [.. summary.Customers.Where(c => c.Frequency > 0 && c.MonetaryValue > 0d)];
        if (buyers.Length < 2)
        {
            throw new ArgumentException(
                $"Only {buyers.Length} of the {summary.Customers.Length} customers have a repeat purchase with a positive spend; Gamma-Gamma needs at least two repeat buyers to estimate how spend varies.",
                nameof(summary));
        }

        var warnings = new List<string>();
        int excluded = summary.RepeatBuyers - buyers.Length;
        if (excluded > 0)
        {
            warnings.Add($"{excluded} repeat buyers with a monetary value of 0 or less (returns outweighing purchases) were left out of the Gamma-Gamma fit.");
        }

        double correlation = Correlation.Pearson(buyers.Select(c => (double)c.Frequency), buyers.Select(c => c.MonetaryValue));
        if (!double.IsFinite(correlation))
        {
            correlation = 0d;
            warnings.Add("Every repeat buyer has the same frequency or the same spend, so their correlation is undefined (reported as 0).");
        }
        else if (Math.Abs(correlation) > CorrelationWarningThreshold)
        {
            warnings.Add($"Spend and frequency correlate ({correlation:F2}); Gamma-Gamma assumes they are independent, so its expected spends are biased.");
        }

        var likelihood = new GammaGammaLikelihood(buyers, Options.MaxDegreeOfParallelism);
        MaximumLikelihoodEstimate estimate = MaximumLikelihood.Fit(likelihood, "Gamma-Gamma", Names, [1d, 1d, 1d], Options, progress, cancellationToken);
        double[] t = estimate.Theta;
        var parameters = new GammaGammaParameters(t[0], t[1], t[2]);
        if (parameters.Q <= 1d)
        {
            warnings.Add($"q = {parameters.Q:G6} is at most 1: the mean spend is infinite under the fitted model, so expected spends cannot be computed.");
        }

        return new GammaGammaFit(parameters, estimate, buyers.Length, correlation, [.. estimate.Warnings, .. warnings]);
    }
}

/// <summary>
/// The Gamma-Gamma log-likelihood and its gradient over repeat buyers, rows of equal (x, m) merged, and the gamma terms
/// that depend only on x computed once per distinct x.
/// </summary>
internal sealed class GammaGammaLikelihood : ILogLikelihood
{
    private readonly int[] _slot;
    private readonly double[] _x;
    private readonly double[] _m;
    private readonly double[] _lnM;
    private readonly double[] _lnX;
    private readonly double[] _weight;
    private readonly double[] _distinctX;
    private readonly int _maxDegreeOfParallelism;

    public GammaGammaLikelihood(IReadOnlyList<CustomerPurchases> buyers, int maxDegreeOfParallelism)
    {
        var rows = new Dictionary<(int, double), int>();
        var slots = new Dictionary<int, int>();
        var slot = new List<int>();
        var x = new List<double>();
        var m = new List<double>();
        var weight = new List<double>();
        var distinct = new List<double>();
        foreach (CustomerPurchases c in buyers)
        {
            ref int row = ref CollectionsMarshal.GetValueRefOrAddDefault(rows, (c.Frequency, c.MonetaryValue), out bool known);
            if (!known)
            {
                row = x.Count;
                ref int s = ref CollectionsMarshal.GetValueRefOrAddDefault(slots, c.Frequency, out bool seen);
                if (!seen)
                {
                    s = distinct.Count;
                    distinct.Add(c.Frequency);
                }

                slot.Add(s);
                x.Add(c.Frequency);
                m.Add(c.MonetaryValue);
                weight.Add(0d);
            }

            weight[row] += 1d;
        }

        _slot = [.. slot];
        _x = [.. x];
        _m = [.. m];
        _lnM = [.. m.Select(static v => Math.Log(v))];
        _lnX = [.. x.Select(static v => Math.Log(v))];
        _weight = [.. weight];
        _distinctX = [.. distinct];
        TotalWeight = buyers.Count;
        _maxDegreeOfParallelism = maxDegreeOfParallelism;
    }

    public int ParameterCount => 3;

    public double TotalWeight { get; }

    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double p = theta[0], q = theta[1], v = theta[2];
        int d = _distinctX.Length;
        var lnGammas = new double[d];
        var digammas = new double[d];
        var digammaSums = new double[d];
        for (int s = 0; s < d; s++)
        {
            double px = p * _distinctX[s];
            lnGammas[s] = SpecialFunctions.GammaLn(px + q) - SpecialFunctions.GammaLn(px);
            digammaSums[s] = SpecialFunctions.DiGamma(px + q);
            digammas[s] = digammaSums[s] - SpecialFunctions.DiGamma(px);
        }

        double lnGammaQ = SpecialFunctions.GammaLn(q);
        double digammaQ = SpecialFunctions.DiGamma(q);
        double lnV = Math.Log(v);
        int[] slots = _slot;
        double[] xs = _x, ms = _m, lnMs = _lnM, lnXs = _lnX, weights = _weight;
        Span<double> total = stackalloc double[4];
        LikelihoodBlocks.Sum(xs.Length, total, _maxDegreeOfParallelism, (start, end, partial) =>
        {
            double ll = 0d, dp = 0d, dq = 0d, dv = 0d;
            for (int i = start; i < end; i++)
            {
                int s = slots[i];
                double x = xs[i], w = weights[i], px = p * x;
                double spend = (x * ms[i]) + v;
                double lnSpend = Math.Log(spend);
                ll += w * (lnGammas[s] - lnGammaQ + (q * lnV) + ((px - 1d) * lnMs[i]) + (px * lnXs[i]) - ((px + q) * lnSpend));
                dp += w * x * (digammas[s] + lnMs[i] + lnXs[i] - lnSpend);
                dq += w * (digammaSums[s] - digammaQ + lnV - lnSpend);
                dv += w * ((q / v) - ((px + q) / spend));
            }

            partial[0] += ll;
            partial[1] += dp;
            partial[2] += dq;
            partial[3] += dv;
        });

        total[1..].CopyTo(gradient);
        return total[0];
    }
}
