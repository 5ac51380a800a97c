namespace CustomerSegmentation.Profiling;

/// <summary>
/// The running scores of one scan (see <see cref="SplitCriterion.Start"/>): the summed size-weighted impurity of the
/// two sides of each open node's split at the current position.
/// </summary>
internal abstract class SplitScores
{
    /// <summary>A row of node <paramref name="node"/> moves left; its segment had <paramref name="leftBefore"/> rows on the left and <paramref name="rightBefore"/> on the right.</summary>
    public abstract void MoveLeft(int node, int leftBefore, int rightBefore);

    /// <summary>The summed size-weighted impurity of node <paramref name="node"/>'s two sides, the left holding <paramref name="leftSize"/> of its <paramref name="size"/> rows (both sides non-empty).</summary>
    public abstract double Score(int node, int leftSize, int size);
}
