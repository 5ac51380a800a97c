using System.Collections.Immutable;
using System.Data.Common;

using CustomerSegmentation.Data.Csv;

namespace CustomerSegmentation.Data.Database;

/// <summary>
/// Customers from a <see cref="DbDataReader"/>, row by row, in chunks of a given number of kept customers: the same
/// checks, messages and bad-row policy as the CSV reader, on typed values instead of text.
/// </summary>
internal sealed class CustomerDbReader
{
    private readonly DbRows _rows;
    private readonly CustomerCsvOptions _options;
    private readonly ImmutableArray<string> _featureNames;
    private readonly int[] _featureIndexes;
    private readonly float[] _values;
    private readonly int _idIndex;
    private readonly ExtraColumnPlan _extra;
    private readonly string[] _extras;
    private readonly RejectedRows _rejected;
    private string _id = string.Empty;
    private bool _pending;
    private bool _finished;
    private int _rowsBefore;
    private int _keptTotal;

    public CustomerDbReader(DbDataReader reader, ImmutableArray<string> features, CustomerCsvOptions options, string description, CancellationToken cancellationToken)
    {
        _rows = new DbRows(reader, description, cancellationToken);
        _options = options;
        CsvHeader columns = _rows.Columns;
        _featureIndexes = [.. features.Select(f => columns.IndexOf(f, "feature"))];
        _featureNames = [.. _featureIndexes.Select(i => columns.Names[i])];
        _values = new float[features.Length];
        _idIndex = options.IdColumn is null ? -1 : columns.IndexOf(options.IdColumn, "id");
        _extra = new ExtraColumnPlan(options, columns);
        _extras = new string[_extra.Count];
        _rejected = new RejectedRows(options, description);
    }

    /// <summary>
    /// The next chunk of at most <paramref name="maxRows"/> kept customers, with the rows skipped after its first
    /// customer's predecessor chunk up to the next kept row; null when the rows are exhausted.
    /// </summary>
    public CustomerTable? ReadChunk(int maxRows)
    {
        if (_finished)
        {
            return null;
        }

        var table = new CustomerTableBuilder(_featureIndexes.Length, _idIndex >= 0, _extra.Names);
        if (_pending)
        {
            table.Add(_values, _id, _rows.Row, _extras);
            _pending = false;
        }

        while (_rows.Read())
        {
            SkippedRow? problem = CheckRow();
            if (problem is not null)
            {
                _rejected.Add(problem);
                continue;
            }

            if (table.Count == maxRows)
            {
                _pending = true;
                break;
            }

            table.Add(_values, _id, _rows.Row, _extras);
        }

        _finished = !_pending;
        int rowsRead = (_pending ? _rows.Row - 1 : _rows.Row) - _rowsBefore;
        _rowsBefore += rowsRead;
        SkippedRowsReport report = _rejected.ToReport();
        _rejected.Clear();
        if (_rows.Row == 0)
        {
            throw new DataFormatException($"No customers in {_rows.Description}: it returned no rows; check the query's WHERE clause and the table.", null, null, null);
        }

        if (table.Count == 0)
        {
            if (_keptTotal == 0)
            {
                throw CustomerTableBuilder.AllSkipped(rowsRead, _rows.Description, report);
            }

            return null; // unreachable: a chunk after a kept row always starts with it
        }

        _keptTotal += table.Count;
        return table.Build(_featureNames, report, rowsRead);
    }

    /// <summary>Reads the current row into the buffers; the first problem, or null.</summary>
    private SkippedRow? CheckRow()
    {
        for (int j = 0; j < _featureIndexes.Length; j++)
        {
            int column = _featureIndexes[j];
            FeatureValue outcome = _rows.Feature(column, _options.Culture, out _values[j], out object? raw);
            if (outcome == FeatureValue.Number)
            {
                continue;
            }

            object value = raw ?? _rows.Value(column);

            string name = _rows.Columns.Names[column];
            string where = _rows.Where(column);
            string text = DbValues.ToText(value);
            string quoted = CsvSource.Shorten(text);
            switch (outcome)
            {
                case FeatureValue.Null:
                    return new SkippedRow(_rows.Row, name, text, SkipReason.EmptyValue, $"{where}: the value is {(value is DBNull ? "NULL" : "empty text")}; every feature needs a number.");
                case FeatureValue.NotFinite:
                    return new SkippedRow(_rows.Row, name, text, SkipReason.NotFinite, $"{where}: '{quoted}' is not a finite number; NaN, infinities and magnitudes beyond ±3.4e38 (float32) are not allowed.");
                case FeatureValue.NotANumber:
                    string culture = _options.Culture.Name.Length == 0 ? "invariant" : _options.Culture.Name;
                    return new SkippedRow(_rows.Row, name, text, SkipReason.NotANumber, $"{where}: the text '{quoted}' is not a number in the {culture} culture (decimal separator '{_options.Culture.NumberFormat.NumberDecimalSeparator}', no thousands separators).");
                default:
                    throw new DataFormatException(
                        $"{where}: the column holds {DbValues.TypeName(value)} values ('{quoted}'), not numbers; select a numeric column (integer, real, double, decimal or numeric) or cast it in the query.",
                        _rows.Row,
                        name,
                        text);
            }
        }

        if (_idIndex >= 0)
        {
            _id = DbValues.ToText(_rows.Value(_idIndex));
        }

        for (int k = 0; k < _extra.Count; k++)
        {
            _extras[k] = DbValues.ToText(_rows.Value(_extra.Indexes[k]));
            if (_extra.IsCategorical[k] && _extras[k].Length == 0)
            {
                string name = _rows.Columns.Names[_extra.Indexes[k]];
                return new SkippedRow(_rows.Row, name, _extras[k], SkipReason.EmptyValue, $"{_rows.Where(_extra.Indexes[k])}: the value is NULL or empty; every customer needs a category in a categorical column.");
            }
        }

        return null;
    }
}
