namespace CustomerSegmentation.Loyalty;

/// <summary>
/// A sum over rows computed in fixed blocks whose partial sums are added in block order, so that the total is
/// bit-identical for any degree of parallelism.
/// </summary>
internal static class LikelihoodBlocks
{
    /// <summary>Rows per block: large enough to amortise the scheduling, small enough to share among two cores at 10,000 rows.</summary>
    public const int RowsPerBlock = 2048;

    /// <summary>
    /// Calls <paramref name="block"/> for each block of <paramref name="rows"/> rows with a zeroed span of
    /// as many partial sums as <paramref name="total"/> holds, and adds the blocks' partial sums into <paramref name="total"/> in block order.
    /// </summary>
    public static void Sum(int rows, Span<double> total, int maxDegreeOfParallelism, BlockSum block)
    {
        int width = total.Length;
        int blocks = (rows + RowsPerBlock - 1) / RowsPerBlock;
        var partials = new double[blocks * width];
        if (blocks <= 1 || maxDegreeOfParallelism == 1)
        {
            for (int b = 0; b < blocks; b++)
            {
                block(b * RowsPerBlock, Math.Min(rows, (b + 1) * RowsPerBlock), partials.AsSpan(b * width, width));
            }
        }
        else
        {
            Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, b =>
                block(b * RowsPerBlock, Math.Min(rows, (b + 1) * RowsPerBlock), partials.AsSpan(b * width, width)));
        }

        total.Clear();
        for (int b = 0; b < blocks; b++)
        {
            for (int k = 0; k < width; k++)
            {
                total[k] += partials[(b * width) + k];
            }
        }
    }

    /// <summary>Adds the sums of rows [<paramref name="start"/>, <paramref name="end"/>) into <paramref name="partial"/>.</summary>
    public delegate void BlockSum(int start, int end, Span<double> partial);
}
