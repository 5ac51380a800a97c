using System.Collections.Immutable;

namespace CustomerSegmentation.Loyalty;

/// <summary>
/// Transactions split at a date (lifetimes' <c>calibration_and_holdout_data</c>): the purchase summary of the calibration
/// period, and for each of its customers the repeat purchase days of the holdout period after it.
/// </summary>
public sealed class CalibrationHoldout
{
    private CalibrationHoldout(PurchaseSummary calibration, ImmutableArray<int> holdoutPurchases, double holdoutLength, DateOnly holdoutEnd)
    {
        Calibration = calibration;
        HoldoutPurchases = holdoutPurchases;
        HoldoutLength = holdoutLength;
        HoldoutEnd = holdoutEnd;
    }

    /// <summary>The summary of the calibration period, to fit the models on.</summary>
    public PurchaseSummary Calibration { get; }

    /// <summary>The number of purchase days of each calibration customer in the holdout period, in the order of <see cref="PurchaseSummary.Customers"/>.</summary>
    public ImmutableArray<int> HoldoutPurchases { get; }

    /// <summary>The length of the holdout period in the calibration summary's unit.</summary>
    public double HoldoutLength { get; }

    /// <summary>The last day of the holdout period (inclusive).</summary>
    public DateOnly HoldoutEnd { get; }

    /// <summary>The purchase days of all calibration customers in the holdout period.</summary>
    public long TotalHoldoutPurchases => HoldoutPurchases.Sum(static h => (long)h);

    /// <summary>Splits <paramref name="transactions"/> into a calibration period ending on <paramref name="calibrationEnd"/> and a holdout period up to <paramref name="holdoutEnd"/>.</summary>
    /// <param name="transactions">The transactions read from a file.</param>
    /// <param name="calibrationEnd">The last day of the calibration period (inclusive).</param>
    /// <param name="holdoutEnd">The last day of the holdout period (inclusive), after <paramref name="calibrationEnd"/>.</param>
    /// <param name="unit">The unit of recency, age and the holdout length.</param>
    /// <param name="cancellationToken">Checked before the work and every 65,536 transactions.</param>
    /// <returns>The split. Customers whose first purchase is in the holdout period are not in it (they have no calibration history).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="holdoutEnd"/> is not after <paramref name="calibrationEnd"/>, <paramref name="calibrationEnd"/> is before the first purchase, or <paramref name="unit"/> is undefined.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static CalibrationHoldout Split(TransactionSet transactions, DateOnly calibrationEnd, DateOnly holdoutEnd, PeriodUnit unit = PeriodUnit.Days, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        if (holdoutEnd <= calibrationEnd)
        {
            throw new ArgumentOutOfRangeException(nameof(holdoutEnd), holdoutEnd, $"The holdout end {holdoutEnd:yyyy-MM-dd} must be after the calibration end {calibrationEnd:yyyy-MM-dd}.");
        }

        PurchaseDays all = PurchaseDays.Collect(transactions.Transactions, holdoutEnd, cancellationToken);
        if (all.FirstPurchase is { } first && calibrationEnd < first)
        {
            throw new ArgumentOutOfRangeException(nameof(calibrationEnd), calibrationEnd, $"The calibration end {calibrationEnd:yyyy-MM-dd} is before the first purchase ({first:yyyy-MM-dd}), so the calibration period is empty. Choose a date after the first purchase.");
        }

        PurchaseSummary calibration = PurchaseSummary.FromTransactions(transactions, calibrationEnd, unit, cancellationToken);
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < all.CustomerCount; c++)
        {
            positions[all.CustomerId(c)] = c;
        }

        int[] holdout = [.. calibration.Customers.Select(c => all.CountAfter(positions[c.CustomerId], calibrationEnd))];
        double length = (holdoutEnd.DayNumber - calibrationEnd.DayNumber) / PeriodUnits.DaysPer(unit);
        return new CalibrationHoldout(calibration, [.. holdout], length, holdoutEnd);
    }
}
