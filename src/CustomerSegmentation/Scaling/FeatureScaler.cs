using System.Collections.Immutable;
using System.Globalization;

using CustomerSegmentation.Data;

namespace CustomerSegmentation.Scaling;

/// <summary>
/// A fitted, immutable feature scaling: scaled = (x - <see cref="Offsets"/>[j]) / <see cref="Scales"/>[j] for feature j.
/// Fitted once on the training data and stored with the model, so new customers are scaled the same way and profiles
/// can be turned back into original units with <see cref="InverseTransform"/>.
/// </summary>
/// <remarks>
/// A feature with zero variance (every value equal) gets scale 1, so it is only centred (all zeros for
/// <see cref="FeatureScaling.Standard"/> and <see cref="FeatureScaling.MinMax"/>), never divided by zero; it is listed in
/// <see cref="ZeroVarianceFeatures"/>. Statistics are computed in double precision, with the population standard
/// deviation (ddof = 0, as scikit-learn).
/// </remarks>
public sealed class FeatureScaler
{
    /// <summary>Values scaled between two looks at the cancellation token, minus one (a power of two).</summary>
    private const int CancellationBlockMask = (1 << 16) - 1;

    private FeatureScaler(
        FeatureScaling method,
        ImmutableArray<string> featureNames,
        ImmutableArray<double> offsets,
        ImmutableArray<double> scales,
        ImmutableArray<string> zeroVarianceFeatures)
    {
        Method = method;
        FeatureNames = featureNames;
        Offsets = offsets;
        Scales = scales;
        ZeroVarianceFeatures = zeroVarianceFeatures;
    }

    /// <summary>The scaling method.</summary>
    public FeatureScaling Method { get; }

    /// <summary>The names of the features this scaler applies to, in column order.</summary>
    public ImmutableArray<string> FeatureNames { get; }

    /// <summary>
    /// What is subtracted from each feature, in its original unit: the mean (<see cref="FeatureScaling.Standard"/>),
    /// the minimum (<see cref="FeatureScaling.MinMax"/>) or 0 (<see cref="FeatureScaling.None"/>).
    /// </summary>
    public ImmutableArray<double> Offsets { get; }

    /// <summary>
    /// What each centred feature is divided by, in its original unit, always finite and positive: the population
    /// standard deviation (Standard), the range max - min (MinMax), or 1 (None, or a zero-variance feature).
    /// </summary>
    public ImmutableArray<double> Scales { get; }

    /// <summary>The features whose values were all equal when fitted (left centred, scale 1). Empty when none.</summary>
    public ImmutableArray<string> ZeroVarianceFeatures { get; }

    /// <summary>Fits a scaler of the given method to the columns of <paramref name="data"/>.</summary>
    /// <param name="data">The training data.</param>
    /// <param name="method">The scaling method.</param>
    /// <param name="cancellationToken">Checked before each feature's pass over the rows.</param>
    /// <returns>The fitted scaler.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="method"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static FeatureScaler Fit(FeatureMatrix data, FeatureScaling method, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(method);
        cancellationToken.ThrowIfCancellationRequested();
        int d = data.FeatureCount;
        var offsets = new double[d];
        var scales = new double[d];
        var zeroVariance = ImmutableArray.CreateBuilder<string>();
        for (int j = 0; j < d; j++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ColumnStatistics column = method.Measure(data.Column(j));
            if (column.IsConstant)
            {
                zeroVariance.Add(data.FeatureNames[j]);
            }

            (offsets[j], scales[j]) = method.Fit(column);
            if (!(scales[j] > 0) || !double.IsFinite(scales[j]))
            {
                scales[j] = 1.0;
            }
        }

        return new FeatureScaler(method, data.FeatureNames, [.. offsets], [.. scales], zeroVariance.ToImmutable());
    }

    /// <summary>Rebuilds a scaler from saved parameters (for example those of a stored model).</summary>
    /// <param name="method">The scaling method the parameters came from.</param>
    /// <param name="featureNames">The feature names, unique (case-insensitive) and non-blank.</param>
    /// <param name="offsets">One finite offset per feature (0 for <see cref="FeatureScaling.None"/>).</param>
    /// <param name="scales">One finite, positive scale per feature (1 for <see cref="FeatureScaling.None"/>).</param>
    /// <param name="zeroVarianceFeatures">The features recorded as zero-variance when fitted, or null for none; each must be one of <paramref name="featureNames"/>, listed once.</param>
    /// <returns>The scaler.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="method"/> or a list is null.</exception>
    /// <exception cref="ArgumentException">The lists have different lengths, a name is blank or repeated, an offset is not finite, a scale is not finite and positive, None has an offset other than 0 or a scale other than 1, or a zero-variance name is not a feature or is repeated. The message names the feature and the value.</exception>
    public static FeatureScaler FromParameters(
        FeatureScaling method,
        IReadOnlyList<string> featureNames,
        IReadOnlyList<double> offsets,
        IReadOnlyList<double> scales,
        IReadOnlyList<string>? zeroVarianceFeatures = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ImmutableArray<string> names = FeatureMatrix.ValidateNames(featureNames);
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(scales);
        if (offsets.Count != names.Length || scales.Count != names.Length)
        {
            throw new ArgumentException(
                $"There are {names.Length} feature names but {offsets.Count} offsets and {scales.Count} scales; give one offset and one scale per feature.",
                offsets.Count != names.Length ? nameof(offsets) : nameof(scales));
        }

        for (int j = 0; j < names.Length; j++)
        {
            double offset = offsets[j];
            double scale = scales[j];
            if (!double.IsFinite(offset))
            {
                throw new ArgumentException($"The offset of feature '{names[j]}' is {Format(offset)}; offsets must be finite.", nameof(offsets));
            }

            if (!double.IsFinite(scale) || !(scale > 0))
            {
                throw new ArgumentException($"The scale of feature '{names[j]}' is {Format(scale)}; scales must be finite and greater than zero.", nameof(scales));
            }

            method.CheckParameters(names[j], offset, scale);
        }

        var zeroVariance = ImmutableArray.CreateBuilder<string>();
        foreach (string name in zeroVarianceFeatures ?? [])
        {
            int j = names.IndexOf(name?.Trim() ?? string.Empty, StringComparer.OrdinalIgnoreCase);
            if (j < 0)
            {
                throw new ArgumentException(
                    $"The zero-variance feature '{name}' is not one of the features ({string.Join(", ", names)}).", nameof(zeroVarianceFeatures));
            }

            if (zeroVariance.Contains(names[j]))
            {
                throw new ArgumentException($"The zero-variance feature '{name}' is listed twice; list each feature once.", nameof(zeroVarianceFeatures));
            }

            zeroVariance.Add(names[j]);
        }

        return new FeatureScaler(method, names, [.. offsets], [.. scales], zeroVariance.ToImmutable());
    }

    /// <summary>Scales every row of <paramref name="data"/>, whose features must be this scaler's, in the same order.</summary>
    /// <param name="data">Data with the same feature names (case-insensitive), in the same order.</param>
    /// <param name="cancellationToken">Checked before every block of <c>65,536</c> values.</param>
    /// <returns>A new matrix of scaled values with the same feature names.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The feature names differ (the message names the first mismatch), or a scaled value overflows float32.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public FeatureMatrix Transform(FeatureMatrix data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        cancellationToken.ThrowIfCancellationRequested();
        RequireSameFeatures(data.FeatureNames);
        int n = data.RowCount;
        float[][] columns = FeatureMatrix.AllocateColumns(FeatureNames.Length, n);
        for (int j = 0; j < columns.Length; j++)
        {
            ReadOnlySpan<float> source = data.Column(j);
            float[] target = columns[j];
            for (int i = 0; i < n; i++)
            {
                if ((i & CancellationBlockMask) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                float scaled = Scale(j, source[i]);
                if (!float.IsFinite(scaled))
                {
                    throw new ArgumentException(
                        $"Row {i}, feature '{FeatureNames[j]}': the value {Format(source[i])} scales to {Format(scaled)}, beyond the float32 range.",
                        nameof(data));
                }

                target[i] = scaled;
            }
        }

        return FeatureMatrix.Wrap(columns, n, data.FeatureNames);
    }

    /// <summary>Scales one customer's features (original units) into the scaled space.</summary>
    /// <param name="row">One finite value per feature, in <see cref="FeatureNames"/> order.</param>
    /// <returns>The scaled values.</returns>
    /// <exception cref="ArgumentException">The row has the wrong length or a value is not finite.</exception>
    public double[] Transform(ReadOnlySpan<double> row)
    {
        RequireRow(row);
        var scaled = new double[row.Length];
        for (int j = 0; j < row.Length; j++)
        {
            scaled[j] = (Method.Forward(row[j]) - Offsets[j]) / Scales[j];
        }

        return scaled;
    }

    /// <summary>Maps scaled values (for example a cluster centre) back to original units: x = scaled * scale + offset.</summary>
    /// <param name="row">One finite scaled value per feature, in <see cref="FeatureNames"/> order.</param>
    /// <returns>The values in original units.</returns>
    /// <exception cref="ArgumentException">The row has the wrong length or a value is not finite.</exception>
    public double[] InverseTransform(ReadOnlySpan<double> row)
    {
        RequireRow(row);
        var original = new double[row.Length];
        for (int j = 0; j < row.Length; j++)
        {
            original[j] = Method.Backward((row[j] * Scales[j]) + Offsets[j]);
        }

        return original;
    }

    /// <summary>Scales one stored (float32) value of feature <paramref name="feature"/>, rounded as <see cref="Transform(FeatureMatrix, CancellationToken)"/> rounds it.</summary>
    internal float Scale(int feature, float value) => (float)((Method.Forward(value) - Offsets[feature]) / Scales[feature]);

    /// <summary>A one-line description: the method and each feature's offset and scale.</summary>
    public override string ToString()
        => $"{Method} scaling: {string.Join("; ", FeatureNames.Select((n, j) => $"{n}: offset {Format(Offsets[j])}, scale {Format(Scales[j])}"))}";

    private void RequireSameFeatures(ImmutableArray<string> names)
    {
        for (int j = 0; j < Math.Max(names.Length, FeatureNames.Length); j++)
        {
            string? expected = j < FeatureNames.Length ? FeatureNames[j] : null;
            string? actual = j < names.Length ? names[j] : null;
            if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException(
                    $"The data's features ({string.Join(", ", names)}) do not match the scaler's ({string.Join(", ", FeatureNames)}): feature {j} is {Describe(actual)} but the scaler expects {Describe(expected)}. Use the same features, in the same order, as when the scaler was fitted.",
                    "data");
            }
        }
    }

    private void RequireRow(ReadOnlySpan<double> row)
    {
        if (row.Length != FeatureNames.Length)
        {
            throw new ArgumentException(
                $"The row has {row.Length} values but the scaler has {FeatureNames.Length} features ({string.Join(", ", FeatureNames)}).", nameof(row));
        }

        for (int j = 0; j < row.Length; j++)
        {
            if (!double.IsFinite(row[j]))
            {
                throw new ArgumentException($"Feature '{FeatureNames[j]}' is {Format(row[j])}; values must be finite.", nameof(row));
            }
        }
    }

    private static string Describe(string? name) => name is null ? "missing" : $"'{name}'";

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
