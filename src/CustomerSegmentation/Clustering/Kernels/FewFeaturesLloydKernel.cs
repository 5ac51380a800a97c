using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CustomerSegmentation.Clustering.Kernels;

/// <summary>
/// <see cref="LloydKernel"/> specialised for d = 1 to 4 features: the same lane operations in the same order (so the
/// same labels, bit for bit), with the centred row values held in registers, the centres read through a reference
/// without bounds checks, no weight multiply for unweighted full vectors, and the float32 sums flushed lane-wise into
/// double accumulators (reduced lane by lane once per block).
/// </summary>
internal static class FewFeaturesLloydKernel
{
    /// <inheritdoc cref="LloydKernel.AssignBlock(in KernelColumns, float[], int, int[], int, int, Span{double})"/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int AssignBlock<TLanes, TVector, TFeatures>(
        in KernelColumns data, float[] centres, int clusters, int[] labels, int start, int end, Span<double> partial)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
        where TFeatures : struct, IFeatureCount
    {
        int d = TFeatures.Value;
        int stride = d + 1;
        float[][] columns = data.Columns;
        float[] offset = data.Offset;
        float[]? weights = data.Weights;
        bool accumulate = !partial.IsEmpty;
        int sumCount = accumulate ? clusters * stride : 0;

        ref float centre0 = ref MemoryMarshal.GetArrayDataReference(centres);
        TVector one = TLanes.Create(1f);

        // K <= 64 in practice; larger K rents (the stack holds at most 16 KB of sums).
        TVector[]? rentedSums = null;
        double[]? rentedWide = null;
        int wideCount = sumCount * TLanes.Count;
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

        int changed = 0;
        int pending = 0;
        for (int i = start; i < end; i += TLanes.Count)
        {
            var rows = CentredRows<TLanes, TVector, TFeatures>.Load(columns, offset, i);
            TVector best = TLanes.Create(float.PositiveInfinity);
            TVector bestCluster = TLanes.Zero;
            TVector cluster = TLanes.Zero;
            ref float centre = ref centre0;
            for (int k = 0; k < clusters; k++)
            {
                TVector distance = rows.SquaredDistance(ref centre);
                bestCluster = TLanes.Select(TLanes.LessThan(distance, best), cluster, bestCluster);
                best = TLanes.Min(distance, best);
                cluster = TLanes.Add(cluster, one);
                centre = ref Unsafe.Add(ref centre, d);
            }

            int remaining = end - i;
            changed += LloydKernel.StoreLabels<TLanes, TVector>(bestCluster, labels, i, remaining, tail);

            if (!accumulate)
            {
                continue;
            }

            pending = Accumulate(ref rows, bestCluster, weights, i, remaining, ref sum0, clusters, sums, wide, pending);
        }

        if (accumulate)
        {
            Flush<TLanes, TVector>(sums, wide);
            ReduceLanes(wide, TLanes.Count, partial[..sumCount]);
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

    /// <summary>
    /// Adds the rows at <paramref name="index"/> (weighted; lanes at or past <paramref name="remaining"/> weigh 0) to the
    /// float32 sums of the clusters <paramref name="labels"/> names, and flushes the sums into <paramref name="wide"/>
    /// every <see cref="LloydKernel.FlushInterval"/> vectors; returns the vectors now pending.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Accumulate<TLanes, TVector, TFeatures>(
        ref CentredRows<TLanes, TVector, TFeatures> rows, TVector labels, float[]? weights, int index, int remaining, ref TVector sum0, int clusters, Span<TVector> sums, Span<double> wide, int pending)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
        where TFeatures : struct, IFeatureCount
    {
        TVector weight;
        if (weights is null && remaining >= TLanes.Count)
        {
            weight = TLanes.Create(1f);
        }
        else
        {
            weight = LloydKernel.RowWeights<TLanes, TVector>(weights, index, remaining);
            rows.Scale(weight);
        }

        rows.AddToClusters(labels, weight, ref sum0, clusters);
        if (++pending < LloydKernel.FlushInterval)
        {
            return pending;
        }

        Flush<TLanes, TVector>(sums, wide);
        return 0;
    }

    /// <summary>Adds, for every sum s, the <paramref name="lanes"/> double lane totals of <paramref name="wide"/> to <c>partial[s]</c>, lane 0 first.</summary>
    internal static void ReduceLanes(ReadOnlySpan<double> wide, int lanes, Span<double> partial)
    {
        for (int s = 0; s < partial.Length; s++)
        {
            double total = partial[s];
            foreach (double lane in wide.Slice(s * lanes, lanes))
            {
                total += lane;
            }

            partial[s] = total;
        }
    }

    /// <summary>Adds the float32 vector sums lane-wise to their double accumulators and clears them.</summary>
    internal static void Flush<TLanes, TVector>(Span<TVector> sums, Span<double> wide)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
    {
        ref double target = ref MemoryMarshal.GetReference(wide);
        for (int s = 0; s < sums.Length; s++)
        {
            TLanes.AddLanesInto(sums[s], ref Unsafe.Add(ref target, s * TLanes.Count));
            sums[s] = TLanes.Zero;
        }
    }
}
