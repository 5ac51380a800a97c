using System.Collections.Immutable;

namespace CustomerSegmentation.Data.Csv;

/// <summary>
/// The column names of a source: the header line of a CSV file (trimmed, BOM removed, with its line), or the columns
/// of a database query's result (no line).
/// </summary>
internal sealed class CsvHeader
{
    private readonly string _place;
    private readonly int? _line;

    public CsvHeader(string[] fields, int lineNumber, string source)
        : this(fields, lineNumber, source, $"the header (line {lineNumber}) of {source}", lineNumber)
    {
    }

    private CsvHeader(string[] fields, int lineNumber, string source, string place, int? line)
    {
        _place = place;
        _line = line;
        var names = new string[fields.Length];
        for (int i = 0; i < fields.Length; i++)
        {
            names[i] = fields[i].Trim().TrimStart('\uFEFF').Trim();
        }

        Names = [.. names];
        LineNumber = lineNumber;
        Source = source;
    }

    /// <summary>The column names of a query's result (trimmed), for messages that name "the columns of" <paramref name="source"/>.</summary>
    public static CsvHeader OfQuery(string[] names, string source) => new(names, 0, source, $"the columns of {source}", null);

    /// <summary>The column names as written in the file, trimmed.</summary>
    public ImmutableArray<string> Names { get; }

    /// <summary>The 1-based line of the header.</summary>
    public int LineNumber { get; }

    /// <summary>Where the data comes from, for messages ("'customers.csv'", "the stream").</summary>
    public string Source { get; }

    /// <summary>
    /// The index of the column named <paramref name="requested"/> (case-insensitive, surrounding whitespace ignored).
    /// </summary>
    /// <param name="requested">The header name asked for.</param>
    /// <param name="role">What the column is for, in messages ("feature", "timestamp").</param>
    /// <exception cref="DataFormatException">No column has that name (the message lists the columns and suggests the closest), or several do.</exception>
    public int IndexOf(string requested, string role)
    {
        string wanted = requested.Trim();
        int found = -1;
        for (int i = 0; i < Names.Length; i++)
        {
            if (!string.Equals(Names[i], wanted, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (found >= 0)
            {
                throw new DataFormatException(
                    $"The {role} column '{wanted}' is ambiguous: {_place} has it at positions {found + 1} and {i + 1}. Rename one of them so each column name is unique.",
                    _line,
                    wanted,
                    Names[i]);
            }

            found = i;
        }

        if (found < 0)
        {
            string? closest = ColumnNames.ClosestTo(wanted, Names);
            string suggestion = closest is null ? string.Empty : $" Did you mean '{closest}'?";
            throw new DataFormatException(
                $"The {role} column '{wanted}' is not in {_place}. The columns are: {string.Join(", ", Names.Select(n => $"'{n}'"))}.{suggestion}",
                _line,
                wanted,
                null);
        }

        return found;
    }
}
