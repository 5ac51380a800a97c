using System.Collections.Immutable;
using System.Globalization;

namespace CustomerSegmentation.Data;

/// <summary>
/// An immutable table of <see cref="RowCount"/> rows (customers) by <see cref="FeatureCount"/> named numeric features,
/// stored column-major as one contiguous float32 array per feature.
/// </summary>
/// <remarks>
/// Each column is padded with zeros to a multiple of 16 values so that vector kernels can read whole 512-bit registers
/// without a bounds check. Values must be finite; construction rejects NaN and
/// infinities, ragged rows, zero rows, zero features and duplicate feature names with an <see cref="ArgumentException"/>
/// naming the row and the feature.
/// </remarks>
public sealed class FeatureMatrix
{
    /// <summary>The number of float values every column is padded to a multiple of (one 512-bit vector, what the kernels need).</summary>
    internal const int ColumnPadding = 16;

    private readonly float[][] _columns;

    private FeatureMatrix(float[][] columns, int rowCount, ImmutableArray<string> featureNames, ImmutableArray<CategoricalColumn> categoricals = default)
    {
        _columns = columns;
        RowCount = rowCount;
        FeatureNames = featureNames;
        Categoricals = categoricals.IsDefault ? [] : categoricals;
    }

    /// <summary>
    /// The categorical features carried beside the numeric columns (empty unless <see cref="WithCategoricals"/> added
    /// some); clusterers that understand categories (K-prototypes) use them, the numeric ones ignore them.
    /// </summary>
    public ImmutableArray<CategoricalColumn> Categoricals { get; }

    /// <summary>The names of <see cref="Categoricals"/>, in order.</summary>
    public ImmutableArray<string> CategoricalNames => [.. Categoricals.Select(c => c.Name)];

    /// <summary>This matrix's numeric columns (shared, not copied) with <paramref name="categoricals"/> beside them, replacing any it had.</summary>
    /// <param name="categoricals">The categorical features, one code per row each; names unique and distinct from the numeric features'.</param>
    /// <returns>The new matrix.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="categoricals"/> or a column is null.</exception>
    /// <exception cref="ArgumentException">A column has another row count, or a name is repeated or is also a numeric feature's.</exception>
    public FeatureMatrix WithCategoricals(IEnumerable<CategoricalColumn> categoricals)
    {
        ArgumentNullException.ThrowIfNull(categoricals);
        ImmutableArray<CategoricalColumn> list = [.. categoricals];
        var seen = new HashSet<string>(FeatureNames, StringComparer.OrdinalIgnoreCase);
        foreach (CategoricalColumn column in list)
        {
            ArgumentNullException.ThrowIfNull(column, nameof(categoricals));
            if (column.RowCount != RowCount)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"The categorical feature '{column.Name}' has {column.RowCount} rows but the matrix has {RowCount}."),
                    nameof(categoricals));
            }

            if (!seen.Add(column.Name))
            {
                throw new ArgumentException(
                    $"The name '{column.Name}' is used twice; a categorical feature needs a name of its own, distinct from every numeric feature's.",
                    nameof(categoricals));
            }
        }

        return new FeatureMatrix(_columns, RowCount, FeatureNames, list);
    }

    /// <summary>The number of rows (customers).</summary>
    public int RowCount { get; }

    /// <summary>The number of features (columns).</summary>
    public int FeatureCount => FeatureNames.Length;

    /// <summary>The feature names, in column order; unique (ordinal, case-insensitive).</summary>
    public ImmutableArray<string> FeatureNames { get; }

    /// <summary>The value at <paramref name="row"/> of feature <paramref name="feature"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The row or feature index is out of range.</exception>
    public float this[int row, int feature]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(row);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
            return Column(feature)[row];
        }
    }

    /// <summary>The values of one feature, one per row (the padding is not included).</summary>
    /// <param name="feature">The feature's index, 0 to <see cref="FeatureCount"/> - 1.</param>
    /// <returns>The values, one per row.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="feature"/> is out of range.</exception>
    public ReadOnlySpan<float> Column(int feature)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(feature);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(feature, FeatureCount);
        return _columns[feature].AsSpan(0, RowCount);
    }

    /// <summary>The values of the feature named <paramref name="name"/> (case-insensitive).</summary>
    /// <param name="name">The feature's name.</param>
    /// <returns>The values, one per row.</returns>
    /// <exception cref="ArgumentException">No feature has that name; the message lists the features that exist.</exception>
    public ReadOnlySpan<float> Column(string name) => Column(IndexOf(name));

    /// <summary>The index of the feature named <paramref name="name"/> (ordinal, case-insensitive, surrounding whitespace ignored).</summary>
    /// <param name="name">The feature's name.</param>
    /// <returns>The feature's index.</returns>
    /// <exception cref="ArgumentException">No feature has that name; the message lists the features that exist.</exception>
    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string wanted = name.Trim();
        for (int j = 0; j < FeatureNames.Length; j++)
        {
            if (string.Equals(FeatureNames[j], wanted, StringComparison.OrdinalIgnoreCase))
            {
                return j;
            }
        }

        throw new ArgumentException(
            $"No feature is named '{name}'. The features are: {string.Join(", ", FeatureNames.Select(n => $"'{n}'"))}.",
            nameof(name));
    }

    /// <summary>Copies one row into a new array of doubles, one value per feature.</summary>
    /// <param name="row">The row's index, 0 to <see cref="RowCount"/> - 1.</param>
    /// <returns>The row's values, one per feature.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is out of range.</exception>
    public double[] GetRow(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
        var values = new double[FeatureCount];
        for (int j = 0; j < values.Length; j++)
        {
            values[j] = _columns[j][row];
        }

        return values;
    }

    /// <summary>A new matrix holding the given rows, in the given order (a row may repeat).</summary>
    /// <param name="rows">The indices of the rows to keep, in the order wanted.</param>
    /// <returns>The new matrix.</returns>
    /// <exception cref="ArgumentException"><paramref name="rows"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public FeatureMatrix SelectRows(ReadOnlySpan<int> rows)
    {
        if (rows.IsEmpty)
        {
            throw new ArgumentException("At least one row must be selected; a feature matrix cannot have zero rows.", nameof(rows));
        }

        var columns = new float[FeatureCount][];
        for (int j = 0; j < columns.Length; j++)
        {
            float[] source = _columns[j];
            float[] target = new float[PaddedLength(rows.Length)];
            for (int i = 0; i < rows.Length; i++)
            {
                int r = rows[i];
                if ((uint)r >= (uint)RowCount)
                {
                    throw new ArgumentOutOfRangeException(nameof(rows), r, $"Row index {r} is outside 0..{RowCount - 1}.");
                }

                target[i] = source[r];
            }

            columns[j] = target;
        }

        var categoricals = ImmutableArray.CreateBuilder<CategoricalColumn>(Categoricals.Length);
        foreach (CategoricalColumn column in Categoricals)
        {
            categoricals.Add(column.SelectRows(rows));
        }

        return new FeatureMatrix(columns, rows.Length, FeatureNames, categoricals.MoveToImmutable());
    }

    /// <summary>A new matrix with only the named numeric features, in the order given (names matched case-insensitively), and the same <see cref="Categoricals"/>. The values are shared, not copied.</summary>
    /// <param name="names">The features to keep, in the order wanted.</param>
    /// <returns>The new matrix.</returns>
    /// <exception cref="ArgumentException">A name is unknown (the message lists the features), repeated, or the list is empty.</exception>
    public FeatureMatrix SelectFeatures(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        int[] indices = names.Select(IndexOf).ToArray();
        ImmutableArray<string> selected = ValidateNames(indices.Select(j => FeatureNames[j]).ToArray());
        return new FeatureMatrix(indices.Select(j => _columns[j]).ToArray(), RowCount, selected, Categoricals);
    }

    /// <summary>Builds a matrix from rows of doubles (each row one customer, one value per feature).</summary>
    /// <param name="rows">The rows; every row must have one value per feature name.</param>
    /// <param name="featureNames">The feature names, unique and non-blank.</param>
    /// <exception cref="ArgumentNullException">An argument or a row is null.</exception>
    /// <exception cref="ArgumentException">No rows, no features, a duplicate or blank name, a ragged row, or a NaN or infinite value (the message names the row and the feature).</exception>
    public static FeatureMatrix FromRows(IReadOnlyList<double[]> rows, IReadOnlyList<string> featureNames)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ImmutableArray<string> names = ValidateNames(featureNames);
        RequireRows(rows.Count, nameof(rows));
        var columns = AllocateColumns(names.Length, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            double[] row = rows[i] ?? throw new ArgumentNullException(nameof(rows), $"Row {i} is null.");
            if (row.Length != names.Length)
            {
                throw new ArgumentException(
                    $"Row {i} has {row.Length} values but there are {names.Length} features ({string.Join(", ", names)}); every row must have one value per feature.",
                    nameof(rows));
            }

            for (int j = 0; j < row.Length; j++)
            {
                columns[j][i] = ToFinite(row[j], i, names[j], nameof(rows));
            }
        }

        return new FeatureMatrix(columns, rows.Count, names);
    }

    /// <summary>Builds a matrix from a rectangular array of doubles (rows by features).</summary>
    /// <param name="values">The values, one row per customer and one column per feature.</param>
    /// <param name="featureNames">The feature names, unique and non-blank.</param>
    /// <returns>The matrix (values rounded to float32).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">No rows, a column count different from the number of names, a duplicate or blank name, or a NaN or infinite value (the message names the row and the feature).</exception>
    public static FeatureMatrix FromArray(double[,] values, IReadOnlyList<string> featureNames)
    {
        ArgumentNullException.ThrowIfNull(values);
        ImmutableArray<string> names = ValidateNames(featureNames);
        int n = values.GetLength(0);
        RequireRows(n, nameof(values));
        RequireWidth(values.GetLength(1), names, nameof(values));
        var columns = AllocateColumns(names.Length, n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < names.Length; j++)
            {
                columns[j][i] = ToFinite(values[i, j], i, names[j], nameof(values));
            }
        }

        return new FeatureMatrix(columns, n, names);
    }

    /// <summary>Builds a matrix from a rectangular array of floats (rows by features).</summary>
    /// <param name="values">The values, one row per customer and one column per feature.</param>
    /// <param name="featureNames">The feature names, unique and non-blank.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">No rows, a column count different from the number of names, a duplicate or blank name, or a NaN or infinite value (the message names the row and the feature).</exception>
    public static FeatureMatrix FromArray(float[,] values, IReadOnlyList<string> featureNames)
    {
        ArgumentNullException.ThrowIfNull(values);
        ImmutableArray<string> names = ValidateNames(featureNames);
        int n = values.GetLength(0);
        RequireRows(n, nameof(values));
        RequireWidth(values.GetLength(1), names, nameof(values));
        var columns = AllocateColumns(names.Length, n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < names.Length; j++)
            {
                columns[j][i] = ToFinite(values[i, j], i, names[j], nameof(values));
            }
        }

        return new FeatureMatrix(columns, n, names);
    }

    /// <summary>Builds a matrix from columns of doubles, one per feature, all of the same length.</summary>
    /// <param name="columns">One column per feature, one value per customer.</param>
    /// <param name="featureNames">The feature names, unique and non-blank.</param>
    /// <returns>The matrix (values rounded to float32).</returns>
    /// <exception cref="ArgumentNullException">An argument or a column is null.</exception>
    /// <exception cref="ArgumentException">No rows, a column count different from the number of names, columns of different lengths, a duplicate or blank name, or a NaN or infinite value (the message names the row and the feature).</exception>
    public static FeatureMatrix FromColumns(IReadOnlyList<double[]> columns, IReadOnlyList<string> featureNames)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ImmutableArray<string> names = ValidateNames(featureNames);
        RequireWidth(columns.Count, names, nameof(columns));
        int n = RequireEqualLengths(columns.Select(c => c?.Length), names, nameof(columns));
        var target = AllocateColumns(names.Length, n);
        for (int j = 0; j < names.Length; j++)
        {
            double[] source = columns[j];
            for (int i = 0; i < n; i++)
            {
                target[j][i] = ToFinite(source[i], i, names[j], nameof(columns));
            }
        }

        return new FeatureMatrix(target, n, names);
    }

    /// <summary>Builds a matrix from columns of floats, one per feature, all of the same length. The values are copied.</summary>
    /// <param name="columns">One column per feature, one value per customer.</param>
    /// <param name="featureNames">The feature names, unique and non-blank.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="ArgumentNullException">An argument or a column is null.</exception>
    /// <exception cref="ArgumentException">No rows, a column count different from the number of names, columns of different lengths, a duplicate or blank name, or a NaN or infinite value (the message names the row and the feature).</exception>
    public static FeatureMatrix FromColumns(IReadOnlyList<float[]> columns, IReadOnlyList<string> featureNames)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ImmutableArray<string> names = ValidateNames(featureNames);
        RequireWidth(columns.Count, names, nameof(columns));
        int n = RequireEqualLengths(columns.Select(c => c?.Length), names, nameof(columns));
        var target = AllocateColumns(names.Length, n);
        for (int j = 0; j < names.Length; j++)
        {
            float[] source = columns[j];
            for (int i = 0; i < n; i++)
            {
                target[j][i] = ToFinite(source[i], i, names[j], nameof(columns));
            }
        }

        return new FeatureMatrix(target, n, names);
    }

    /// <summary>The padded backing array of one feature (length a multiple of <see cref="ColumnPadding"/>, zeros past <see cref="RowCount"/>).</summary>
    internal float[] PaddedColumn(int feature) => _columns[feature];

    /// <summary>Every padded backing array, in feature order, in a new outer array (the columns themselves are shared, not copied).</summary>
    internal float[][] PaddedColumns() => (float[][])_columns.Clone();

    /// <summary>Wraps already validated, padded columns without copying them.</summary>
    internal static FeatureMatrix Wrap(float[][] paddedColumns, int rowCount, ImmutableArray<string> featureNames)
        => new(paddedColumns, rowCount, featureNames);

    /// <summary>The length a column of <paramref name="rowCount"/> values is padded to.</summary>
    internal static int PaddedLength(int rowCount) => checked((rowCount + ColumnPadding - 1) / ColumnPadding * ColumnPadding);

    /// <summary>
    /// Padded columns whose first <paramref name="rowCount"/> values the caller writes in full: only the padding is
    /// zeroed (the rest is left as the allocator gives it, for readers that fill every row).
    /// </summary>
    internal static float[][] AllocateColumnsToFill(int featureCount, int rowCount)
    {
        var columns = new float[featureCount][];
        for (int j = 0; j < featureCount; j++)
        {
            float[] column = GC.AllocateUninitializedArray<float>(PaddedLength(rowCount));
            column.AsSpan(rowCount).Clear();
            columns[j] = column;
        }

        return columns;
    }

    internal static float[][] AllocateColumns(int featureCount, int rowCount)
    {
        var columns = new float[featureCount][];
        for (int j = 0; j < featureCount; j++)
        {
            columns[j] = new float[PaddedLength(rowCount)];
        }

        return columns;
    }

    internal static ImmutableArray<string> ValidateNames(IReadOnlyList<string> featureNames)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        if (featureNames.Count == 0)
        {
            throw new ArgumentException("At least one feature is required; the list of feature names is empty.", nameof(featureNames));
        }

        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var builder = ImmutableArray.CreateBuilder<string>(featureNames.Count);
        for (int j = 0; j < featureNames.Count; j++)
        {
            string? name = featureNames[j];
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException($"Feature {j} has a blank name; every feature needs a name.", nameof(featureNames));
            }

            name = name.Trim();
            if (seen.TryGetValue(name, out int first))
            {
                throw new ArgumentException(
                    $"Feature name '{name}' appears twice (features {first} and {j}); feature names must be unique (case-insensitive).",
                    nameof(featureNames));
            }

            seen.Add(name, j);
            builder.Add(name);
        }

        return builder.MoveToImmutable();
    }

    private static void RequireRows(int rowCount, string parameter)
    {
        if (rowCount == 0)
        {
            throw new ArgumentException("The data has zero rows; at least one row is required.", parameter);
        }
    }

    private static void RequireWidth(int width, ImmutableArray<string> names, string parameter)
    {
        if (width != names.Length)
        {
            throw new ArgumentException(
                $"The data has {width} columns but {names.Length} feature names were given ({string.Join(", ", names)}).",
                parameter);
        }
    }

    private static int RequireEqualLengths(IEnumerable<int?> lengths, ImmutableArray<string> names, string parameter)
    {
        int n = -1;
        int j = 0;
        foreach (int? length in lengths)
        {
            if (length is null)
            {
                throw new ArgumentNullException(parameter, $"The column for feature '{names[j]}' is null.");
            }

            if (n < 0)
            {
                n = length.Value;
            }
            else if (length.Value != n)
            {
                throw new ArgumentException(
                    $"Feature '{names[j]}' has {length.Value} values but feature '{names[0]}' has {n}; all columns must have the same length (ragged data).",
                    parameter);
            }

            j++;
        }

        RequireRows(n, parameter);
        return n;
    }

    private static float ToFinite(double value, int row, string feature, string parameter)
    {
        float f = (float)value;
        if (!float.IsFinite(f))
        {
            throw new ArgumentException(
                $"Row {row}, feature '{feature}': the value {value.ToString(CultureInfo.InvariantCulture)} is not a finite float32 number; NaN and infinities (and magnitudes beyond ±3.4e38) are not allowed.",
                parameter);
        }

        return f;
    }
}
