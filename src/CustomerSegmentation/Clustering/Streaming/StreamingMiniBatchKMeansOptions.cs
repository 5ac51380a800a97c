namespace CustomerSegmentation.Clustering.Streaming;

/// <summary>
/// The settings of a <see cref="StreamingMiniBatchKMeans"/> fit. Immutable; every value is checked when it is set and
/// an invalid one throws <see cref="ArgumentOutOfRangeException"/> naming the option. The batch and reassignment
/// rules are those of <see cref="MiniBatchKMeansOptions"/>.
/// </summary>
public sealed record StreamingMiniBatchKMeansOptions
{
    /// <summary>The default number of epochs (passes over the stream).</summary>
    public const int DefaultEpochs = 3;

    /// <summary>The number of clusters (K).</summary>
    /// <value>The default value is 8. Must be at least 1 and at most the number of rows.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int K
    {
        get;
        init => field = ClusteringChecks.AtLeast(value, 1, nameof(K));
    } = KMeansOptions.DefaultK;

    /// <summary>The rows of each mini-batch, drawn uniformly with replacement from the current chunk.</summary>
    /// <value>The default value is 1024. Must be at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int BatchSize
    {
        get;
        init => field = ClusteringChecks.AtLeast(value, 1, nameof(BatchSize));
    } = MiniBatchKMeansOptions.DefaultBatchSize;

    /// <summary>
    /// The most passes over the stream; each takes ceil(chunk rows / <see cref="BatchSize"/>) steps on every chunk.
    /// An epoch whose total squared centre shift is at most <see cref="Tolerance"/> times the mean feature variance ends the fit early.
    /// </summary>
    /// <value>The default value is 3. Must be at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxEpochs
    {
        get;
        init => field = ClusteringChecks.AtLeast(value, 1, nameof(MaxEpochs));
    } = DefaultEpochs;

    /// <summary>The early-stop tolerance on an epoch's squared centre shift, relative to the mean feature variance; 0 never stops early.</summary>
    /// <value>The default value is 1e-4. Must be finite and non-negative.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN or infinite.</exception>
    public double Tolerance
    {
        get;
        init => field = ClusteringChecks.Tolerance(value, nameof(Tolerance));
    } = KMeansOptions.DefaultTolerance;

    /// <summary>The share of the largest centre's count below which a centre is moved to a random batch row (scikit-learn's reassignment_ratio).</summary>
    /// <value>The default value is 0.01. Must be between 0 and 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0..1 or NaN.</exception>
    public double ReassignmentRatio
    {
        get;
        init => field = value is >= 0 and <= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ReassignmentRatio), value, "ReassignmentRatio must be between 0 and 1.");
    } = MiniBatchKMeansOptions.DefaultReassignmentRatio;

    /// <summary>The rows of the seeded reservoir sample the initial centres are chosen from (greedy k-means++).</summary>
    /// <value>The default value is 1,048,576. Must be at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int SampleSize
    {
        get;
        init => field = ClusteringChecks.AtLeast(value, 1, nameof(SampleSize));
    } = StreamingKMeansOptions.DefaultSampleSize;

    /// <summary>The seed of the random choices (the sample, the initial centres and the batches).</summary>
    /// <value>The default value is 0.</value>
    public int Seed { get; init; }

    /// <summary>The most threads the first and last passes use within a chunk; -1 means one per processor. Results do not depend on it.</summary>
    /// <value>The default value is -1. Must be -1 or at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0 or less than -1.</exception>
    public int MaxDegreeOfParallelism
    {
        get;
        init => field = ClusteringChecks.MaxDegreeOfParallelism(value, nameof(MaxDegreeOfParallelism));
    } = -1;
}
