using System.Collections.Immutable;
using System.Runtime.InteropServices;

using CustomerSegmentation.Data;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Scaling;

namespace CustomerSegmentation.Loyalty;

/// <summary>Options of <see cref="LifetimeValueAnalyzer"/>. Values are validated when set.</summary>
public sealed record LifetimeValueOptions
{
    /// <summary>The CLV horizon in months.</summary>
    /// <value>The default value is 12.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 1 or more than 1200.</exception>
    public int HorizonMonths { get; init => field = value is >= 1 and <= 1200 ? value : throw new ArgumentOutOfRangeException(nameof(HorizonMonths), value, "HorizonMonths must be between 1 and 1200."); } = 12;

    /// <summary>The monthly discount rate of future spend (0.01 = 1% a month, lifetimes' default).</summary>
    /// <value>The default value is 0.01.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative, not finite or at least 1 rate.</exception>
    public double MonthlyDiscountRate { get; init => field = double.IsFinite(value) && value is >= 0d and < 1d ? value : throw new ArgumentOutOfRangeException(nameof(MonthlyDiscountRate), value, "MonthlyDiscountRate must be at least 0 and below 1 (0.01 is 1% a month)."); } = 0.01;

    /// <summary>The window of <see cref="CustomerLifetimeValue.ExpectedPurchases"/>, in periods of the summary's unit.</summary>
    /// <value>The default value is 1 (the next day or week).</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not positive and finite.</exception>
    public double PredictionPeriods { get; init => field = double.IsFinite(value) && value > 0d ? value : throw new ArgumentOutOfRangeException(nameof(PredictionPeriods), value, "PredictionPeriods must be a positive number of periods."); } = 1d;

    /// <summary>How the two models are fitted.</summary>
    /// <value>The default value is the defaults of <see cref="LikelihoodFitOptions"/>.</value>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public LikelihoodFitOptions Fit { get; init => field = value ?? throw new ArgumentNullException(nameof(Fit)); } = new();
}

/// <summary>One customer's lifetime figures.</summary>
/// <param name="CustomerId">The customer's id.</param>
/// <param name="Frequency">x: repeat purchase days.</param>
/// <param name="Recency">t_x: time from the first to the last purchase day, in the summary's unit.</param>
/// <param name="Age">T: time from the first purchase day to the end of observation, in the summary's unit.</param>
/// <param name="ProbabilityAlive">P(alive) under BG/NBD.</param>
/// <param name="ExpectedPurchases">The expected purchases in the next <see cref="LifetimeValueOptions.PredictionPeriods"/> periods.</param>
/// <param name="ExpectedAverageSpend">The expected spend per purchase under Gamma-Gamma.</param>
/// <param name="Clv">The discounted expected spend over the horizon.</param>
public readonly record struct CustomerLifetimeValue(
    string CustomerId, int Frequency, double Recency, double Age, double ProbabilityAlive, double ExpectedPurchases, double ExpectedAverageSpend, double Clv);

/// <summary>The lifetime values of all customers of a summary, with the two fits they come from.</summary>
public sealed class LifetimeValueResult
{
    /// <summary>The feature names of <see cref="ToCustomerTable"/>, in column order.</summary>
    public static readonly ImmutableArray<string> FeatureNames = ["CLV", "P(alive)", "Recency"];

    private Dictionary<string, int>? _byId;

    internal LifetimeValueResult(ImmutableArray<CustomerLifetimeValue> customers, BgNbdFit purchases, GammaGammaFit spend, LifetimeValueOptions options, PeriodUnit unit)
    {
        Customers = customers;
        Purchases = purchases;
        Spend = spend;
        Options = options;
        Unit = unit;
    }

    /// <summary>One row per customer, in the order of the summary.</summary>
    public ImmutableArray<CustomerLifetimeValue> Customers { get; }

    /// <summary>The BG/NBD fit behind P(alive) and the expected purchases.</summary>
    public BgNbdFit Purchases { get; }

    /// <summary>The Gamma-Gamma fit behind the expected spends.</summary>
    public GammaGammaFit Spend { get; }

    /// <summary>The options used.</summary>
    public LifetimeValueOptions Options { get; }

    /// <summary>The unit of recency, age and the prediction window.</summary>
    public PeriodUnit Unit { get; }

    /// <summary>Every warning of the two fits.</summary>
    public ImmutableArray<string> Warnings => [.. Purchases.Warnings, .. Spend.Warnings];

    /// <summary>The row of the customer with id <paramref name="customerId"/> (ordinal match).</summary>
    /// <param name="customerId">The customer's id.</param>
    /// <exception cref="KeyNotFoundException">No customer has that id.</exception>
    public CustomerLifetimeValue this[string customerId]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(customerId);
            _byId ??= Customers.Select((c, i) => (c.CustomerId, i)).ToDictionary(p => p.CustomerId, p => p.i, StringComparer.Ordinal);
            return _byId.TryGetValue(customerId, out int i)
                ? Customers[i]
                : throw new KeyNotFoundException($"No customer has the id '{customerId}' in this lifetime value result.");
        }
    }

    /// <summary>
    /// The customers as a table for segmentation: one row per customer, the features <see cref="FeatureNames"/> (CLV in
    /// currency, P(alive) in [0, 1], Recency as the time since the last purchase, T - t_x, in the summary's unit).
    /// </summary>
    /// <returns>The table.</returns>
    public CustomerTable ToCustomerTable()
    {
        int n = Customers.Length;
        var columns = new[] { new double[n], new double[n], new double[n] };
        for (int i = 0; i < n; i++)
        {
            CustomerLifetimeValue c = Customers[i];
            columns[0][i] = c.Clv;
            columns[1][i] = c.ProbabilityAlive;
            columns[2][i] = c.Age - c.Recency;
        }

        return CustomerTable.FromFeatures(FeatureMatrix.FromColumns(columns, FeatureNames), [.. Customers.Select(c => c.CustomerId)]);
    }

    /// <summary>
    /// Each customer's expected spend over the next <paramref name="months"/> months, undiscounted: the expected
    /// purchases in that time (BG/NBD, given the customer's history) times the expected spend per purchase
    /// (Gamma-Gamma), rounded to cents. This is the projection <see cref="SpendTierHistory.Project(LifetimeValueResult)"/>
    /// turns into a projected spend tier.
    /// </summary>
    /// <param name="months">The length of the projection in months (a month is 30 days or 4.345 weeks); 12 for a tier year.</param>
    /// <returns>The projected spend per customer id (ordinal), at least 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="months"/> is less than 1 or more than 1200.</exception>
    public IReadOnlyDictionary<string, decimal> ProjectedSpend(int months = 12)
    {
        if (months is < 1 or > 1200)
        {
            throw new ArgumentOutOfRangeException(nameof(months), months, "The projection must cover 1 to 1200 months (12 for a tier year).");
        }

        double periods = months * PeriodUnits.PerMonth(Unit);
        var spend = new Dictionary<string, decimal>(Customers.Length, StringComparer.Ordinal);
        foreach (CustomerLifetimeValue c in Customers)
        {
            double value = Purchases.Parameters.ExpectedPurchases(periods, c.Frequency, c.Recency, c.Age) * c.ExpectedAverageSpend;
            spend[c.CustomerId] = (decimal)Math.Round(Math.Max(0d, value), 2, MidpointRounding.AwayFromZero);
        }

        return spend;
    }

    /// <summary>A segmentation pipeline over <see cref="ToCustomerTable"/>, standardised, like <see cref="RfmResult.ToSegmentationPipeline"/>.</summary>
    /// <returns>The pipeline; choose K, the clusterer and the seed on it as on any other.</returns>
    public SegmentationPipeline ToSegmentationPipeline()
        => SegmentationPipeline.FromTable(ToCustomerTable()).WithScaling(FeatureScaling.Standard);
}

/// <summary>
/// Customer lifetime value from a purchase summary: BG/NBD for how many purchases, Gamma-Gamma for how much each, and
/// lifetimes' <c>customer_lifetime_value</c> for the discounted sum over months i = 1..H of expected spend times the
/// expected purchases of month i, divided by (1 + monthly discount)^i. A month is 30 days or 4.345 weeks.
/// </summary>
/// <param name="options">The options; null means the defaults.</param>
public sealed class LifetimeValueAnalyzer(LifetimeValueOptions? options = null)
{
    /// <summary>The options in use.</summary>
    public LifetimeValueOptions Options { get; } = options ?? new LifetimeValueOptions();

    /// <summary>Fits both models to <paramref name="summary"/> and computes every customer's figures.</summary>
    /// <param name="summary">The customers' purchase summary.</param>
    /// <param name="progress">Receives the fits' progress; optional.</param>
    /// <param name="cancellationToken">Checked at every likelihood evaluation and between blocks of the predictions.</param>
    /// <returns>The per-customer table and the fits.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    /// <exception cref="ArgumentException">No customer (BG/NBD) or fewer than two (Gamma-Gamma) have repeat purchases.</exception>
    /// <exception cref="InvalidOperationException">A log-likelihood is not finite anywhere, or the fitted Gamma-Gamma q is at most 1 (infinite mean spend).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public LifetimeValueResult Analyze(PurchaseSummary summary, IProgress<LikelihoodFitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        BgNbdFit purchases = new BgNbdEstimator(Options.Fit).Fit(summary, progress, cancellationToken);
        GammaGammaFit spend = new GammaGammaEstimator(Options.Fit).Fit(summary, progress, cancellationToken);
        return Analyze(summary, purchases, spend, cancellationToken);
    }

    /// <summary>Computes every customer's figures from fits made earlier.</summary>
    /// <param name="summary">The customers' purchase summary, in the unit <paramref name="purchases"/> was fitted in.</param>
    /// <param name="purchases">A BG/NBD fit.</param>
    /// <param name="spend">A Gamma-Gamma fit.</param>
    /// <param name="cancellationToken">Checked between blocks of 4,096 distinct histories.</param>
    /// <returns>The per-customer table and the fits.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="summary"/> is in another unit than <paramref name="purchases"/>.</exception>
    /// <exception cref="InvalidOperationException">The Gamma-Gamma q is at most 1 (infinite mean spend).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public LifetimeValueResult Analyze(PurchaseSummary summary, BgNbdFit purchases, GammaGammaFit spend, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(spend);
        if (summary.Unit != purchases.Unit)
        {
            throw new ArgumentException($"The summary is in {PeriodUnits.Name(summary.Unit)} but the BG/NBD model was fitted in {PeriodUnits.Name(purchases.Unit)}.", nameof(summary));
        }

        _ = spend.Parameters.PopulationMeanSpend;
        BgNbdParameters bg = purchases.Parameters;
        double month = PeriodUnits.PerMonth(summary.Unit);

        // The purchase figures depend on (x, t_x, T) only: computed once per distinct history, in parallel (each
        // independently, so the result does not depend on the thread count).
        var distinct = new Dictionary<(int, double, double), int>();
        var histories = new List<CustomerPurchases>();
        var slot = new int[summary.Customers.Length];
        for (int i = 0; i < slot.Length; i++)
        {
            CustomerPurchases c = summary.Customers[i];
            ref int s = ref CollectionsMarshal.GetValueRefOrAddDefault(distinct, (c.Frequency, c.Recency, c.Age), out bool known);
            if (!known)
            {
                s = histories.Count;
                histories.Add(c);
            }

            slot[i] = s;
        }

        var alive = new double[histories.Count];
        var next = new double[histories.Count];
        var discounted = new double[histories.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.Fit.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, (histories.Count + 4095) / 4096, parallel, block =>
        {
            for (int h = block * 4096; h < Math.Min(histories.Count, (block + 1) * 4096); h++)
            {
                CustomerPurchases c = histories[h];
                double sum = 0d, before = 0d;
                for (int m = 1; m <= Options.HorizonMonths; m++)
                {
                    double upTo = bg.ExpectedPurchases(m * month, c.Frequency, c.Recency, c.Age);
                    sum += (upTo - before) / Math.Pow(1d + Options.MonthlyDiscountRate, m);
                    before = upTo;
                }

                alive[h] = bg.ProbabilityAlive(c.Frequency, c.Recency, c.Age);
                next[h] = bg.ExpectedPurchases(Options.PredictionPeriods, c.Frequency, c.Recency, c.Age);
                discounted[h] = sum;
            }
        });

        var rows = new CustomerLifetimeValue[summary.Customers.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            CustomerPurchases c = summary.Customers[i];
            double average = spend.Parameters.ExpectedAverageSpend(c);
            int h = slot[i];
            rows[i] = new CustomerLifetimeValue(c.CustomerId, c.Frequency, c.Recency, c.Age, alive[h], next[h], average, average * discounted[h]);
        }

        return new LifetimeValueResult([.. rows], purchases, spend, Options, summary.Unit);
    }
}
