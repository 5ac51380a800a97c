using CustomerSegmentation.Data;
using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Tests.Loyalty.Lifetime;

/// <summary>The CDNOW sample (../shared/data), read once, split at 1997-09-30 in weeks as in the paper.</summary>
internal static class Cdnow
{
    public static readonly DateOnly CalibrationEnd = new(1997, 9, 30);

    public static readonly DateOnly HoldoutEnd = new(1998, 6, 30);

    /// <summary>The whitespace-separated, headerless layout of the file.</summary>
    public static TransactionCsvOptions Options => new()
    {
        WhitespaceSeparated = true,
        ColumnNames = ["MasterId", "CustomerId", "Date", "CDs", "Dollars"],
        CustomerIdColumn = "CustomerId",
        TimestampColumn = "Date",
        Amount = TransactionAmount.Column("Dollars"),
        DateFormats = ["yyyyMMdd"],
        BadRows = BadRowPolicy.FailFast,
    };

    private static readonly Lazy<TransactionSet> LazyTransactions = new(() => TransactionCsv.Read(TestData.CdnowSample()!, Options));

    private static readonly Lazy<CalibrationHoldout> LazySplit = new(() => CalibrationHoldout.Split(Transactions, CalibrationEnd, HoldoutEnd, PeriodUnit.Weeks));

    private static readonly Lazy<BgNbdFit> LazyFit = new(() => new BgNbdEstimator().Fit(Split.Calibration));

    public static TransactionSet Transactions => LazyTransactions.Value;

    public static CalibrationHoldout Split => LazySplit.Value;

    public static BgNbdFit BgNbd => LazyFit.Value;
}
