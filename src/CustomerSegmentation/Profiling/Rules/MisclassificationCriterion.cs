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

    internal override double Split(ReadOnlySpan<int> left, int leftSize, ReadOnlySpan<int> total, int size)
    {
        int leftMost = 0;
        int rightMost = 0;
        for (int s = 0; s < left.Length; s++)
        {
            leftMost = Math.Max(leftMost, left[s]);
            rightMost = Math.Max(rightMost, total[s] - left[s]);
        }

        return size - leftMost - rightMost;
    }
}
