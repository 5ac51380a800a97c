namespace CustomerSegmentation.Clustering.Kernels;

/// <summary>
/// The data every kernel reads, and nothing else: <see cref="FeatureCount"/> float32 columns of
/// <see cref="RowCount"/> rows, each padded with zeros to <see cref="PaddedLength"/> values so that a kernel may load
/// whole vectors up to 512 bits without a bounds check; a float32 offset per feature that distance kernels subtract
/// first (so they work on centred values); optional padded float32 row weights; and the vector width to run at.
/// </summary>
internal readonly struct KernelColumns
{
    /// <summary>The number of floats every column (and the weights) must be padded to a multiple of: one 512-bit vector.</summary>
    public const int Padding = 16;

    /// <param name="columns">One array per feature, each at least <see cref="PaddedLength"/>(<paramref name="rowCount"/>) long, zeros past the rows.</param>
    /// <param name="rowCount">The number of rows.</param>
    /// <param name="width">The vector width the kernels run at.</param>
    /// <param name="offset">One value per feature subtracted before any distance; null for none (zeros).</param>
    /// <param name="weights">The row weights, padded like a column with zeros; null when every row weighs 1.</param>
    /// <exception cref="ArgumentException">No column, a column or the weights shorter than the padded length, or an offset of another length.</exception>
    public KernelColumns(float[][] columns, int rowCount, VectorWidth width, float[]? offset = null, float[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        if (columns.Length == 0)
        {
            throw new ArgumentException("The kernels need at least one column.", nameof(columns));
        }

        int padded = PaddedLength(rowCount);
        for (int j = 0; j < columns.Length; j++)
        {
            if (columns[j] is null || columns[j].Length < padded)
            {
                throw new ArgumentException(
                    $"Column {j} holds {columns[j]?.Length ?? 0} floats but {rowCount} rows need {padded} (padded to a multiple of {Padding}).",
                    nameof(columns));
            }
        }

        if (offset is not null && offset.Length != columns.Length)
        {
            throw new ArgumentException($"The offset has {offset.Length} values but there are {columns.Length} columns.", nameof(offset));
        }

        if (weights is not null && weights.Length < padded)
        {
            throw new ArgumentException(
                $"The weights hold {weights.Length} floats but {rowCount} rows need {padded} (padded to a multiple of {Padding}).",
                nameof(weights));
        }

        Columns = columns;
        RowCount = rowCount;
        Width = width;
        Offset = offset ?? new float[columns.Length];
        Weights = weights;
    }

    /// <summary>The padded columns, in the data's units.</summary>
    public float[][] Columns { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The number of features.</summary>
    public int FeatureCount => Columns.Length;

    /// <summary>The vector width the kernels run at.</summary>
    public VectorWidth Width { get; }

    /// <summary>The per-feature float32 offset subtracted before any distance.</summary>
    public float[] Offset { get; }

    /// <summary>The padded row weights (zero past the last row), or null when every row weighs 1.</summary>
    public float[]? Weights { get; }

    /// <summary>The length <paramref name="rowCount"/> values are padded to: the next multiple of <see cref="Padding"/>.</summary>
    /// <param name="rowCount">The number of rows.</param>
    /// <returns>The padded length.</returns>
    public static int PaddedLength(int rowCount) => checked((rowCount + Padding - 1) / Padding * Padding);

    /// <summary>The weight of row <paramref name="row"/>.</summary>
    /// <param name="row">The row.</param>
    /// <returns>Its weight, 1 when there are no weights.</returns>
    public double Weight(int row) => Weights is null ? 1.0 : Weights[row];

    /// <summary>Row <paramref name="row"/> of feature <paramref name="feature"/> minus the offset, rounded as the kernels round it.</summary>
    /// <param name="row">The row.</param>
    /// <param name="feature">The feature.</param>
    /// <returns>The centred float32 value.</returns>
    public float Centred(int row, int feature) => Columns[feature][row] - Offset[feature];
}
