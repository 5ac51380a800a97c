namespace CustomerSegmentation.Clustering.Streaming;

/// <summary>
/// The settings of a <see cref="StreamingKMeans"/> fit. Immutable; every value is checked when it is set and an
/// invalid one throws <see cref="ArgumentOutOfRangeException"/> naming the option. K, the iteration limit and the
/// tolerance mean what they mean in <see cref="KMeansOptions"/>.
/// </summary>
public sealed record StreamingKMeansOptions
{
    /// <summary>The default size of the initialisation sample.</summary>
    public const int DefaultSampleSize = 1 << 20;

    /// <summary>The number of clusters (K).</summary>
    /// <value>The default value is 8. Must be at least 1 and at most the number of rows.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int K
    {
        get;
        init => field = ClusteringChecks.AtLeast(value, 1, nameof(K));
    } = KMeansOptions.DefaultK;

    /// <summary>The largest number of Lloyd passes over the stream.</summary>
    /// <value>The default value is 300. Must be at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxIterations
    {
        get;
        init => field = ClusteringChecks.AtLeast(value, 1, nameof(MaxIterations));
    } = KMeansOptions.DefaultMaxIterations;

    /// <summary>
    /// The convergence tolerance, relative to the data: the fit stops when the sum over centres of the squared centre
    /// shift is at most <c>Tolerance</c> times the mean of the per-feature variances (as <see cref="KMeansOptions.Tolerance"/>).
    /// No label changing makes the shift exactly 0, so it stops at the same pass as the in-memory fit.
    /// </summary>
    /// <value>The default value is 1e-4. Must be finite and non-negative.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN or infinite.</exception>
    public double Tolerance
    {
        get;
        init => field = ClusteringChecks.Tolerance(value, nameof(Tolerance));
    } = KMeansOptions.DefaultTolerance;

    /// <summary>How initial centres are chosen, on the sample.</summary>
    /// <value>The default value is greedy k-means++ with 2 + floor(ln K) local trials.</value>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public KMeansInitialization Init
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Init));
    } = KMeansInitialization.KMeansPlusPlus();

    /// <summary>
    /// The rows of the seeded uniform sample (reservoir sampling, one pass) the initial centres are chosen from. A
    /// stream of at most this many rows is its own sample, in order, so the fit starts where the in-memory fit does.
    /// Memory: 4 bytes per row and feature.
    /// </summary>
    /// <value>The default value is 1,048,576. Must be at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int SampleSize
    {
        get;
        init => field = ClusteringChecks.AtLeast(value, 1, nameof(SampleSize));
    } = DefaultSampleSize;

    /// <summary>The seed of the random choices (the sample and the initial centres).</summary>
    /// <value>The default value is 0.</value>
    public int Seed { get; init; }

    /// <summary>The most threads a pass uses within a chunk; -1 means one per processor. Results do not depend on it.</summary>
    /// <value>The default value is -1. Must be -1 or at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0 or less than -1.</exception>
    public int MaxDegreeOfParallelism
    {
        get;
        init => field = ClusteringChecks.MaxDegreeOfParallelism(value, nameof(MaxDegreeOfParallelism));
    } = -1;
}
