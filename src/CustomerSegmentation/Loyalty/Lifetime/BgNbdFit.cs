using System.Collections.Immutable;

namespace CustomerSegmentation.Loyalty;

/// <summary>A BG/NBD model fitted by maximum likelihood to a purchase summary.</summary>
public sealed class BgNbdFit : LikelihoodFit
{
    internal BgNbdFit(BgNbdParameters parameters, MaximumLikelihoodEstimate estimate, PeriodUnit unit, int customers, int distinctRows)
        : base(estimate, estimate.Warnings)
    {
        Parameters = parameters;
        Unit = unit;
        Customers = customers;
        DistinctRows = distinctRows;
    }

    /// <summary>The fitted parameters, with the model's predictions.</summary>
    public BgNbdParameters Parameters { get; }

    /// <summary>The unit of the summary the model was fitted on; predictions take and give times in it.</summary>
    public PeriodUnit Unit { get; }

    /// <summary>The number of customers fitted.</summary>
    public int Customers { get; }

    /// <summary>The number of distinct (x, t_x, T) rows the likelihood summed over.</summary>
    public int DistinctRows { get; }
}

/// <summary>Fits the BG/NBD model (see <see cref="BgNbdParameters"/>) by maximum likelihood.</summary>
/// <param name="options">How to fit; null means the defaults.</param>
public sealed class BgNbdEstimator(LikelihoodFitOptions? options = null)
{
    private static readonly string[] Names = ["r", "alpha", "a", "b"];

    /// <summary>The options in use.</summary>
    public LikelihoodFitOptions Options { get; } = options ?? new LikelihoodFitOptions();

    /// <summary>Fits r, alpha, a and b to <paramref name="summary"/>, starting from 1, 1, 1, 1 as lifetimes does.</summary>
    /// <param name="summary">The customers' purchase summary.</param>
    /// <param name="progress">Receives the log-likelihood after each evaluation; optional.</param>
    /// <param name="cancellationToken">Checked at every evaluation of the likelihood.</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    /// <exception cref="ArgumentException">No customer in <paramref name="summary"/> has a repeat purchase, so the dropout process cannot be estimated.</exception>
    /// <exception cref="InvalidOperationException">The log-likelihood is not finite anywhere the optimiser went.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public BgNbdFit Fit(PurchaseSummary summary, IProgress<LikelihoodFitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.RepeatBuyers == 0)
        {
            throw new ArgumentException(
                $"None of the {summary.Customers.Length} customers has a repeat purchase (every one bought on one day only), so BG/NBD cannot estimate how often customers buy again or drop out. Observe a longer period.",
                nameof(summary));
        }

        var likelihood = new BgNbdLikelihood(summary, Options.MaxDegreeOfParallelism);
        MaximumLikelihoodEstimate estimate = MaximumLikelihood.Fit(likelihood, "BG/NBD", Names, [1d, 1d, 1d, 1d], Options, progress, cancellationToken);
        double[] t = estimate.Theta;
        return new BgNbdFit(new BgNbdParameters(t[0], t[1], t[2], t[3]), estimate, summary.Unit, summary.Customers.Length, likelihood.Rows);
    }
}
