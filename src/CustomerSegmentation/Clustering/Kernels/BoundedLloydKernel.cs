using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CustomerSegmentation.Clustering.Kernels;

/// <summary>
/// The Lloyd step with distance bounds (Hamerly 2010) for d = 1 to 4 features: each row keeps an upper bound on the
/// distance to its centre and a lower bound on the distance to every other centre. A vector of rows whose bounds,
/// moved by the centres' drift, prove that no label can change is skipped; any other vector is assigned exactly as
/// <see cref="FewFeaturesLloydKernel"/> assigns it (the same operations in the same order, so the same labels), and its
/// bounds are reset. Outside a refresh the pass moves the sums of the rows whose label changed, in double; a refresh
/// pass assigns every row and gathers the full sums as the plain kernel does.
/// </summary>
/// <remarks>
/// Bounds are compared with a relative margin of <see cref="Margin"/>, far above the float32 rounding of the distances
/// and of the bound updates between refreshes, so a skipped row is one whose label the exact pass would keep too.
/// </remarks>
internal static class BoundedLloydKernel
{
    /// <summary>The relative margin between an upper and a lower bound before a row may be skipped.</summary>
    internal const float Margin = 1e-5f;

    /// <summary>Whether the input's feature count has a bounded kernel.</summary>
    public static bool Supports(int features) => features is >= 1 and <= FeatureCounts.MaximumFixed;

    /// <summary>
    /// Assigns rows [<paramref name="start"/>, <paramref name="end"/>) to the nearest centred centre and returns how many
    /// labels changed. With <paramref name="refresh"/> every row is assigned and <paramref name="partial"/> receives,
    /// added to what it holds, the full weighted sums and weight per cluster (stride features + 1); otherwise it
    /// receives only the moves of the rows whose label changed (subtracted from the old cluster, added to the new).
    /// </summary>
    public static int AssignBlock(in KernelColumns data, float[] centres, int clusters, int[] labels, int start, int end, LloydBounds bounds, bool refresh, Span<double> partial)
        => data.Width switch
        {
            VectorWidth.Bits512 => Specialised<Lanes512, Vector512<float>>(data, centres, clusters, labels, start, end, bounds, refresh, partial),
            VectorWidth.Bits256 => Specialised<Lanes256, Vector256<float>>(data, centres, clusters, labels, start, end, bounds, refresh, partial),
            VectorWidth.Bits128 => Specialised<Lanes128, Vector128<float>>(data, centres, clusters, labels, start, end, bounds, refresh, partial),
            _ => Specialised<ScalarLane, float>(data, centres, clusters, labels, start, end, bounds, refresh, partial),
        };

    private static int Specialised<TLanes, TVector>(
        in KernelColumns data, float[] centres, int clusters, int[] labels, int start, int end, LloydBounds bounds, bool refresh, Span<double> partial)
        where TLanes : struct, IBoundLanes<TVector>
        where TVector : unmanaged
        => data.FeatureCount switch
        {
            1 => Assign<TLanes, TVector, OneFeature>(data, centres, clusters, labels, start, end, bounds, refresh, partial),
            2 => Assign<TLanes, TVector, TwoFeatures>(data, centres, clusters, labels, start, end, bounds, refresh, partial),
            3 => Assign<TLanes, TVector, ThreeFeatures>(data, centres, clusters, labels, start, end, bounds, refresh, partial),
            4 => Assign<TLanes, TVector, FourFeatures>(data, centres, clusters, labels, start, end, bounds, refresh, partial),
            _ => throw new ArgumentOutOfRangeException(nameof(data), data.FeatureCount, "The bounded kernel takes 1 to 4 features."),
        };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Assign<TLanes, TVector, TFeatures>(
        in KernelColumns data, float[] centres, int clusters, int[] labels, int start, int end, LloydBounds bounds, bool refresh, Span<double> partial)
        where TLanes : struct, IBoundLanes<TVector>
        where TVector : unmanaged
        where TFeatures : struct, IFeatureCount
    {
        int d = TFeatures.Value;
        int stride = d + 1;
        float[][] columns = data.Columns;
        float[] offset = data.Offset;
        float[]? weights = data.Weights;
        float[] upper = bounds.Upper;
        float[] lower = bounds.Lower;
        float[] drift = bounds.Drift;
        float[] half = bounds.HalfSeparation;
        float[][] centreColumns = bounds.CentreColumns;

        ref float centre0 = ref MemoryMarshal.GetArrayDataReference(centres);
        TVector one = TLanes.Create(1f);
        TVector infinity = TLanes.Create(float.PositiveInfinity);
        TVector grow = TLanes.Create(1f + Margin);
        TVector shrink = TLanes.Create(1f - Margin);
        TVector maxDrift = TLanes.Create(bounds.MaxDrift);

        int sumCount = refresh ? clusters * stride : 0;
        int wideCount = sumCount * TLanes.Count;
        TVector[]? rentedSums = null;
        double[]? rentedWide = null;
        Span<TVector> sums = sumCount <= 256
            ? stackalloc TVector[sumCount]
            : (rentedSums = System.Buffers.ArrayPool<TVector>.Shared.Rent(sumCount)).AsSpan(0, sumCount);
        Span<double> wide = wideCount <= 1024
            ? stackalloc double[wideCount]
            : (rentedWide = System.Buffers.ArrayPool<double>.Shared.Rent(wideCount)).AsSpan(0, wideCount);
        sums.Clear();
        wide.Clear();
        ref TVector sum0 = ref MemoryMarshal.GetReference(sums);
        Span<float> tail = stackalloc float[TLanes.Count];
        Span<int> previous = stackalloc int[TLanes.Count];

        int changed = 0;
        int pending = 0;
        for (int i = start; i < end; i += TLanes.Count)
        {
            int remaining = end - i;
            if (!refresh && remaining >= TLanes.Count)
            {
                TVector upperBound = TLanes.Add(TLanes.Load(upper, i), TLanes.LookUp(drift, labels, i));
                TVector lowerBound = TLanes.Subtract(TLanes.Load(lower, i), maxDrift);
                TVector keep = TLanes.Max(lowerBound, TLanes.LookUp(half, labels, i));
                TVector limit = TLanes.Multiply(keep, shrink);
                if (TLanes.GreaterThanBits(TLanes.Multiply(upperBound, grow), limit) == 0)
                {
                    TLanes.Store(upperBound, upper, i);
                    TLanes.Store(lowerBound, lower, i);
                    continue;
                }

                // Tighten the upper bound to the exact distance to the row's own centre and try again.
                var own = CentredRows<TLanes, TVector, TFeatures>.Load(columns, offset, i);
                TVector exact = TLanes.Sqrt(own.SquaredDistance(
                    TLanes.LookUp(centreColumns[0], labels, i),
                    d > 1 ? TLanes.LookUp(centreColumns[1], labels, i) : TLanes.Zero,
                    d > 2 ? TLanes.LookUp(centreColumns[2], labels, i) : TLanes.Zero,
                    d > 3 ? TLanes.LookUp(centreColumns[3], labels, i) : TLanes.Zero));
                if (TLanes.GreaterThanBits(TLanes.Multiply(exact, grow), limit) == 0)
                {
                    TLanes.Store(exact, upper, i);
                    TLanes.Store(lowerBound, lower, i);
                    continue;
                }
            }

            var rows = CentredRows<TLanes, TVector, TFeatures>.Load(columns, offset, i);
            TVector best = infinity;
            TVector second = infinity;
            TVector bestCluster = TLanes.Zero;
            TVector cluster = TLanes.Zero;
            ref float centre = ref centre0;
            for (int k = 0; k < clusters; k++)
            {
                TVector distance = rows.SquaredDistance(ref centre);
                bestCluster = TLanes.Select(TLanes.LessThan(distance, best), cluster, bestCluster);
                second = TLanes.Min(second, TLanes.Max(best, distance));
                best = TLanes.Min(distance, best);
                cluster = TLanes.Add(cluster, one);
                centre = ref Unsafe.Add(ref centre, d);
            }

            TLanes.Store(TLanes.Sqrt(best), upper, i);
            TLanes.Store(TLanes.Sqrt(second), lower, i);

            if (!refresh)
            {
                uint moved = LloydKernel.StoreChangedLabels<TLanes, TVector>(bestCluster, labels, i, remaining, tail, previous);
                if (moved != 0)
                {
                    changed += BitOperations.PopCount(moved);
                    LloydKernel.MoveRows(columns, offset, weights, d, labels, previous, i, moved, partial);
                }

                continue;
            }

            changed += LloydKernel.StoreLabels<TLanes, TVector>(bestCluster, labels, i, remaining, tail);
            pending = FewFeaturesLloydKernel.Accumulate(ref rows, bestCluster, weights, i, remaining, ref sum0, clusters, sums, wide, pending);
        }

        if (refresh)
        {
            FewFeaturesLloydKernel.Flush<TLanes, TVector>(sums, wide);
            FewFeaturesLloydKernel.ReduceLanes(wide, TLanes.Count, partial[..sumCount]);
        }

        if (rentedSums is not null)
        {
            System.Buffers.ArrayPool<TVector>.Shared.Return(rentedSums);
        }

        if (rentedWide is not null)
        {
            System.Buffers.ArrayPool<double>.Shared.Return(rentedWide);
        }

        return changed;
    }
}
