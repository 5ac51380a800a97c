namespace CustomerSegmentation.Profiling;

/// <summary>Misclassification: size times (1 - largest share) = the customers outside the group's largest segment.</summary>
internal sealed class MisclassificationCriterion : SplitCriterion
{
    public override string Name => "Misclassification";

    internal override double Weighted(ReadOnlySpan<int> counts, int size)
    {
        int most = 0;
        foreach (int c in counts)
        {
            most = Math.Max(most, c);
        }

        return size - most;
    }

    internal override SplitScores Start(int[] left, int[] totals, int segmentCount) => new Scores(left, totals, segmentCount);

    /// <summary>Reads each side's largest count from the live counts: O(K) per score.</summary>
    private sealed class Scores(int[] left, int[] totals, int k) : SplitScores
    {
        public override void MoveLeft(int node, int leftBefore, int rightBefore)
        {
        }

        public override double Score(int node, int leftSize, int size)
        {
            int leftMost = 0;
            int rightMost = 0;
            for (int at = node * k; at < (node + 1) * k; at++)
            {
                leftMost = Math.Max(leftMost, left[at]);
                rightMost = Math.Max(rightMost, totals[at] - left[at]);
            }

            return size - leftMost - rightMost;
        }
    }
}
