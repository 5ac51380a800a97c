using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CustomerSegmentation.Clustering.Kernels;

/// <summary>
/// The weighted sum of squared distances from each row to its centre, in double: one block of rows at a time, a vector
/// of rows per step (the rows' floats widened to double, their centres' coordinates gathered by label), the lane totals
/// added in lane order at the end of the block and the last rows one at a time.
/// </summary>
internal static class InertiaKernel
{
    /// <summary>The most double lanes of any width (512 bits), the size of the gather offsets on the stack.</summary>
    private const int MaximumLanes = 8;

    /// <summary>
    /// The weighted squared distances of rows [<paramref name="start"/>, <paramref name="end"/>) to their centres. The
    /// offset of <paramref name="data"/> is not used: the distances are taken in the data's units.
    /// </summary>
    /// <param name="data">The columns and weights.</param>
    /// <param name="centres">The centres in the data's units, row-major (clusters x features).</param>
    /// <param name="labels">Each row's cluster.</param>
    /// <param name="start">The first row.</param>
    /// <param name="end">One past the last row.</param>
    /// <returns>The block's weighted sum of squared distances.</returns>
    public static double Block(in KernelColumns data, double[] centres, int[] labels, int start, int end)
        => data.Width switch
        {
            VectorWidth.Bits512 => Block<Lanes512, Vector512<double>>(data, centres, labels, start, end),
            VectorWidth.Bits256 => Block<Lanes256, Vector256<double>>(data, centres, labels, start, end),
            VectorWidth.Bits128 => Block<Lanes128, Vector128<double>>(data, centres, labels, start, end),
            _ => Block<ScalarLane, double>(data, centres, labels, start, end),
        };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Block<TLanes, TDouble>(in KernelColumns data, double[] centres, int[] labels, int start, int end)
        where TLanes : struct, IDoubleLanes<TDouble>
        where TDouble : unmanaged
    {
        int features = data.FeatureCount;
        float[][] columns = data.Columns;
        float[]? weights = data.Weights;
        ReadOnlySpan<double> table = centres;
        Span<int> offsets = stackalloc int[MaximumLanes];
        offsets = offsets[..TLanes.Count];

        int i = start;
        TDouble lanes = TLanes.Zero;
        for (; i <= end - TLanes.Count; i += TLanes.Count)
        {
            for (int l = 0; l < offsets.Length; l++)
            {
                offsets[l] = labels[i + l] * features;
            }

            TDouble distance = TLanes.Zero;
            for (int j = 0; j < features; j++)
            {
                TDouble delta = TLanes.Subtract(TLanes.LoadWidened(columns[j], i), TLanes.Gather(table[j..], offsets));
                distance = TLanes.Add(distance, TLanes.Multiply(delta, delta));
            }

            if (weights is not null)
            {
                distance = TLanes.Multiply(distance, TLanes.LoadWidened(weights, i));
            }

            lanes = TLanes.Add(lanes, distance);
        }

        double total = TLanes.AddLanesTo(lanes, 0.0);
        for (; i < end; i++)
        {
            int c = labels[i] * features;
            double distance = 0;
            for (int j = 0; j < features; j++)
            {
                double delta = columns[j][i] - table[c + j];
                distance += delta * delta;
            }

            total += data.Weight(i) * distance;
        }

        return total;
    }
}
