using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;

namespace CustomerSegmentation.Data;

/// <summary>
/// A categorical feature: its name, its levels (the distinct values, in ordinal text order) and one level code per
/// row. It travels beside the numeric columns of a <see cref="FeatureMatrix"/> (<see cref="FeatureMatrix.Categoricals"/>).
/// </summary>
/// <remarks>
/// Codes are 0 to <see cref="Levels"/>.Length - 1; a row encoded against a fitted column's levels whose text is not
/// one of them gets <see cref="UnknownCode"/> (-1), which differs from every level. Codes are also held as padded
/// float32 values (exact for any code) for the vector kernels.
/// </remarks>
public sealed class CategoricalColumn
{
    /// <summary>The default limit on distinct values: more than this is an error (<see cref="FromValues"/>).</summary>
    public const int DefaultMaxLevels = 50;

    /// <summary>From this many rows on, a column with a different value on every row is refused as an identifier (or a number), not a category.</summary>
    public const int DistinctRowsForIdentifier = 20;

    /// <summary>The code of a value that is not one of the levels (only when encoding new rows with <see cref="Encode"/>).</summary>
    public const int UnknownCode = -1;

    private readonly int[] _codes;

    private CategoricalColumn(string name, ImmutableArray<string> levels, int[] codes)
    {
        Name = name;
        Levels = levels;
        _codes = codes;
        PaddedCodes = new float[FeatureMatrix.PaddedLength(codes.Length)];
        for (int i = 0; i < codes.Length; i++)
        {
            PaddedCodes[i] = codes[i];
        }
    }

    /// <summary>The feature's name.</summary>
    public string Name { get; }

    /// <summary>The distinct values, sorted by ordinal (culture-independent) text order; a level's code is its index here.</summary>
    public ImmutableArray<string> Levels { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount => _codes.Length;

    /// <summary>The level code of every row (an index into <see cref="Levels"/>, or <see cref="UnknownCode"/>).</summary>
    public ImmutableArray<int> Codes => ImmutableCollectionsMarshal.AsImmutableArray(_codes);

    /// <summary>The codes as float32, padded with zeros like a <see cref="FeatureMatrix"/> column.</summary>
    internal float[] PaddedCodes { get; }

    /// <summary>The value of row <paramref name="row"/>: its level's text, or null for an unknown value.</summary>
    /// <param name="row">The row, 0 to <see cref="RowCount"/> - 1.</param>
    /// <returns>The text of the row's level, or null when the row's value is not a level.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is out of range.</exception>
    public string? ValueAt(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
        int code = _codes[row];
        return code < 0 ? null : Levels[code];
    }

    /// <summary>
    /// Builds a categorical column from text values (trimmed, compared ordinally, so "Male" and "male" are two levels).
    /// </summary>
    /// <param name="name">The feature's name.</param>
    /// <param name="values">One value per row; none may be empty (apply the bad-row policy before).</param>
    /// <param name="maxLevels">The most distinct values allowed, at least 1; <see cref="DefaultMaxLevels"/> by default.</param>
    /// <returns>The column, with its levels in ordinal order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/>, <paramref name="values"/> or a value is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLevels"/> is below 1.</exception>
    /// <exception cref="ArgumentException">
    /// The name is blank; there are no rows; a value is empty (the message names the row); there are more distinct
    /// values than <paramref name="maxLevels"/> (the message gives the count and names the limit); or every one of at
    /// least <see cref="DistinctRowsForIdentifier"/> rows has its own value (an identifier). When such values all look
    /// numeric the message says to pass the column to WithFeatures instead.
    /// </exception>
    public static CategoricalColumn FromValues(string name, IReadOnlyList<string> values, int maxLevels = DefaultMaxLevels)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLevels, 1);
        name = name.Trim();
        if (values.Count == 0)
        {
            throw new ArgumentException($"The categorical feature '{name}' has no rows.", nameof(values));
        }

        var distinct = new HashSet<string>(StringComparer.Ordinal);
        var trimmed = new string[values.Count];
        for (int i = 0; i < trimmed.Length; i++)
        {
            string value = (values[i] ?? throw new ArgumentNullException(nameof(values), $"The categorical feature '{name}' holds null at row {i}.")).Trim();
            if (value.Length == 0)
            {
                throw new ArgumentException(
                    $"The categorical feature '{name}' has an empty value at row {i}; give every customer a category, or read with BadRowPolicy.Skip to drop such rows.",
                    nameof(values));
            }

            trimmed[i] = value;
            distinct.Add(value);
        }

        bool identifier = distinct.Count == trimmed.Length && trimmed.Length >= DistinctRowsForIdentifier;
        if (distinct.Count > maxLevels || identifier)
        {
            bool numeric = distinct.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            string message = numeric
                ? $"'{name}' has {distinct.Count} distinct numeric values: pass it to WithFeatures, not WithCategorical."
                : identifier
                    ? $"'{name}' has a different value on every one of its {trimmed.Length} rows, so it is an identifier, not a category; use it with WithId."
                    : $"'{name}' has {distinct.Count} distinct values, more than the limit of {maxLevels} for a categorical feature; raise the limit (maxLevels, e.g. WithCategorical({distinct.Count}, \"{name}\")) or group the rare values first.";
            throw new ArgumentException(message, nameof(values));
        }

        ImmutableArray<string> levels = [.. distinct.Order(StringComparer.Ordinal)];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int l = 0; l < levels.Length; l++)
        {
            index.Add(levels[l], l);
        }

        var codes = new int[trimmed.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = index[trimmed[i]];
        }

        return new CategoricalColumn(name, levels, codes);
    }

    /// <summary>
    /// Encodes new values against this column's levels (trimmed, ordinal): a value that is not a level gets
    /// <see cref="UnknownCode"/>, which matches no mode.
    /// </summary>
    /// <param name="values">One value per row.</param>
    /// <returns>A column with these levels and the new rows' codes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> or a value is null.</exception>
    /// <exception cref="ArgumentException">There are no values.</exception>
    public CategoricalColumn Encode(IReadOnlyList<string> values) => WithLevels(Name, Levels, values);

    /// <summary>A column named <paramref name="name"/> with the given levels, encoding <paramref name="values"/> against them.</summary>
    /// <param name="name">The feature's name.</param>
    /// <param name="levels">The levels, distinct, in the order that defines their codes.</param>
    /// <param name="values">One value per row.</param>
    /// <returns>The column; values outside the levels get <see cref="UnknownCode"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument or a value is null.</exception>
    /// <exception cref="ArgumentException">The name is blank, there are no levels or no values, or a level is repeated.</exception>
    public static CategoricalColumn WithLevels(string name, IReadOnlyList<string> levels, IReadOnlyList<string> values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(values);
        if (levels.Count == 0)
        {
            throw new ArgumentException($"The categorical feature '{name}' needs at least one level.", nameof(levels));
        }

        if (values.Count == 0)
        {
            throw new ArgumentException($"The categorical feature '{name}' has no rows.", nameof(values));
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int l = 0; l < levels.Count; l++)
        {
            if (!index.TryAdd(levels[l] ?? throw new ArgumentNullException(nameof(levels)), l))
            {
                throw new ArgumentException($"The level '{levels[l]}' of '{name}' appears twice; levels must be distinct.", nameof(levels));
            }
        }

        var codes = new int[values.Count];
        for (int i = 0; i < codes.Length; i++)
        {
            string value = (values[i] ?? throw new ArgumentNullException(nameof(values), $"The categorical feature '{name}' holds null at row {i}.")).Trim();
            codes[i] = index.TryGetValue(value, out int code) ? code : UnknownCode;
        }

        return new CategoricalColumn(name.Trim(), [.. levels], codes);
    }

    /// <summary>The same column restricted to the given rows, in the given order.</summary>
    internal CategoricalColumn SelectRows(ReadOnlySpan<int> rows)
    {
        var codes = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            codes[i] = _codes[rows[i]];
        }

        return new CategoricalColumn(Name, Levels, codes);
    }

    /// <summary>The code of row <paramref name="row"/>, unchecked.</summary>
    internal int CodeAt(int row) => _codes[row];

    /// <summary>The codes themselves (not copied), for the fit's hot loops; never written.</summary>
    internal int[] RawCodes => _codes;
}
