using System.Collections.Immutable;

namespace CustomerSegmentation.Data.Csv;

/// <summary>The header line of a CSV file: its column names (trimmed, BOM removed) and where it is.</summary>
internal sealed class CsvHeader
{
    public CsvHeader(string[] fields, int lineNumber, string source)
    {
        var names = new string[fields.Length];
        for (int i = 0; i < fields.Length; i++)
        {
            names[i] = fields[i].Trim().TrimStart('\uFEFF').Trim();
        }

        Names = [.. names];
        LineNumber = lineNumber;
        Source = source;
    }

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
                    $"The {role} column '{wanted}' is ambiguous: the header (line {LineNumber}) of {Source} has it at positions {found + 1} and {i + 1}. Rename one of them so each column name is unique.",
                    LineNumber,
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
                $"The {role} column '{wanted}' is not in the header (line {LineNumber}) of {Source}. The columns are: {string.Join(", ", Names.Select(n => $"'{n}'"))}.{suggestion}",
                LineNumber,
                wanted,
                null);
        }

        return found;
    }
}
