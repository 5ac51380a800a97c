namespace CustomerSegmentation.Data;

/// <summary>Skipped rows counted by reason as they come, the first few kept in full for the report.</summary>
/// <param name="maxReported">How many skipped rows to keep in full.</param>
internal sealed class SkippedRowTally(int maxReported)
{
    private readonly Dictionary<SkipReason, int> _counts = [];
    private readonly List<SkippedRow> _samples = [];

    public int Count { get; private set; }

    public void Add(SkippedRow row)
    {
        Count++;
        _counts[row.Reason] = _counts.GetValueOrDefault(row.Reason) + 1;
        if (_samples.Count < maxReported)
        {
            _samples.Add(row);
        }
    }

    /// <summary>Adds the rows of a report (of a later part of the same source): its counts in full, its samples while there is room.</summary>
    public void Add(SkippedRowsReport report)
    {
        Count += report.Count;
        foreach ((SkipReason reason, int count) in report.CountByReason)
        {
            _counts[reason] = _counts.GetValueOrDefault(reason) + count;
        }

        foreach (SkippedRow row in report.Samples)
        {
            if (_samples.Count < maxReported)
            {
                _samples.Add(row);
            }
        }
    }

    public SkippedRowsReport ToReport() => Count == 0 ? SkippedRowsReport.None : new SkippedRowsReport(_counts, [.. _samples]);
}
