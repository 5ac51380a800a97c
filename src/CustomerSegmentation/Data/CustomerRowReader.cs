using System.Collections.Immutable;
using System.Globalization;

using CustomerSegmentation.Data.Csv;

namespace CustomerSegmentation.Data;

/// <summary>
/// One streaming pass over a customer file, or over one range of a split file: header, then data rows checked and
/// collected one at a time. The ranges of a split file are read side by side and joined in file order.
/// </summary>
internal sealed class CustomerRowReader
{
    private readonly CsvSource _csv;
    private readonly CustomerCsvOptions _options;
    private readonly CsvHeader _header;
    private readonly int[] _featureIndexes;
    private readonly float[] _rowValues;
    private readonly int _idIndex;
    private readonly ExtraColumnPlan _extra;
    private readonly string[] _rowExtras;
    private string _rowId = string.Empty;

    private CustomerRowReader(CsvSource csv, CsvHeader header, ImmutableArray<string> features, CustomerCsvOptions options)
    {
        _csv = csv;
        _options = options;
        _header = header;
        _featureIndexes = [.. features.Select(f => _header.IndexOf(f, "feature"))];
        _rowValues = new float[features.Length];
        _idIndex = options.IdColumn is null ? -1 : _header.IndexOf(options.IdColumn, "id");
        _extra = new ExtraColumnPlan(options, _header);
        _rowExtras = new string[_extra.Count];
    }

    public static CustomerTable Read(TextReader text, ImmutableArray<string> features, CustomerCsvOptions options, string source, CancellationToken cancellationToken)
    {
        using CsvSource csv = CsvSource.Open(text, options, source, cancellationToken);
        var reader = new CustomerRowReader(csv, csv.ReadHeader(Expected(features)), features, options);
        return reader.Finish(reader.ReadRows());
    }

    /// <summary>Reads the ranges of <paramref name="chunks"/> side by side; the result is the one-thread read's.</summary>
    public static CustomerTable Read(CsvChunks chunks, ImmutableArray<string> features, CustomerCsvOptions options, string source, CancellationToken cancellationToken)
    {
        if (chunks.Ranges.Count == 1)
        {
            using TextReader whole = chunks.Open(0);
            return Read(whole, features, options, source, cancellationToken);
        }

        // The header, the delimiter (detected on the whole text, as a one-thread read detects it) and the columns are
        // settled first, so that their errors are the one-thread read's.
        CsvHeader header;
        CustomerCsvOptions rangeOptions;
        using (TextReader whole = chunks.OpenWhole())
        using (CsvSource probe = CsvSource.Open(whole, options, source, cancellationToken))
        {
            header = probe.ReadHeader(Expected(features));
            rangeOptions = options with { Delimiter = probe.Delimiter };
            _ = new CustomerRowReader(probe, header, features, options);
        }

        var parts = CsvRanges.ReadAll(chunks, rangeOptions, source, cancellationToken, (csv, first) =>
        {
            if (first)
            {
                _ = csv.ReadHeader(Expected(features));
            }

            var reader = new CustomerRowReader(csv, header, features, options);
            return (Reader: reader, Rows: reader.ReadRows());
        });

        (CustomerRowReader firstReader, Rows all) = parts[0];
        for (int k = 1; k < parts.Count; k++)
        {
            Rows later = parts[k].Rows;
            all.Table.Append(later.Table, all.RowsRead);
            all.Rejected.Append(later.Rejected);
            all = all with { RowsRead = all.RowsRead + later.RowsRead };
        }

        return firstReader.Finish(all);
    }

    private static string Expected(ImmutableArray<string> features)
        => $"a header line naming the columns (for example {string.Join(", ", features)}) followed by one line per customer";

    /// <summary>The rows of one pass: the customers kept, the rows rejected and the number of data rows read.</summary>
    private sealed record Rows(CustomerTableBuilder Table, RejectedRows Rejected, int RowsRead);

    private Rows ReadRows()
    {
        var table = new CustomerTableBuilder(_featureIndexes.Length, _idIndex >= 0, _extra.Names);
        var rejected = new RejectedRows(_options, _csv.Description);
        int rowsRead = 0;
        while (_csv.Read())
        {
            rowsRead++;
            SkippedRow? problem = CheckRow();
            if (problem is not null)
            {
                rejected.Add(problem);
                continue;
            }

            table.Add(_rowValues, _rowId, rowsRead, _rowExtras);
        }

        return new Rows(table, rejected, rowsRead);
    }

    private CustomerTable Finish(Rows rows)
    {
        (CustomerTableBuilder table, RejectedRows rejected, int rowsRead) = rows;
        if (rowsRead == 0)
        {
            throw new DataFormatException(
                $"No customers in {_csv.Description}: it has a header (line {_header.LineNumber}) but no data rows below it; add one line per customer.",
                _header.LineNumber,
                null,
                null);
        }

        SkippedRowsReport report = rejected.ToReport();
        if (table.Count == 0)
        {
            throw CustomerTableBuilder.AllSkipped(rowsRead, _csv.Description, report);
        }

        return table.Build([.. _featureIndexes.Select(i => _header.Names[i])], report, rowsRead);
    }

    /// <summary>
    /// Parses the current row's features into <see cref="_rowValues"/> and its id and extra texts into <see cref="_rowId"/>
    /// and <see cref="_rowExtras"/>; returns the first problem, or null. Every field is checked for quoting, and the
    /// field count against the header's, before the columns used are parsed.
    /// </summary>
    private SkippedRow? CheckRow()
    {
        if (_csv.StructuralProblem(_header.Names.Length) is { } structural)
        {
            return structural;
        }

        CultureInfo culture = _csv.Culture;
        for (int j = 0; j < _featureIndexes.Length; j++)
        {
            ReadOnlySpan<char> chars = _csv.Chars(_featureIndexes[j]);
            if (CsvNumbers.TryParseFloat(chars, culture, out float value) && float.IsFinite(value))
            {
                _rowValues[j] = value;
                continue;
            }

            string text = chars.ToString();
            int line = _csv.StartLine();
            string column = _header.Names[_featureIndexes[j]];
            string where = $"Line {line}, column '{column}'";
            string quoted = CsvSource.Shorten(text);
            if (string.IsNullOrWhiteSpace(text))
            {
                return new SkippedRow(line, column, text, SkipReason.EmptyValue, $"{where}: the cell is empty; every feature needs a number.");
            }

            if (float.IsNaN(value) || float.IsInfinity(value) || LooksNonFinite(text))
            {
                return new SkippedRow(
                    line, column, text, SkipReason.NotFinite,
                    $"{where}: '{quoted}' is not a finite number; NaN, infinities and magnitudes beyond ±3.4e38 (float32) are not allowed.");
            }

            // A word where a number belongs is most often a category read as a feature by mistake ("Genre": "Male").
            string category = text.Any(char.IsDigit) ? string.Empty
                : $" If '{column}' holds categories, pass it to WithCategorical(\"{column}\") (CustomerCsvOptions.CategoricalColumns) instead of WithFeatures.";
            return new SkippedRow(
                line, column, text, SkipReason.NotANumber,
                $"{where}: '{quoted}' is not a number in the {_csv.CultureName} culture (decimal separator '{culture.NumberFormat.NumberDecimalSeparator}', no thousands separators).{category}");
        }

        if (_idIndex >= 0)
        {
            _rowId = _csv[_idIndex].Trim();
        }

        for (int k = 0; k < _extra.Count; k++)
        {
            _rowExtras[k] = _csv[_extra.Indexes[k]].Trim();
            if (_extra.IsCategorical[k] && _rowExtras[k].Length == 0)
            {
                int line = _csv.StartLine();
                string column = _header.Names[_extra.Indexes[k]];
                return new SkippedRow(line, column, _rowExtras[k], SkipReason.EmptyValue, $"Line {line}, column '{column}': the cell is empty; every customer needs a category in a categorical column.");
            }
        }

        return null;
    }

    private static bool LooksNonFinite(string text)
    {
        string t = text.Trim().TrimStart('+', '-');
        return t.Contains('∞', StringComparison.Ordinal)
            || t.Equals("nan", StringComparison.OrdinalIgnoreCase)
            || t.Equals("inf", StringComparison.OrdinalIgnoreCase)
            || t.Equals("infinity", StringComparison.OrdinalIgnoreCase);
    }
}
