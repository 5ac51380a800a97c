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

    internal override SplitScores Start(int[] left, int[] totals, int segmentCount) => new Scores(totals, segmentCount);

    /// <summary>
    /// Keeps each side's sum of squared counts as rows move (l^2 becomes l^2 + 2l + 1), so a score costs O(1) instead
    /// of O(K). The sums are whole numbers below 2^53, exact in double.
    /// </summary>
    private sealed class Scores : SplitScores
    {
        private readonly double[] _leftSquares;
        private readonly double[] _rightSquares;

        public Scores(int[] totals, int k)
        {
            int nodes = totals.Length / k;
            _leftSquares = new double[nodes];
            _rightSquares = new double[nodes];
            for (int a = 0; a < nodes; a++)
            {
                for (int s = 0; s < k; s++)
                {
                    double c = totals[(a * k) + s];
                    _rightSquares[a] += c * c;
                }
            }
        }

        public override void MoveLeft(int node, int leftBefore, int rightBefore)
        {
            _leftSquares[node] += (2.0 * leftBefore) + 1;
            _rightSquares[node] -= (2.0 * rightBefore) - 1;
        }

        public override double Score(int node, int leftSize, int size)
            => size - (_leftSquares[node] / leftSize) - (_rightSquares[node] / (size - leftSize));
    }
}
