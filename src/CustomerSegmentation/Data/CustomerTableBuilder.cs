using System.Collections.Frozen;
using System.Collections.Immutable;

namespace CustomerSegmentation.Data;

/// <summary>
/// Collects the kept customers of one read (features as float columns, ids or row numbers, extra text columns with
/// their values pooled) and turns them into a <see cref="CustomerTable"/>; shared by the CSV and the database readers.
/// </summary>
internal sealed class CustomerTableBuilder
{
    private readonly ColumnBuilder<float>[] _columns;
    private readonly bool _hasIds;
    private readonly IReadOnlyList<string> _extraNames;
    private readonly TextColumn _ids = new();
    private readonly List<int> _rowNumbers = [];
    private readonly ImmutableArray<string>.Builder[] _extras;
    private readonly TextPool[] _pools;

    public CustomerTableBuilder(int featureCount, bool hasIds, IReadOnlyList<string> extraNames)
    {
        _columns = new ColumnBuilder<float>[featureCount];
        for (int j = 0; j < featureCount; j++)
        {
            _columns[j] = new ColumnBuilder<float>();
        }

        _hasIds = hasIds;
        _extraNames = extraNames;
        _extras = new ImmutableArray<string>.Builder[extraNames.Count];
        _pools = new TextPool[extraNames.Count];
        for (int k = 0; k < _extras.Length; k++)
        {
            _extras[k] = ImmutableArray.CreateBuilder<string>();
            _pools[k] = new TextPool();
        }
    }

    /// <summary>The number of customers added.</summary>
    public int Count => _columns[0].Count;

    /// <summary>Adds one customer: its features, its id (used when the read has an id column) or its 1-based row number, and its extra texts.</summary>
    public void Add(ReadOnlySpan<float> values, string id, int rowNumber, ReadOnlySpan<string> extras)
    {
        for (int j = 0; j < _columns.Length; j++)
        {
            _columns[j].Add(values[j]);
        }

        if (_hasIds)
        {
            _ids.Add(id);
        }
        else
        {
            _rowNumbers.Add(rowNumber);
        }

        for (int k = 0; k < _extras.Length; k++)
        {
            _extras[k].Add(_pools[k].Share(extras[k]));
        }
    }

    /// <summary>
    /// Moves the customers of <paramref name="later"/> (read from a later range of the same file) after the ones here;
    /// its row numbers are shifted by <paramref name="rowsBefore"/>, the data rows before that range.
    /// </summary>
    public void Append(CustomerTableBuilder later, int rowsBefore)
    {
        for (int j = 0; j < _columns.Length; j++)
        {
            _columns[j].Append(later._columns[j]);
        }

        _ids.Append(later._ids);
        foreach (int row in later._rowNumbers)
        {
            _rowNumbers.Add(row + rowsBefore);
        }

        for (int k = 0; k < _extras.Length; k++)
        {
            foreach (string text in later._extras[k])
            {
                _extras[k].Add(_pools[k].Share(text));
            }
        }
    }

    /// <summary>The table of the customers added, with the features named <paramref name="featureNames"/>.</summary>
    public CustomerTable Build(ImmutableArray<string> featureNames, SkippedRowsReport report, int rowsRead)
    {
        float[][] padded = [.. _columns.Select(c => c.ToArray(FeatureMatrix.PaddedLength(c.Count)))];
        FeatureMatrix features = FeatureMatrix.Wrap(padded, Count, featureNames);
        var attributes = new Dictionary<string, ImmutableArray<string>>(StringComparer.OrdinalIgnoreCase);
        for (int k = 0; k < _extras.Length; k++)
        {
            attributes.Add(_extraNames[k], _extras[k].DrainToImmutable());
        }

        FrozenDictionary<string, ImmutableArray<string>> frozen = attributes.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        return _hasIds
            ? new CustomerTable(features, _ids, frozen, report, rowsRead)
            : new CustomerTable(features, [.. _rowNumbers], frozen, report, rowsRead);
    }

    /// <summary>The error for a read whose every data row was skipped.</summary>
    public static DataFormatException AllSkipped(int rowsRead, string source, SkippedRowsReport report) => new(
        $"All {rowsRead} data rows of {source} were skipped, so no customer is left. {report}",
        report.Samples.IsEmpty ? null : report.Samples[0].LineNumber,
        null,
        null)
    {
        SkippedRows = report,
    };
}
