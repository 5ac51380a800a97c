using System.Collections.Immutable;

namespace CustomerSegmentation.Loyalty;

/// <summary>How well a BG/NBD fit on the calibration period predicts the repeat purchases of the holdout period.</summary>
public sealed class HoldoutEvaluation
{
    private HoldoutEvaluation(ImmutableArray<double> predicted, ImmutableArray<int> actual, double cumulativePredicted, long cumulativeActual)
    {
        CumulativePredicted = cumulativePredicted;
        CumulativeActual = cumulativeActual;
        CumulativeRelativeError = cumulativeActual == 0 ? 0d : (cumulativePredicted - cumulativeActual) / cumulativeActual;
        Predicted = predicted;
        Actual = actual;
        TotalPredicted = predicted.Sum();
        TotalActual = actual.Sum(static a => (long)a);
        double correlation = MathNet.Numerics.Statistics.Correlation.Pearson(predicted, actual.Select(static a => (double)a));
        Correlation = double.IsFinite(correlation) ? correlation : 0d;
        TotalRelativeError = TotalActual == 0 ? (TotalPredicted == 0d ? 0d : double.PositiveInfinity) : (TotalPredicted - TotalActual) / TotalActual;
    }

    /// <summary>Each calibration customer's expected purchases over the holdout length, in the summary's order.</summary>
    public ImmutableArray<double> Predicted { get; }

    /// <summary>Each calibration customer's purchase days in the holdout period.</summary>
    public ImmutableArray<int> Actual { get; }

    /// <summary>The sum of <see cref="Predicted"/>.</summary>
    public double TotalPredicted { get; }

    /// <summary>The sum of <see cref="Actual"/>.</summary>
    public long TotalActual { get; }

    /// <summary>The Pearson correlation of predicted and actual purchases per customer (0 when either is constant).</summary>
    public double Correlation { get; }

    /// <summary>(total predicted - total actual) / total actual: negative when the model under-forecasts (infinity when nothing was bought but something predicted).</summary>
    public double TotalRelativeError { get; }

    /// <summary>
    /// The paper's tracking figure at the end of the holdout: the expected cumulative repeat purchases of the cohort from
    /// each customer's first purchase (eq. 7, E[X(T + holdout length)] summed over customers), unconditional on their history.
    /// </summary>
    public double CumulativePredicted { get; }

    /// <summary>The actual cumulative repeat purchases: calibration x plus holdout purchases, summed over customers.</summary>
    public long CumulativeActual { get; }

    /// <summary>(cumulative predicted - actual) / actual (CDNOW: about -4%, as the paper reports).</summary>
    public double CumulativeRelativeError { get; }

    /// <summary>Predicts the holdout purchases of every calibration customer of <paramref name="split"/> with <paramref name="fit"/> and compares them with what happened.</summary>
    /// <param name="fit">A BG/NBD fit on <paramref name="split"/>'s calibration summary.</param>
    /// <param name="split">The calibration and holdout data.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The fit is in another unit than the split.</exception>
    public static HoldoutEvaluation Evaluate(BgNbdFit fit, CalibrationHoldout split)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(split);
        if (fit.Unit != split.Calibration.Unit)
        {
            throw new ArgumentException($"The fit is in {PeriodUnits.Name(fit.Unit)} but the split in {PeriodUnits.Name(split.Calibration.Unit)}.", nameof(fit));
        }

        ImmutableArray<double> predicted = [.. split.Calibration.Customers.Select(c => fit.Parameters.ExpectedPurchases(split.HoldoutLength, c))];
        double cumulative = split.Calibration.Customers.Sum(c => fit.Parameters.ExpectedPurchasesOfNewCustomer(c.Age + split.HoldoutLength));
        long actual = split.Calibration.Customers.Sum(static c => (long)c.Frequency) + split.TotalHoldoutPurchases;
        return new HoldoutEvaluation(predicted, split.HoldoutPurchases, cumulative, actual);
    }
}
