namespace CustomerSegmentation.Profiling;

/// <summary>
/// How the threshold tree behind <see cref="SegmentRules"/> scores a split: the impurity of a group of customers,
/// weighted by its size. A split is made only when it lowers the summed impurity of the two sides below the parent's.
/// </summary>
public abstract class SplitCriterion
{
    private protected SplitCriterion()
    {
    }

    /// <summary>Gini impurity, 1 - sum of squared segment shares (CART's default, scikit-learn's <c>"gini"</c>).</summary>
    public static SplitCriterion Gini { get; } = new GiniCriterion();

    /// <summary>
    /// Misclassification, 1 - the share of the most frequent segment: the split that directly puts most customers
    /// in their own segment. Coarser than Gini; splits that improve no leaf's majority are never made.
    /// </summary>
    public static SplitCriterion Misclassification { get; } = new MisclassificationCriterion();

    /// <summary>The criterion's name ("Gini", "Misclassification").</summary>
    public abstract string Name { get; }

    /// <summary>The size-weighted impurity (size times impurity) of a group with the given segment counts.</summary>
    /// <param name="counts">Customers per segment.</param>
    /// <param name="size">The sum of <paramref name="counts"/>, above 0.</param>
    internal abstract double Weighted(ReadOnlySpan<int> counts, int size);

    /// <summary>
    /// Starts scoring the splits of a level's open nodes in one pass over a feature in value order, in which rows move
    /// one by one from each node's right side to its left.
    /// </summary>
    /// <param name="left">Per node, the left side's counts per segment (node-major); the scan updates it after each <see cref="SplitScores.MoveLeft"/>.</param>
    /// <param name="totals">Per node, its counts per segment (node-major).</param>
    /// <param name="segmentCount">The number of segments.</param>
    internal abstract SplitScores Start(int[] left, int[] totals, int segmentCount);

    /// <inheritdoc />
    public override string ToString() => Name;
}
