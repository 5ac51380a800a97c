using CustomerSegmentation.Clustering;

namespace CustomerSegmentation.Profiling;

/// <summary>
/// The settings of <see cref="SegmentRules.Learn"/>: how deep the threshold tree may grow, how small a leaf may be and
/// how splits are scored. Immutable; every value is checked when it is set and an invalid one throws
/// <see cref="ArgumentOutOfRangeException"/> (or <see cref="ArgumentNullException"/>) naming the option.
/// </summary>
public sealed record RuleOptions
{
    /// <summary>The default depth: at most three conditions per path, eight leaves.</summary>
    public const int DefaultMaxDepth = 3;

    /// <summary>The deepest tree allowed.</summary>
    public const int DeepestTree = 16;

    /// <summary>The default smallest leaf, in customers.</summary>
    public const int DefaultMinLeafSize = 5;

    /// <summary>The most conditions on one path from the root to a leaf (before conditions on one feature are merged).</summary>
    /// <value>The default value is 3. Must be between 1 and <see cref="DeepestTree"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above <see cref="DeepestTree"/>.</exception>
    public int MaxDepth
    {
        get;
        init => field = value is >= 1 and <= DeepestTree
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxDepth), value, $"{nameof(MaxDepth)} must be between 1 and {DeepestTree}.");
    } = DefaultMaxDepth;

    /// <summary>
    /// The fewest customers a leaf may hold: a split that would leave fewer on either side is not considered, so no
    /// rule rests on a handful of customers.
    /// </summary>
    /// <value>The default value is 5. Must be at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MinLeafSize
    {
        get;
        init => field = ClusteringChecks.AtLeast(value, 1, nameof(MinLeafSize));
    } = DefaultMinLeafSize;

    /// <summary>How a split is scored.</summary>
    /// <value>The default value is <see cref="SplitCriterion.Gini"/>.</value>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public SplitCriterion Criterion
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Criterion), $"{nameof(Criterion)} cannot be null; use SplitCriterion.Gini or SplitCriterion.Misclassification.");
    } = SplitCriterion.Gini;

    /// <summary>The default most customers the tree is grown on: one million.</summary>
    public const int DefaultSampleSize = 1_000_000;

    /// <summary>
    /// The most customers the tree is grown on. A larger table grows it on a random sample of this many customers
    /// (drawn without replacement from <see cref="Seed"/>), which bounds the memory and time learning takes (about 8
    /// bytes per customer and feature for the sorted features); the fidelity, the rules' counts and every path's
    /// customers are still counted over every customer. Null grows the tree on every customer, whatever their number.
    /// </summary>
    /// <value>The default value is <see cref="DefaultSampleSize"/>. Must be null or at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int? SampleSize
    {
        get;
        init => field = value is null or >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(SampleSize), value, $"{nameof(SampleSize)} must be at least 1, or null to grow the tree on every customer.");
    } = DefaultSampleSize;

    /// <summary>The seed of the sample drawn when there are more customers than <see cref="SampleSize"/>; the same seed gives the same rules.</summary>
    /// <value>The default value is 0. The pipeline replaces it with its own seed.</value>
    public int Seed { get; init; }

    /// <summary>The most threads learning uses (one feature per thread); -1 means one per processor. The rules do not depend on it.</summary>
    /// <value>The default value is -1. Must be -1 or at least 1. The pipeline replaces it with its own thread limit.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0 or less than -1.</exception>
    public int MaxDegreeOfParallelism
    {
        get;
        init => field = ClusteringChecks.MaxDegreeOfParallelism(value, nameof(MaxDegreeOfParallelism));
    } = -1;
}
