using CustomerSegmentation.Data;

namespace CustomerSegmentation.Loyalty;

/// <summary>
/// What the reader did with every data row of a transaction file. Each row is counted exactly once:
/// <see cref="RowsRead"/> = <see cref="RowsKept"/> + <see cref="SkippedRows"/>.<see cref="SkippedRowsReport.Count"/> +
/// <see cref="ReturnsExcluded"/> + <see cref="ReturnsWithoutPurchase"/>. Unreadable rows (an empty customer id, a bad
/// timestamp or amount, a stray quote, a ragged row, a date after <see cref="LatestDate"/>) are skipped rows; returns set aside by <see cref="ReturnsPolicy"/> are counted
/// on their own, because they are readable lines left out on purpose.
/// </summary>
public sealed class TransactionHygieneReport
{
    internal TransactionHygieneReport(long rowsRead, long rowsKept, long returnsExcluded, long returnsWithoutPurchase, long returnsNetted, SkippedRowsReport skippedRows, DateOnly latestDate)
    {
        LatestDate = latestDate;
        RowsRead = rowsRead;
        RowsKept = rowsKept;
        ReturnsExcluded = returnsExcluded;
        ReturnsWithoutPurchase = returnsWithoutPurchase;
        ReturnsNetted = returnsNetted;
        SkippedRows = skippedRows;
    }

    /// <summary>The number of data rows read (the header and blank lines are not rows).</summary>
    public long RowsRead { get; }

    /// <summary>The number of rows kept as transactions (including netted returns).</summary>
    public long RowsKept { get; }

    /// <summary>The number of rows not kept, for whatever reason: skipped as unreadable, or returns set aside.</summary>
    public long RowsSetAside => RowsRead - RowsKept;

    /// <summary>The unreadable rows skipped (under <see cref="BadRowPolicy.Skip"/>), counted by reason, the first few in full.</summary>
    public SkippedRowsReport SkippedRows { get; }

    /// <summary>The last day a row could be dated (<see cref="TransactionCsvOptions.LatestDate"/>, or the day after the read).</summary>
    public DateOnly LatestDate { get; }

    /// <summary>
    /// The number of rows dated after <see cref="LatestDate"/>, set aside among <see cref="SkippedRows"/> (reason
    /// <see cref="SkipReason.AfterLatestDate"/>; the first ones are in its samples with their lines).
    /// </summary>
    public long DatedAfterLatest => SkippedRows.CountByReason.GetValueOrDefault(SkipReason.AfterLatestDate);

    /// <summary>The number of return lines set aside under <see cref="ReturnsPolicy.Exclude"/> (0 under <see cref="ReturnsPolicy.NetAgainstPurchases"/>).</summary>
    public long ReturnsExcluded { get; }

    /// <summary>
    /// The number of return lines set aside under <see cref="ReturnsPolicy.NetAgainstPurchases"/> because their customer
    /// has no purchase in the file (RFM needs at least one purchase).
    /// </summary>
    public long ReturnsWithoutPurchase { get; }

    /// <summary>The number of kept rows that are returns netted against purchases (0 under <see cref="ReturnsPolicy.Exclude"/>).</summary>
    public long ReturnsNetted { get; }

    /// <summary>
    /// A one-line summary, e.g. "1000 rows read, 990 kept, 10 set aside (4 skipped as unreadable, 6 returns excluded)".
    /// </summary>
    /// <returns>The summary; <see cref="SkippedRows"/> says more about the skipped rows.</returns>
    public override string ToString()
    {
        var parts = new List<string>(4);
        long unreadable = SkippedRows.Count - DatedAfterLatest;
        if (unreadable > 0)
        {
            parts.Add($"{unreadable} skipped as unreadable");
        }

        if (DatedAfterLatest > 0)
        {
            parts.Add($"{DatedAfterLatest} dated after the latest date {LatestDate:yyyy-MM-dd}");
        }

        if (ReturnsExcluded > 0)
        {
            parts.Add($"{ReturnsExcluded} {(ReturnsExcluded == 1 ? "return" : "returns")} excluded");
        }

        if (ReturnsWithoutPurchase > 0)
        {
            parts.Add($"{ReturnsWithoutPurchase} {(ReturnsWithoutPurchase == 1 ? "return" : "returns")} without a purchase");
        }

        string detail = string.Join(", ", parts);
        return $"{RowsRead} rows read, {RowsKept} kept, {RowsSetAside} set aside" + (detail.Length > 0 ? $" ({detail})" : string.Empty);
    }
}
