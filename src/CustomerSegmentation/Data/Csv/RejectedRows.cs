using System.Collections.Immutable;

namespace CustomerSegmentation.Data.Csv;

/// <summary>
/// The rows one read rejects, under its <see cref="BadRowPolicy"/>: the first one is thrown under
/// <see cref="BadRowPolicy.FailFast"/>; under <see cref="BadRowPolicy.Skip"/> each is counted by reason and the first
/// <see cref="CsvReadOptions.MaxReportedSkippedRows"/> are kept for the <see cref="SkippedRowsReport"/>.
/// </summary>
internal sealed class RejectedRows(CsvReadOptions options, string source)
{
    private readonly Dictionary<SkipReason, int> _countByReason = [];
    private readonly ImmutableArray<SkippedRow>.Builder _samples = ImmutableArray.CreateBuilder<SkippedRow>();

    /// <summary>The number of rows rejected so far.</summary>
    public int Count { get; private set; }

    /// <summary>Rejects one row.</summary>
    /// <exception cref="DataFormatException">The policy is <see cref="BadRowPolicy.FailFast"/> (the message is the row's, with where and what to do).</exception>
    public void Add(SkippedRow row)
    {
        if (options.BadRows == BadRowPolicy.FailFast)
        {
            string optionsName = options.GetType().Name;
            throw new DataFormatException(
                $"{row.Message} (in {source}). To skip bad rows and get a report of them instead, set {optionsName}.{nameof(CsvReadOptions.BadRows)} to {nameof(BadRowPolicy)}.{nameof(BadRowPolicy.Skip)}.",
                row.LineNumber,
                row.Column,
                row.Text)
            {
                Reason = row.Reason,
            };
        }

        Count++;
        _countByReason[row.Reason] = _countByReason.GetValueOrDefault(row.Reason) + 1;
        if (_samples.Count < options.MaxReportedSkippedRows)
        {
            _samples.Add(row);
        }
    }

    /// <summary>Forgets the rows rejected so far (a chunked read reports each chunk's own).</summary>
    /// <summary>Adds the rows rejected in a later range of the same file, after the ones already here.</summary>
    public void Append(RejectedRows later)
    {
        Count += later.Count;
        foreach ((SkipReason reason, int count) in later._countByReason)
        {
            _countByReason[reason] = _countByReason.GetValueOrDefault(reason) + count;
        }

        for (int i = 0; i < later._samples.Count && _samples.Count < options.MaxReportedSkippedRows; i++)
        {
            _samples.Add(later._samples[i]);
        }
    }

    public void Clear()
    {
        Count = 0;
        _countByReason.Clear();
        _samples.Clear();
    }

    /// <summary>The report of every row rejected so far.</summary>
    public SkippedRowsReport ToReport() => Count == 0 ? SkippedRowsReport.None : new(_countByReason, _samples.ToImmutable());
}
