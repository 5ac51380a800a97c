using System.Collections.Immutable;

using CustomerSegmentation.Data;

namespace CustomerSegmentation.Scaling;

/// <summary>
/// How features are rescaled before clustering, so that no feature dominates distances by its unit alone:
/// <see cref="None"/>, <see cref="Standard"/> (the default), <see cref="MinMax"/> or <see cref="LogStandard"/>.
/// A <see cref="FeatureScaler"/> fits one of these to the training data.
/// </summary>
/// <remarks>
/// Each choice is its own small type that fits a column's offset and scale from its statistics (population standard
/// deviation, ddof = 0), may transform values before that (the signed log of <see cref="LogStandard"/>), checks saved
/// parameters, and is saved by its <see cref="Name"/> and read back with <see cref="Parse"/>. Every choice is listed
/// once, in <see cref="All"/>. A choice with a parameter would be a static method returning a new instance, with the
/// parameter in its name.
/// </remarks>
public abstract class FeatureScaling
{
    private protected FeatureScaling()
    {
    }

    /// <summary>No rescaling: values are used in their original units (offset 0, scale 1).</summary>
    public static FeatureScaling None { get; } = new NoScaling();

    /// <summary>Z-scores: subtract the mean, divide by the population standard deviation (as scikit-learn's StandardScaler).</summary>
    public static FeatureScaling Standard { get; } = new StandardScaling();

    /// <summary>Map each feature's observed minimum to 0 and maximum to 1 (as scikit-learn's MinMaxScaler).</summary>
    public static FeatureScaling MinMax { get; } = new MinMaxScaling();

    /// <summary>
    /// A signed log, sign(x)·ln(1 + |x|), then z-scores: for skewed amounts such as recency, frequency and spend. The
    /// inverse maps centres back to original units.
    /// </summary>
    public static FeatureScaling LogStandard { get; } = new LogStandardScaling();

    /// <summary>Every scaling the library knows, the registry <see cref="Parse"/> reads names from.</summary>
    public static ImmutableArray<FeatureScaling> All { get; } = [None, Standard, MinMax, LogStandard];

    /// <summary>The scaling's name, as saved in a model file and read back by <see cref="Parse"/> (for example "Standard").</summary>
    public abstract string Name { get; }

    /// <summary>The scaling with the given <see cref="Name"/> (exact, case-sensitive), as read from a model file.</summary>
    /// <param name="name">One of the names in <see cref="All"/>.</param>
    /// <returns>The scaling of that name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="FormatException">No scaling has that name; the message names it and lists the known names.</exception>
    public static FeatureScaling Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (FeatureScaling scaling in All)
        {
            if (string.Equals(scaling.Name, name, StringComparison.Ordinal))
            {
                return scaling;
            }
        }

        throw new FormatException(
            $"The scaling method '{name}' is not known; use one of {string.Join(", ", All.Select(s => s.Name))} (names are case-sensitive).");
    }

    /// <summary>The scaling's <see cref="Name"/>.</summary>
    /// <returns>The name.</returns>
    public sealed override string ToString() => Name;

    /// <summary>The statistics the fit needs, of a column's values after <see cref="Forward"/>.</summary>
    internal virtual ColumnStatistics Measure(ReadOnlySpan<float> column) => ColumnStatistics.Of(column);

    /// <summary>The offset and scale of a column from its statistics (of the forward-transformed values).</summary>
    internal abstract (double Offset, double Scale) Fit(ColumnStatistics column);

    /// <summary>The transform applied to a value before its offset and scale (the identity unless overridden).</summary>
    internal virtual double Forward(double value) => value;

    /// <summary>The inverse of <see cref="Forward"/>, applied after the offset and scale are undone.</summary>
    internal virtual double Backward(double value) => value;

    /// <summary>Checks one feature's saved offset and scale (already finite, scale positive) against what this scaling can produce.</summary>
    /// <exception cref="ArgumentException">They contradict the scaling; the message names the feature and values.</exception>
    internal virtual void CheckParameters(string feature, double offset, double scale)
    {
    }
}
