using System.Numerics;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CustomerSegmentation.Clustering.Kernels;

/// <summary>
/// The fused Lloyd step for one block of rows: assign every row to its nearest centre (branch-free argmin over
/// the centres, vectorised across rows of the column-major data) and, in the same pass, accumulate each cluster's
/// weighted coordinate sums and weight.
/// </summary>
/// <remarks>
/// Sums are kept in float32 vector registers for at most <see cref="FlushInterval"/> vectors and then added to
/// double accumulators lane by lane, so long runs never accumulate in float32. Distances are plain
/// (x - c)^2 sums of differences, not the |x|^2 - 2x.c + |c|^2 shortcut.
/// </remarks>
internal static class LloydKernel
{
    /// <summary>Vectors accumulated in float32 before the sums move to double.</summary>
    internal const int FlushInterval = 64;

    /// <summary>Vectors of scratch space taken from the stack before renting from the pool.</summary>
    private const int StackVectors = 512;

    /// <summary>
    /// Assigns rows [<paramref name="start"/>, <paramref name="end"/>) to the nearest of <paramref name="clusters"/>
    /// centred centres (row-major, clusters x features) and returns how many labels changed. When
    /// <paramref name="partial"/> is not empty it receives, per cluster, the weighted sums of the centred coordinates
    /// followed by the cluster's weight (stride features + 1), added to what it holds.
    /// </summary>
    public static int AssignBlock(in KernelColumns data, float[] centres, int clusters, int[] labels, int start, int end, Span<double> partial)
        => data.Width switch
        {
            VectorWidth.Bits512 => Specialised<Lanes512, Vector512<float>>(data, centres, clusters, labels, start, end, partial),
            VectorWidth.Bits256 => Specialised<Lanes256, Vector256<float>>(data, centres, clusters, labels, start, end, partial),
            VectorWidth.Bits128 => Specialised<Lanes128, Vector128<float>>(data, centres, clusters, labels, start, end, partial),
            _ => Specialised<ScalarLane, float>(data, centres, clusters, labels, start, end, partial),
        };

    /// <summary>
    /// Assigns rows [<paramref name="start"/>, <paramref name="end"/>) as <see cref="AssignBlock"/> does and adds to
    /// <paramref name="moves"/> (per cluster the weighted sums then the weight, stride features + 1) only the changes the
    /// new labels make: each changed row subtracted from its old cluster and added to its new one, in double. Returns
    /// how many labels changed.
    /// </summary>
    public static int MoveBlock(in KernelColumns data, float[] centres, int clusters, int[] labels, int start, int end, Span<double> moves)
        => data.Width switch
        {
            VectorWidth.Bits512 => MoveSpecialised<Lanes512, Vector512<float>>(data, centres, clusters, labels, start, end, moves),
            VectorWidth.Bits256 => MoveSpecialised<Lanes256, Vector256<float>>(data, centres, clusters, labels, start, end, moves),
            VectorWidth.Bits128 => MoveSpecialised<Lanes128, Vector128<float>>(data, centres, clusters, labels, start, end, moves),
            _ => MoveSpecialised<ScalarLane, float>(data, centres, clusters, labels, start, end, moves),
        };

    private static int MoveSpecialised<TLanes, TVector>(
        in KernelColumns data, float[] centres, int clusters, int[] labels, int start, int end, Span<double> moves)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
        => data.FeatureCount switch
        {
            1 => FewFeaturesLloydKernel.MoveBlock<TLanes, TVector, OneFeature>(data, centres, clusters, labels, start, end, moves),
            2 => FewFeaturesLloydKernel.MoveBlock<TLanes, TVector, TwoFeatures>(data, centres, clusters, labels, start, end, moves),
            3 => FewFeaturesLloydKernel.MoveBlock<TLanes, TVector, ThreeFeatures>(data, centres, clusters, labels, start, end, moves),
            4 => FewFeaturesLloydKernel.MoveBlock<TLanes, TVector, FourFeatures>(data, centres, clusters, labels, start, end, moves),
            _ => MoveBlock<TLanes, TVector>(data, centres, clusters, labels, start, end, moves),
        };

    /// <summary>The move pass for any d: the general kernel's assignment, then the moves of the rows whose label changed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int MoveBlock<TLanes, TVector>(
        in KernelColumns data, float[] centres, int clusters, int[] labels, int start, int end, Span<double> moves)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
    {
        int features = data.FeatureCount;
        float[][] columns = data.Columns;
        float[] offset = data.Offset;
        TVector[]? rented = null;
        Span<TVector> row = features <= StackVectors
            ? stackalloc TVector[features]
            : (rented = ArrayPool<TVector>.Shared.Rent(features)).AsSpan(0, features);
        Span<float> tail = stackalloc float[TLanes.Count];
        Span<int> previous = stackalloc int[TLanes.Count];

        int changed = 0;
        for (int i = start; i < end; i += TLanes.Count)
        {
            LoadCentred<TLanes, TVector>(columns, offset, i, row);
            TVector bestCluster = Nearest<TLanes, TVector>(row, centres, clusters);
            uint moved = StoreChangedLabels<TLanes, TVector>(bestCluster, labels, i, end - i, tail, previous);
            if (moved != 0)
            {
                changed += BitOperations.PopCount(moved);
                MoveRows(columns, offset, data.Weights, features, labels, previous, i, moved, moves);
            }
        }

        if (rented is not null)
        {
            ArrayPool<TVector>.Shared.Return(rented);
        }

        return changed;
    }

    /// <summary>
    /// The nearest of the <paramref name="clusters"/> centres (row-major) to each row of <paramref name="row"/> (one
    /// vector per feature), as a float cluster index per lane, the first on ties: the general kernel's operations.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Nearest<TLanes, TVector>(ReadOnlySpan<TVector> row, float[] centres, int clusters)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
    {
        TVector best = TLanes.Create(float.PositiveInfinity);
        TVector bestCluster = TLanes.Zero;
        int c = 0;
        for (int k = 0; k < clusters; k++)
        {
            TVector distance = TLanes.Zero;
            for (int j = 0; j < row.Length; j++)
            {
                TVector difference = TLanes.Subtract(row[j], TLanes.Create(centres[c++]));
                distance = TLanes.FusedMultiplyAdd(difference, difference, distance);
            }

            TVector closer = TLanes.LessThan(distance, best);
            best = TLanes.Min(distance, best);
            bestCluster = TLanes.Select(closer, TLanes.Create(k), bestCluster);
        }

        return bestCluster;
    }

    /// <summary>The same pass always through the general kernel (any d), whatever the feature count: the baseline of the specialised kernels.</summary>
    internal static int AssignBlockGeneral(in KernelColumns data, float[] centres, int clusters, int[] labels, int start, int end, Span<double> partial)
        => data.Width switch
        {
            VectorWidth.Bits512 => AssignBlock<Lanes512, Vector512<float>>(data, centres, clusters, labels, start, end, partial),
            VectorWidth.Bits256 => AssignBlock<Lanes256, Vector256<float>>(data, centres, clusters, labels, start, end, partial),
            VectorWidth.Bits128 => AssignBlock<Lanes128, Vector128<float>>(data, centres, clusters, labels, start, end, partial),
            _ => AssignBlock<ScalarLane, float>(data, centres, clusters, labels, start, end, partial),
        };

    /// <summary>The kernel specialised for the input's feature count when there is one, otherwise the general kernel.</summary>
    private static int Specialised<TLanes, TVector>(
        in KernelColumns data, float[] centres, int clusters, int[] labels, int start, int end, Span<double> partial)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
        => data.FeatureCount switch
        {
            1 => FewFeaturesLloydKernel.AssignBlock<TLanes, TVector, OneFeature>(data, centres, clusters, labels, start, end, partial),
            2 => FewFeaturesLloydKernel.AssignBlock<TLanes, TVector, TwoFeatures>(data, centres, clusters, labels, start, end, partial),
            3 => FewFeaturesLloydKernel.AssignBlock<TLanes, TVector, ThreeFeatures>(data, centres, clusters, labels, start, end, partial),
            4 => FewFeaturesLloydKernel.AssignBlock<TLanes, TVector, FourFeatures>(data, centres, clusters, labels, start, end, partial),
            _ => AssignBlock<TLanes, TVector>(data, centres, clusters, labels, start, end, partial),
        };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AssignBlock<TLanes, TVector>(
        in KernelColumns data, float[] centres, int clusters, int[] labels, int start, int end, Span<double> partial)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
    {
        int features = data.FeatureCount;
        float[][] columns = data.Columns;
        float[] offset = data.Offset;
        float[]? weights = data.Weights;
        bool accumulate = !partial.IsEmpty;
        int sumCount = accumulate ? clusters * (features + 1) : 0;
        int scratchLength = features + sumCount;

        TVector[]? rented = null;
        Span<TVector> scratch = scratchLength <= StackVectors
            ? stackalloc TVector[scratchLength]
            : (rented = ArrayPool<TVector>.Shared.Rent(scratchLength)).AsSpan(0, scratchLength);
        Span<TVector> row = scratch[..features];
        Span<TVector> sums = scratch.Slice(features, sumCount);
        sums.Clear();
        Span<float> tail = stackalloc float[TLanes.Count];

        int changed = 0;
        int pending = 0;
        for (int i = start; i < end; i += TLanes.Count)
        {
            LoadCentred<TLanes, TVector>(columns, offset, i, row);
            TVector bestCluster = Nearest<TLanes, TVector>(row, centres, clusters);

            int remaining = end - i;
            changed += StoreLabels<TLanes, TVector>(bestCluster, labels, i, remaining, tail);

            if (!accumulate)
            {
                continue;
            }

            TVector weight = RowWeights<TLanes, TVector>(weights, i, remaining);
            for (int j = 0; j < features; j++)
            {
                row[j] = TLanes.Multiply(row[j], weight);
            }

            int s = 0;
            for (int k = 0; k < clusters; k++)
            {
                TVector member = TLanes.EqualMask(bestCluster, TLanes.Create(k));
                for (int j = 0; j < features; j++, s++)
                {
                    sums[s] = TLanes.Add(sums[s], TLanes.And(member, row[j]));
                }

                sums[s] = TLanes.Add(sums[s], TLanes.And(member, weight));
                s++;
            }

            if (++pending == FlushInterval)
            {
                Flush<TLanes, TVector>(sums, partial);
                pending = 0;
            }
        }

        if (pending > 0)
        {
            Flush<TLanes, TVector>(sums, partial);
        }

        if (rented is not null)
        {
            ArrayPool<TVector>.Shared.Return(rented);
        }

        return changed;
    }

    /// <summary>
    /// Stores the labels of the rows at <paramref name="index"/> (only the first <paramref name="remaining"/> when
    /// fewer than a vector remain, through <paramref name="tail"/>) and returns how many changed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int StoreLabels<TLanes, TVector>(TVector indices, int[] labels, int index, int remaining, Span<float> tail)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
    {
        if (remaining >= TLanes.Count)
        {
            return TLanes.StoreLabels(indices, labels, index);
        }

        int changed = 0;
        TLanes.CopyTo(indices, tail);
        for (int l = 0; l < remaining; l++)
        {
            int label = (int)tail[l];
            changed += labels[index + l] == label ? 0 : 1;
            labels[index + l] = label;
        }

        return changed;
    }

    /// <summary>
    /// As <see cref="StoreLabels{TLanes, TVector}(TVector, int[], int, int, Span{float})"/>, copies the labels it
    /// replaces to <paramref name="previous"/> (the first <paramref name="remaining"/> when fewer than a vector remain),
    /// and returns which labels changed: bit l for lane l.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint StoreChangedLabels<TLanes, TVector>(TVector indices, int[] labels, int index, int remaining, Span<float> tail, Span<int> previous)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
    {
        if (remaining >= TLanes.Count)
        {
            return TLanes.StoreChangedLabels(indices, labels, index, previous);
        }

        uint changed = 0;
        TLanes.CopyTo(indices, tail);
        for (int l = 0; l < remaining; l++)
        {
            int label = (int)tail[l];
            previous[l] = labels[index + l];
            changed |= previous[l] == label ? 0u : 1u << l;
            labels[index + l] = label;
        }

        return changed;
    }

    /// <summary>
    /// Moves each changed row (bit l of <paramref name="moved"/> for the row at <paramref name="index"/> + l) from its
    /// previous cluster's sums to its new one's, in double: its weighted centred values (the float32 subtraction the
    /// kernels make) and its weight.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void MoveRows(
        float[][] columns, float[] offset, float[]? weights, int features, int[] labels, ReadOnlySpan<int> previous, int index, uint moved, Span<double> partial)
    {
        int stride = features + 1;
        while (moved != 0)
        {
            int l = BitOperations.TrailingZeroCount(moved);
            moved &= moved - 1;
            int row = index + l;
            double weight = weights is null ? 1.0 : weights[row];
            int to = labels[row] * stride;
            int from = previous[l] * stride;
            for (int j = 0; j < features; j++)
            {
                double value = (columns[j][row] - offset[j]) * weight;
                partial[to + j] += value;
                if (from >= 0)
                {
                    partial[from + j] -= value;
                }
            }

            partial[to + features] += weight;
            if (from >= 0)
            {
                partial[from + features] -= weight;
            }
        }
    }

    /// <summary>Loads the rows at <paramref name="index"/> of every feature, minus the feature's offset.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void LoadCentred<TLanes, TVector>(float[][] columns, float[] offset, int index, Span<TVector> row)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
    {
        for (int j = 0; j < row.Length; j++)
        {
            row[j] = TLanes.Subtract(TLanes.Load(columns[j], index), TLanes.Create(offset[j]));
        }
    }

    /// <summary>The weights of the rows at <paramref name="index"/>, zero for lanes at or past <paramref name="remaining"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector RowWeights<TLanes, TVector>(float[]? weights, int index, int remaining)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
    {
        bool full = remaining >= TLanes.Count;
        if (weights is null)
        {
            return full ? TLanes.Create(1f) : TLanes.OnesInFirst(remaining);
        }

        TVector loaded = TLanes.Load(weights, index);
        return full ? loaded : TLanes.Multiply(loaded, TLanes.OnesInFirst(remaining));
    }

    /// <summary>Flushes the sums when <paramref name="pending"/> vectors reach <see cref="FlushInterval"/>; returns the vectors still pending.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int FlushWhenDue<TLanes, TVector>(Span<TVector> sums, Span<double> partial, int pending)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
    {
        if (pending < FlushInterval)
        {
            return pending;
        }

        Flush<TLanes, TVector>(sums, partial);
        return 0;
    }

    /// <summary>Adds the float32 vector sums to their double totals, lane by lane, and clears them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Flush<TLanes, TVector>(Span<TVector> sums, Span<double> partial)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
    {
        for (int s = 0; s < sums.Length; s++)
        {
            partial[s] = TLanes.AddLanesTo(sums[s], partial[s]);
            sums[s] = TLanes.Zero;
        }
    }
}
