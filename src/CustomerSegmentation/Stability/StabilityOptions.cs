using CustomerSegmentation.Clustering;

namespace CustomerSegmentation.Stability;

/// <summary>
/// The settings of a <see cref="BootstrapStability"/> assessment. Immutable; each value is checked when set and an
/// invalid one throws <see cref="ArgumentOutOfRangeException"/> naming the option.
/// </summary>
/// <remarks>A segmentation pipeline replaces <see cref="Seed"/> and <see cref="MaxDegreeOfParallelism"/> with its own.</remarks>
public sealed record StabilityOptions
{
    /// <summary>The default number of bootstrap resamples, as in R's <c>fpc::clusterboot</c>.</summary>
    public const int DefaultResamples = 20;

    /// <summary>The number of bootstrap resamples B, each reclustered once.</summary>
    /// <value>The default value is <see cref="DefaultResamples"/> (20). Must be at least 2.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 2.</exception>
    public int Resamples
    {
        get;
        init => field = ClusteringChecks.AtLeast(value, 2, nameof(Resamples));
    } = DefaultResamples;

    /// <summary>
    /// The seed from which every resample's draw and every resample's fit seed are derived, and the seed of the
    /// original fit when the assessment makes it.
    /// </summary>
    /// <value>The default value is 0.</value>
    public int Seed { get; init; }

    /// <summary>The most threads the resamples and each fit use; -1 means one per processor. Results do not depend on it.</summary>
    /// <value>The default value is -1. Must be -1 or at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0 or less than -1.</exception>
    public int MaxDegreeOfParallelism
    {
        get;
        init => field = ClusteringChecks.MaxDegreeOfParallelism(value, nameof(MaxDegreeOfParallelism));
    } = -1;
}
