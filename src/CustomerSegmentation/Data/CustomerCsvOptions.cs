using System.Collections.Immutable;
using CustomerSegmentation.Data.Csv;

namespace CustomerSegmentation.Data;

/// <summary>
/// How <see cref="CustomerCsv"/> reads a customer file. Every value is validated when it is set; an invalid value
/// throws an <see cref="ArgumentException"/> naming the option.
/// </summary>
public sealed record CustomerCsvOptions : CsvReadOptions
{
    /// <summary>The options with every default: invariant culture, delimiter detected, no id column, fail fast.</summary>
    public static CustomerCsvOptions Default { get; } = new();

    /// <summary>Creates options with every default; set the others with an object initializer.</summary>
    public CustomerCsvOptions()
        : base(BadRowPolicy.FailFast)
    {
    }

    /// <summary>
    /// The header name of the column holding customer ids (matched case-insensitively, surrounding whitespace ignored),
    /// or null when the file has none; the ids are then the 1-based data row numbers.
    /// </summary>
    /// <value>The default is null.</value>
    /// <exception cref="ArgumentException">The value is empty or blank.</exception>
    public string? IdColumn
    {
        get;
        init
        {
            if (value is not null && string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException("The id column name is blank; give a header name such as \"CustomerID\", or null for none.", nameof(IdColumn));
            }

            field = value?.Trim();
        }
    }

    /// <summary>
    /// Other columns to keep as text for profiles and exports (for example "Genre"), by header name
    /// (matched case-insensitively, surrounding whitespace ignored).
    /// </summary>
    /// <value>The default is empty.</value>
    /// <exception cref="ArgumentNullException">The list is null.</exception>
    /// <exception cref="ArgumentException">A name is blank or appears twice (case-insensitive).</exception>
    public IReadOnlyList<string> ExtraColumns
    {
        get;
        init => field = ColumnNames.Validate(value, nameof(ExtraColumns), "extra column", allowEmpty: true);
    } = ImmutableArray<string>.Empty;

    /// <summary>
    /// Text columns read as categorical features (for example "Genre"), by header name: kept as text like
    /// <see cref="ExtraColumns"/> (in <see cref="CustomerTable.Attributes"/>), and a row whose cell is empty is a bad
    /// row (<see cref="SkipReason.EmptyValue"/>), failing the read or skipped as <see cref="CsvReadOptions.BadRows"/> says.
    /// </summary>
    /// <value>The default is empty.</value>
    /// <exception cref="ArgumentNullException">The list is null.</exception>
    /// <exception cref="ArgumentException">A name is blank or appears twice (case-insensitive).</exception>
    public IReadOnlyList<string> CategoricalColumns
    {
        get;
        init => field = ColumnNames.Validate(value, nameof(CategoricalColumns), "categorical column", allowEmpty: true);
    } = ImmutableArray<string>.Empty;
}
