namespace CustomerSegmentation.Profiling;

/// <summary>Gini impurity: size times (1 - sum of squared shares) = size - sum of squared counts / size.</summary>
internal sealed class GiniCriterion : SplitCriterion
{
    public override string Name => "Gini";

    internal override double Weighted(ReadOnlySpan<int> counts, int size)
    {
        double squares = 0;
        foreach (int c in counts)
        {
            squares += (double)c * c;
        }

        return size - (squares / size);
    }

    internal override double Split(ReadOnlySpan<int> left, int leftSize, ReadOnlySpan<int> total, int size)
    {
        double leftSquares = 0;
        double rightSquares = 0;
        for (int s = 0; s < left.Length; s++)
        {
            double l = left[s];
            double r = total[s] - left[s];
            leftSquares += l * l;
            rightSquares += r * r;
        }

        return size - (leftSquares / leftSize) - (rightSquares / (size - leftSize));
    }
}
