using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace CustomerSegmentation.Data;

/// <summary>
/// Every data row that a CSV reader skipped under <see cref="BadRowPolicy.Skip"/>: how many, how many for each reason,
/// and the first few in full. Nothing unreadable is dropped without being counted here.
/// </summary>
public sealed class SkippedRowsReport
{
    internal SkippedRowsReport(IReadOnlyDictionary<SkipReason, int> countByReason, ImmutableArray<SkippedRow> samples)
    {
        CountByReason = countByReason.Where(p => p.Value > 0).ToFrozenDictionary();
        Count = CountByReason.Values.Sum();
        Samples = samples;
    }

    /// <summary>A report of zero skipped rows.</summary>
    public static SkippedRowsReport None { get; } = new(FrozenDictionary<SkipReason, int>.Empty, []);

    /// <summary>The number of skipped data rows.</summary>
    public int Count { get; }

    /// <summary>True when no row was skipped.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>The number of skipped rows for each reason that occurred (reasons with zero rows are absent).</summary>
    public IReadOnlyDictionary<SkipReason, int> CountByReason { get; }

    /// <summary>
    /// The first skipped rows, in file order, at most <see cref="CsvReadOptions.MaxReportedSkippedRows"/> of them.
    /// </summary>
    public ImmutableArray<SkippedRow> Samples { get; }

    /// <summary>A readable summary: the count, the count for each reason, and the sampled rows one per line.</summary>
    public override string ToString()
    {
        if (IsEmpty)
        {
            return "No rows were skipped.";
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Count} {(Count == 1 ? "row was" : "rows were")} skipped (");
        text.AppendJoin(", ", CountByReason.OrderBy(p => p.Key).Select(p => $"{Describe(p.Key)}: {p.Value}"));
        text.Append(')');
        if (!Samples.IsEmpty)
        {
            text.Append(Samples.Length == Count ? ":" : $"; the first {Samples.Length}:");
            foreach (SkippedRow row in Samples)
            {
                text.AppendLine().Append("  ").Append(row.Message);
            }
        }
        else
        {
            text.Append('.');
        }

        return text.ToString();
    }

    internal static string Describe(SkipReason reason) => reason switch
    {
        SkipReason.NotANumber => "not a number",
        SkipReason.EmptyValue => "empty value",
        SkipReason.NotFinite => "not finite",
        SkipReason.WrongFieldCount => "wrong field count",
        SkipReason.MalformedQuotes => "malformed quotes",
        SkipReason.NotADate => "not a date",
        SkipReason.AfterLatestDate => "after the latest date",
        _ => reason.ToString(),
    };
}
