using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;

using CustomerSegmentation.Data.Csv;

namespace CustomerSegmentation.Data;

/// <summary>
/// Customers ready for segmentation: their numeric features, their ids, any extra text columns kept for profiles and
/// exports, and an account of the rows that were read and skipped. Immutable.
/// </summary>
public sealed class CustomerTable
{
    private readonly int[]? _rowNumbers;
    private TextColumn? _idTexts;
    private string[]? _ids;
    private FrozenDictionary<string, FeatureWording> _wordings = FrozenDictionary<string, FeatureWording>.Empty;

    internal CustomerTable(
        FeatureMatrix features,
        ImmutableArray<string> ids,
        FrozenDictionary<string, ImmutableArray<string>> attributes,
        SkippedRowsReport skippedRows,
        int rowsRead)
        : this(features, attributes, skippedRows, rowsRead) => _ids = ImmutableCollectionsMarshal.AsArray(ids);

    /// <summary>A table whose ids are held as characters, turned into strings only when <see cref="Ids"/> is first read.</summary>
    internal CustomerTable(
        FeatureMatrix features,
        TextColumn ids,
        FrozenDictionary<string, ImmutableArray<string>> attributes,
        SkippedRowsReport skippedRows,
        int rowsRead)
        : this(features, attributes, skippedRows, rowsRead) => _idTexts = ids;

    /// <summary>A table whose ids are the given 1-based data row numbers, turned into text only when <see cref="Ids"/> is first read.</summary>
    internal CustomerTable(
        FeatureMatrix features,
        int[] rowNumbers,
        FrozenDictionary<string, ImmutableArray<string>> attributes,
        SkippedRowsReport skippedRows,
        int rowsRead)
        : this(features, attributes, skippedRows, rowsRead) => _rowNumbers = rowNumbers;

    private CustomerTable(
        FeatureMatrix features,
        FrozenDictionary<string, ImmutableArray<string>> attributes,
        SkippedRowsReport skippedRows,
        int rowsRead)
    {
        Features = features;
        Attributes = attributes;
        SkippedRows = skippedRows;
        RowsRead = rowsRead;
    }

    /// <summary>The numeric features, one row per kept customer, in file order.</summary>
    public FeatureMatrix Features { get; }

    /// <summary>The number of customers kept (the rows of <see cref="Features"/>).</summary>
    public int RowCount => Features.RowCount;

    /// <summary>
    /// One id per row of <see cref="Features"/>: the id column's text (trimmed), or, without an id column, the 1-based
    /// data row number in the file as text ("1" is the first row after the header; skipped rows keep their numbers).
    /// </summary>
    /// <remarks>
    /// The ids are made strings on first access (a read holds the id column's characters in one buffer, and row numbers
    /// as numbers), so a table costs no string per customer until then.
    /// </remarks>
    public ImmutableArray<string> Ids => ImmutableCollectionsMarshal.AsImmutableArray(_ids ?? MakeIds());

    /// <summary>
    /// The extra text columns (trimmed), one value per row of <see cref="Features"/>, keyed by the name that was
    /// requested (case-insensitive lookup).
    /// </summary>
    public IReadOnlyDictionary<string, ImmutableArray<string>> Attributes { get; }

    /// <summary>The rows skipped under <see cref="BadRowPolicy.Skip"/>; empty otherwise.</summary>
    public SkippedRowsReport SkippedRows { get; }

    /// <summary>The number of data rows read: the rows kept plus the rows skipped.</summary>
    public int RowsRead { get; }

    /// <summary>
    /// The features that have their own words for high and low segments (<see cref="WithFeatureWording"/>), keyed by
    /// feature name (case-insensitive lookup); a feature without an entry is labelled "High &lt;feature&gt;" / "Low &lt;feature&gt;".
    /// </summary>
    public IReadOnlyDictionary<string, FeatureWording> FeatureWordings => _wordings;

    /// <summary>
    /// A copy of this table in which segments high or low on <paramref name="feature"/> are labelled with the feature's
    /// own words, e.g. "Lapsed" / "Recent" for days since the last purchase; it replaces any earlier wording of the feature.
    /// The copy shares the data; the words go with the table through the pipeline (also when it picks some of the features).
    /// </summary>
    /// <param name="feature">The feature's name (case-insensitive).</param>
    /// <param name="wording">The words for high and low.</param>
    /// <returns>The new table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="feature"/> or <paramref name="wording"/> is null.</exception>
    /// <exception cref="ArgumentException">No feature has that name; the message lists the features.</exception>
    public CustomerTable WithFeatureWording(string feature, FeatureWording wording)
    {
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(wording);
        string? name = Features.FeatureNames.FirstOrDefault(n => string.Equals(n, feature.Trim(), StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            throw new ArgumentException(
                $"No feature is named '{feature}', so it cannot be given words. The features are: {string.Join(", ", Features.FeatureNames.Select(n => $"'{n}'"))}.",
                nameof(feature));
        }

        var wordings = new Dictionary<string, FeatureWording>(_wordings, StringComparer.OrdinalIgnoreCase) { [name] = wording };
        return WithWordings(wordings);
    }

    /// <summary>This table with the wordings of <paramref name="source"/> for the features the two share.</summary>
    internal CustomerTable WithWordingsOf(CustomerTable source)
        => source._wordings.Count == 0
            ? this
            : WithWordings(source._wordings.Where(p => Features.FeatureNames.Contains(p.Key, StringComparer.OrdinalIgnoreCase)));

    /// <summary>Builds a table from customers already held in memory.</summary>
    /// <param name="features">The numeric features, one row per customer.</param>
    /// <param name="ids">One id per row, or null to number the rows from 1.</param>
    /// <param name="attributes">Extra text columns, one value per row, or null for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="features"/>, an id, an attribute column or value is null.</exception>
    /// <exception cref="ArgumentException">The ids or an attribute column do not have one value per row, or an attribute name is blank or repeated.</exception>
    public static CustomerTable FromFeatures(
        FeatureMatrix features,
        IReadOnlyList<string>? ids = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        int n = features.RowCount;
        ImmutableArray<string> idArray = ids is null ? RowNumbers(n) : CopyColumn(ids, n, "ids", nameof(ids));
        var columns = new Dictionary<string, ImmutableArray<string>>(StringComparer.OrdinalIgnoreCase);
        if (attributes is not null)
        {
            ImmutableArray<string> names = ColumnNames.Validate([.. attributes.Keys], nameof(attributes), "attribute name", allowEmpty: true);
            foreach ((string name, IReadOnlyList<string> values) in names.Zip(attributes.Values))
            {
                columns.Add(name, CopyColumn(values, n, $"values for attribute '{name}'", nameof(attributes)));
            }
        }

        return new CustomerTable(features, idArray, columns.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), SkippedRowsReport.None, n);
    }

    /// <summary>
    /// A new table holding the given rows, in the given order (a row may repeat), with their ids and attributes.
    /// The new table was not read from a file: its <see cref="RowsRead"/> is its row count and it reports no skipped rows.
    /// </summary>
    /// <param name="rows">The indices of the rows to keep, in the order wanted.</param>
    /// <returns>The new table.</returns>
    /// <exception cref="ArgumentException"><paramref name="rows"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public CustomerTable SelectRows(ReadOnlySpan<int> rows)
    {
        FeatureMatrix features = Features.SelectRows(rows);
        var attributes = new Dictionary<string, ImmutableArray<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, ImmutableArray<string>> pair in Attributes)
        {
            attributes.Add(pair.Key, Pick(pair.Value, rows));
        }

        return new CustomerTable(features, Pick(Ids, rows), attributes.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), SkippedRowsReport.None, rows.Length)
        {
            _wordings = _wordings,
        };
    }

    private CustomerTable WithWordings(IEnumerable<KeyValuePair<string, FeatureWording>> wordings)
    {
        var copy = (CustomerTable)MemberwiseClone();
        copy._wordings = wordings.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        return copy;
    }

    private static ImmutableArray<string> RowNumbers(int count)
    {
        var numbers = new string[count];
        for (int i = 0; i < count; i++)
        {
            numbers[i] = (i + 1).ToString(CultureInfo.InvariantCulture);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(numbers);
    }

    /// <summary>
    /// The id of row <paramref name="row"/>, equal to <c>Ids[row]</c>, without making every id a string: before
    /// <see cref="Ids"/> is first read, each call makes a new string from the id's characters or row number.
    /// </summary>
    /// <param name="row">The row, 0..<see cref="RowCount"/> - 1 (the caller checks it).</param>
    internal string IdAt(int row)
    {
        if (Volatile.Read(ref _ids) is { } ids)
        {
            return ids[row];
        }

        if (Volatile.Read(ref _idTexts) is { } texts)
        {
            return texts[row];
        }

        // Row numbers are kept; or another thread made the ids and let the characters go just now.
        return _rowNumbers is { } numbers ? numbers[row].ToString(CultureInfo.InvariantCulture) : Volatile.Read(ref _ids)![row];
    }

    /// <summary>Makes the ids once; the characters they were made from are let go.</summary>
    private string[] MakeIds()
    {
        TextColumn? texts = Volatile.Read(ref _idTexts);
        if (texts is null && _rowNumbers is null)
        {
            // Another thread made them (it sets the ids before it lets the characters go).
            return Volatile.Read(ref _ids)!;
        }

        string[] ids;
        if (texts is not null)
        {
            ids = texts.ToStrings();
        }
        else
        {
            int[] rowNumbers = _rowNumbers!;
            ids = new string[rowNumbers.Length];
            for (int i = 0; i < ids.Length; i++)
            {
                ids[i] = rowNumbers[i].ToString(CultureInfo.InvariantCulture);
            }
        }

        string[] made = Interlocked.CompareExchange(ref _ids, ids, null) ?? ids;
        Volatile.Write(ref _idTexts, null);
        return made;
    }

    private static ImmutableArray<string> Pick(ImmutableArray<string> source, ReadOnlySpan<int> rows)
    {
        var picked = new string[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            picked[i] = source[rows[i]];
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(picked);
    }

    private static ImmutableArray<string> CopyColumn(IReadOnlyList<string> values, int rowCount, string what, string parameter)
    {
        ArgumentNullException.ThrowIfNull(values, parameter);
        if (values.Count != rowCount)
        {
            throw new ArgumentException($"There are {values.Count} {what} but the features have {rowCount} rows; give one per row.", parameter);
        }

        var copy = new string[rowCount];
        for (int i = 0; i < rowCount; i++)
        {
            copy[i] = values[i] ?? throw new ArgumentNullException(parameter, $"The {what} hold null at row {i}.");
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(copy);
    }
}
