using CustomerSegmentation.Clustering;

namespace CustomerSegmentation.Selection;

/// <summary>
/// The settings of an <see cref="ElbowSelector"/>. Immutable; each value is checked when set and an invalid one throws
/// <see cref="ArgumentOutOfRangeException"/> naming the option. The range is checked when the selector is created.
/// </summary>
public sealed record ElbowOptions
{
    /// <summary>The smallest K fitted.</summary>
    /// <value>The default value is 1. Must be at least 1.</value>
    public int MinK
    {
        get;
        init => field = ClusteringChecks.AtLeast(value, 1, nameof(MinK));
    } = 1;

    /// <summary>The largest K fitted.</summary>
    /// <value>The default value is 10. Must be at least <see cref="MinK"/>.</value>
    public int MaxK
    {
        get;
        init => field = ClusteringChecks.AtLeast(value, 1, nameof(MaxK));
    } = 10;

    /// <summary>How K is chosen from the curve.</summary>
    /// <value>The default value is <see cref="KSelectionRule.Default"/>, the elbow (Kneedle, sensitivity 1).</value>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public KSelectionRule Rule
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Rule));
    } = KSelectionRule.Default;

    /// <summary>
    /// The seed handed to the clusterer of every K (every K uses the same seed, as yellowbrick does) and used to draw
    /// the silhouette's sample.
    /// </summary>
    /// <value>The default value is 0.</value>
    public int Seed { get; init; }

    /// <summary>The most threads the sweep and each fit use; -1 means one per processor. Results do not depend on it.</summary>
    /// <value>The default value is -1. Must be -1 or at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0 or less than -1.</exception>
    public int MaxDegreeOfParallelism
    {
        get;
        init => field = ClusteringChecks.MaxDegreeOfParallelism(value, nameof(MaxDegreeOfParallelism));
    } = -1;

    /// <summary>
    /// Up to this many rows the silhouette is exact; above it, it is computed on a seeded random sample of this size
    /// (O(N^2) otherwise).
    /// </summary>
    /// <value>The default value is 10,000. Must be at least 2.</value>
    public int SilhouetteSampleSize
    {
        get;
        init => field = ClusteringChecks.AtLeast(value, 2, nameof(SilhouetteSampleSize));
    } = 10_000;

    /// <summary>
    /// Whether the sweep fits each K on a lightweight coreset of large data (the built-in K-means without the gap
    /// statistic only); <see cref="SweepCoreset.Off"/> fits every K on every row.
    /// </summary>
    /// <value>The default value is <see cref="SweepCoreset.Off"/>; <see cref="SweepCoreset.On"/> takes 20,000 draws from 200,000 rows up.</value>
    public SweepCoreset Coreset
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Coreset));
    } = SweepCoreset.Off;

    /// <summary>
    /// Whether fits for different K may run at the same time. The result is identical either way; this only trades
    /// memory for speed on small data, where a single fit cannot use every core.
    /// </summary>
    /// <value>The default value is true.</value>
    public bool FitInParallel { get; init; } = true;

    /// <summary>
    /// The number of gap-statistic reference data sets B to draw for a rule other than <see cref="KSelectionRule.Gap"/>,
    /// so that every point of the curve gets its gap and the result reports the gap's K beside the rule's; null
    /// computes no gap (each reference set is fitted for every K, about B + 1 times the work of the sweep). The gap
    /// rule brings its own B and reference.
    /// </summary>
    /// <value>The default value is null. Must be at least 2 when set.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 2.</exception>
    public int? GapReferences
    {
        get;
        init => field = value is int b ? ClusteringChecks.AtLeast(b, 2, nameof(GapReferences)) : null;
    }

    /// <summary>Where the reference data sets of <see cref="GapReferences"/> come from.</summary>
    /// <value>The default value is <see cref="GapReference.BoundingBox"/>.</value>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public GapReference GapReference
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(GapReference));
    } = GapReference.BoundingBox;
}
