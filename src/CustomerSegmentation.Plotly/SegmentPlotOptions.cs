using System.Collections.Immutable;

namespace CustomerSegmentation.Plotly;

/// <summary>How the customers plot is drawn (3D, 2D or a strip plot, see <see cref="SegmentCharts.Customers(Pipeline.SegmentationResult, SegmentPlotOptions?)"/>). Immutable; every option is validated when it is set.</summary>
public sealed class SegmentPlotOptions
{
    /// <summary>The default for <see cref="MaxPoints"/>.</summary>
    public const int DefaultMaxPoints = 5000;

    /// <summary>The default for <see cref="Seed"/>.</summary>
    public const int DefaultSeed = 42;

    /// <summary>
    /// The names of the one to three features on the x, y and z axes (case-insensitive): three draw a 3D scatter plot,
    /// two a 2D scatter plot, one a strip plot per segment. Empty draws the first three features (all of them when
    /// there are fewer, and with a menu that puts any feature on any axis when there are more). Ignored when
    /// <see cref="UsePrincipalComponents"/> is true.
    /// </summary>
    /// <value>The default value is empty (the first three features).</value>
    /// <exception cref="ArgumentException">Set to a list that is not empty and not one to three distinct, non-blank names.</exception>
    public ImmutableArray<string> Features
    {
        get;
        init
        {
            if (value.IsDefaultOrEmpty)
            {
                field = [];
                return;
            }

            if (value.Length > 3 || value.Any(string.IsNullOrWhiteSpace)
                || value.Select(v => v.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != value.Length)
            {
                throw new ArgumentException(
                    $"Features must name one to three distinct, non-blank features (x, then y, then z), but was [{string.Join(", ", value.Select(v => $"'{v}'"))}].",
                    nameof(Features));
            }

            field = value;
        }
    } = [];

    /// <summary>
    /// Plot the leading principal components of the standardized features instead of original features: three
    /// components in 3D, or two in 2D when there are only two features; the axes are titled "PC1 (xx.x% variance)"
    /// and so on. Hover still shows the original values.
    /// </summary>
    /// <value>The default value is false.</value>
    public bool UsePrincipalComponents { get; init; }

    /// <summary>
    /// The largest number of customers drawn; larger data is shown as a seeded random sample that keeps every
    /// segment's share and at least one customer of every non-empty segment (so the sample can exceed this only
    /// when there are more segments than points allowed).
    /// </summary>
    /// <value>The default value is 5,000.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 1.</exception>
    public int MaxPoints
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxPoints));
            field = value;
        }
    } = DefaultMaxPoints;

    /// <summary>The seed of the random sample (see <see cref="MaxPoints"/>); the same seed draws the same customers.</summary>
    /// <value>The default value is 42.</value>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>The chart title.</summary>
    /// <value>The default value is "Customer segments".</value>
    /// <exception cref="ArgumentException">Set to null or blank.</exception>
    public string Title
    {
        get;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(Title));
            field = value;
        }
    } = "Customer segments";
}
