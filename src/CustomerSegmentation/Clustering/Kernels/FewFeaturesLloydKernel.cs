using System.Numerics;
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

        // Unweighted full vectors are summed a chunk at a time, a few clusters per pass with the sums in registers
        // (AddClusterGroup): the chunk is exactly one flush interval, so every lane adds the same values in the same
        // order as the one-vector-at-a-time accumulation below, which still serves weighted rows and the last
        // partial vector.
        bool grouped = accumulate && weights is null;
        int chunkRows = LloydKernel.FlushInterval * TLanes.Count;
        Span<TVector> chunkLabels = grouped ? stackalloc TVector[LloydKernel.FlushInterval] : default;

        Span<float> indices = clusters <= 256 ? stackalloc float[clusters] : new float[clusters];
        ref float index0 = ref ClusterIndices(indices);

        int changed = 0;
        for (int chunk = start; chunk < end; chunk += chunkRows)
        {
            int chunkEnd = Math.Min(end, chunk + chunkRows);
            int full = 0;
            for (int i = chunk; i < chunkEnd; i += TLanes.Count)
            {
                var rows = CentredRows<TLanes, TVector, TFeatures>.Load(columns, offset, i);
                TVector bestCluster = Nearest(rows, ref centre0, ref index0, clusters);
                int remaining = end - i;
                changed += LloydKernel.StoreLabels<TLanes, TVector>(bestCluster, labels, i, remaining, tail);
                if (!accumulate)
                {
                    continue;
                }

                if (grouped && remaining >= TLanes.Count)
                {
                    chunkLabels[full++] = bestCluster;
                    continue;
                }

                // Only the block's last vector can be partial: the full vectors before it are summed first.
                AddClusters<TLanes, TVector, TFeatures>(columns, offset, chunk, chunkLabels[..full], ref sum0, clusters);
                full = 0;

                // Loaded again rather than passed by reference, so that the row registers of the loop above stay registers.
                var again = CentredRows<TLanes, TVector, TFeatures>.Load(columns, offset, i);
                AddRows(ref again, bestCluster, weights, i, remaining, ref sum0, clusters);
            }

            if (accumulate)
            {
                AddClusters<TLanes, TVector, TFeatures>(columns, offset, chunk, chunkLabels[..full], ref sum0, clusters);
                Flush<TLanes, TVector>(sums, wide);
            }
        }

        if (accumulate)
        {
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
    /// Assigns rows [<paramref name="start"/>, <paramref name="end"/>) like <see cref="AssignBlock"/> and adds to
    /// <paramref name="moves"/> (stride d + 1 per cluster) only the rows whose label changed: each one's weighted
    /// centred values and weight subtracted from its old cluster (none for a label of -1) and added to its new one, in
    /// double. Returns how many labels changed. Vectors in which no label changed cost the assignment alone.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int MoveBlock<TLanes, TVector, TFeatures>(
        in KernelColumns data, float[] centres, int clusters, int[] labels, int start, int end, Span<double> moves)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
        where TFeatures : struct, IFeatureCount
    {
        float[][] columns = data.Columns;
        float[] offset = data.Offset;
        float[]? weights = data.Weights;
        ref float centre0 = ref MemoryMarshal.GetArrayDataReference(centres);
        Span<float> indices = clusters <= 256 ? stackalloc float[clusters] : new float[clusters];
        ref float index0 = ref ClusterIndices(indices);
        Span<float> tail = stackalloc float[TLanes.Count];
        Span<int> previous = stackalloc int[TLanes.Count];

        int changed = 0;
        for (int i = start; i < end; i += TLanes.Count)
        {
            var rows = CentredRows<TLanes, TVector, TFeatures>.Load(columns, offset, i);
            TVector bestCluster = Nearest(rows, ref centre0, ref index0, clusters);
            uint moved = LloydKernel.StoreChangedLabels<TLanes, TVector>(bestCluster, labels, i, end - i, tail, previous);
            if (moved != 0)
            {
                changed += BitOperations.PopCount(moved);
                LloydKernel.MoveRows(columns, offset, weights, TFeatures.Value, labels, previous, i, moved, moves);
            }
        }

        return changed;
    }

    /// <summary>
    /// The nearest of the <paramref name="clusters"/> centres from <paramref name="centre0"/> to each row, as a float
    /// cluster index per lane (the first on ties): per centre a squared distance, a compare, the centre's index from
    /// <paramref name="index0"/> broadcast into the lanes that compare closer, and a minimum.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Nearest<TLanes, TVector, TFeatures>(in CentredRows<TLanes, TVector, TFeatures> rows, ref float centre0, ref float index0, int clusters)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
        where TFeatures : struct, IFeatureCount
    {
        TVector best = TLanes.Create(float.PositiveInfinity);
        TVector bestCluster = TLanes.Zero;
        ref float centre = ref centre0;
        for (int k = 0; k < clusters; k++)
        {
            TVector distance = rows.SquaredDistance(ref centre);
            bestCluster = TLanes.Select(TLanes.LessThan(distance, best), TLanes.Create(Unsafe.Add(ref index0, k)), bestCluster);
            best = TLanes.Min(distance, best);
            centre = ref Unsafe.Add(ref centre, TFeatures.Value);
        }

        return bestCluster;
    }

    /// <summary>Fills <paramref name="indices"/> with 0, 1, 2, ... (each cluster's index as a float, for the blend) and returns its first element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ref float ClusterIndices(Span<float> indices)
    {
        for (int k = 0; k < indices.Length; k++)
        {
            indices[k] = k;
        }

        return ref MemoryMarshal.GetReference(indices);
    }

    /// <summary>
    /// Adds the rows at <paramref name="index"/> (weighted; lanes at or past <paramref name="remaining"/> weigh 0) to the
    /// float32 sums of the clusters <paramref name="labels"/> names.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void AddRows<TLanes, TVector, TFeatures>(
        ref CentredRows<TLanes, TVector, TFeatures> rows, TVector labels, float[]? weights, int index, int remaining, ref TVector sum0, int clusters)
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
    }

    /// <summary>
    /// <see cref="AddRows{TLanes, TVector, TFeatures}"/>, then flushes the sums into <paramref name="wide"/> every
    /// <see cref="LloydKernel.FlushInterval"/> vectors; returns the vectors now pending.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Accumulate<TLanes, TVector, TFeatures>(
        ref CentredRows<TLanes, TVector, TFeatures> rows, TVector labels, float[]? weights, int index, int remaining, ref TVector sum0, int clusters, Span<TVector> sums, Span<double> wide, int pending)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
        where TFeatures : struct, IFeatureCount
    {
        AddRows(ref rows, labels, weights, index, remaining, ref sum0, clusters);
        if (++pending < LloydKernel.FlushInterval)
        {
            return pending;
        }

        Flush<TLanes, TVector>(sums, wide);
        return 0;
    }

    /// <summary>
    /// Adds the unweighted full vectors of rows from <paramref name="chunkStart"/> on, whose labels are
    /// <paramref name="chunkLabels"/>, and their counts to the float32 sums from <paramref name="sum0"/> (which the chunk
    /// found at zero): a pass over the chunk per group of clusters, the group's sums held in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddClusters<TLanes, TVector, TFeatures>(
        float[][] columns, float[] offset, int chunkStart, ReadOnlySpan<TVector> chunkLabels, ref TVector sum0, int clusters)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
        where TFeatures : struct, IFeatureCount
    {
        if (chunkLabels.IsEmpty)
        {
            return;
        }

        // Four clusters' sums fit the 32 registers of AVX-512 beside the rows; two fit the 16 of narrower widths.
        int first = 0;
        if (TLanes.Count >= 16)
        {
            for (; first + 4 <= clusters; first += 4)
            {
                AddClusterGroup<TLanes, TVector, TFeatures, GroupOfFour>(columns, offset, chunkStart, chunkLabels, first, ref sum0);
            }
        }

        for (; first + 2 <= clusters; first += 2)
        {
            AddClusterGroup<TLanes, TVector, TFeatures, GroupOfTwo>(columns, offset, chunkStart, chunkLabels, first, ref sum0);
        }

        if (first < clusters)
        {
            AddClusterGroup<TLanes, TVector, TFeatures, GroupOfOne>(columns, offset, chunkStart, chunkLabels, first, ref sum0);
        }
    }

    /// <summary>
    /// Adds, for clusters <paramref name="first"/> to <paramref name="first"/> + group size - 1, the rows of the chunk
    /// that belong to each (a masked add per feature) to its sums, and counts them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddClusterGroup<TLanes, TVector, TFeatures, TGroup>(
        float[][] columns, float[] offset, int chunkStart, ReadOnlySpan<TVector> chunkLabels, int first, ref TVector sum0)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
        where TFeatures : struct, IFeatureCount
        where TGroup : struct, IClusterGroup
    {
        int d = TFeatures.Value;
        int size = TGroup.Size;
        TVector k0 = TLanes.Create(first);
        TVector k1 = TLanes.Create(first + 1);
        TVector k2 = TLanes.Create(first + 2);
        TVector k3 = TLanes.Create(first + 3);
        TVector s00 = TLanes.Zero, s01 = TLanes.Zero, s02 = TLanes.Zero, s03 = TLanes.Zero;
        TVector s10 = TLanes.Zero, s11 = TLanes.Zero, s12 = TLanes.Zero, s13 = TLanes.Zero;
        TVector s20 = TLanes.Zero, s21 = TLanes.Zero, s22 = TLanes.Zero, s23 = TLanes.Zero;
        TVector s30 = TLanes.Zero, s31 = TLanes.Zero, s32 = TLanes.Zero, s33 = TLanes.Zero;
        TVector n0 = TLanes.Zero, n1 = TLanes.Zero, n2 = TLanes.Zero, n3 = TLanes.Zero;
        int index = chunkStart;
        foreach (TVector label in chunkLabels)
        {
            var rows = CentredRows<TLanes, TVector, TFeatures>.Load(columns, offset, index);
            index += TLanes.Count;
            rows.AddWhere(label, k0, ref s00, ref s01, ref s02, ref s03, ref n0);
            if (size > 1)
            {
                rows.AddWhere(label, k1, ref s10, ref s11, ref s12, ref s13, ref n1);
            }

            if (size > 2)
            {
                rows.AddWhere(label, k2, ref s20, ref s21, ref s22, ref s23, ref n2);
                rows.AddWhere(label, k3, ref s30, ref s31, ref s32, ref s33, ref n3);
            }
        }

        int stride = d + 1;
        ref TVector sum = ref Unsafe.Add(ref sum0, first * stride);
        StoreSums<TLanes, TVector, TFeatures>(ref sum, s00, s01, s02, s03, n0);
        if (size > 1)
        {
            StoreSums<TLanes, TVector, TFeatures>(ref Unsafe.Add(ref sum, stride), s10, s11, s12, s13, n1);
        }

        if (size > 2)
        {
            StoreSums<TLanes, TVector, TFeatures>(ref Unsafe.Add(ref sum, 2 * stride), s20, s21, s22, s23, n2);
            StoreSums<TLanes, TVector, TFeatures>(ref Unsafe.Add(ref sum, 3 * stride), s30, s31, s32, s33, n3);
        }
    }

    /// <summary>Adds a cluster's d register sums and its count (the weight slot after them) to its float32 sums from <paramref name="sum"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreSums<TLanes, TVector, TFeatures>(ref TVector sum, TVector s0, TVector s1, TVector s2, TVector s3, TVector count)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
        where TFeatures : struct, IFeatureCount
    {
        int d = TFeatures.Value;
        sum = TLanes.Add(sum, s0);
        if (d > 1)
        {
            Unsafe.Add(ref sum, 1) = TLanes.Add(Unsafe.Add(ref sum, 1), s1);
        }

        if (d > 2)
        {
            Unsafe.Add(ref sum, 2) = TLanes.Add(Unsafe.Add(ref sum, 2), s2);
        }

        if (d > 3)
        {
            Unsafe.Add(ref sum, 3) = TLanes.Add(Unsafe.Add(ref sum, 3), s3);
        }

        Unsafe.Add(ref sum, d) = TLanes.Add(Unsafe.Add(ref sum, d), count);
    }

    /// <summary>Adds, for every sum s, the <paramref name="lanes"/> double lane totals of <paramref name="wide"/> to <c>partial[s]</c>, lane 0 first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

/// <summary>How many clusters one pass of <see cref="FewFeaturesLloydKernel"/>'s grouped accumulation sums: a JIT-time constant.</summary>
internal interface IClusterGroup
{
    /// <summary>1, 2 or 4.</summary>
    static abstract int Size { get; }
}

/// <summary>One cluster per pass.</summary>
internal readonly struct GroupOfOne : IClusterGroup
{
    public static int Size => 1;
}

/// <summary>Two clusters per pass.</summary>
internal readonly struct GroupOfTwo : IClusterGroup
{
    public static int Size => 2;
}

/// <summary>Four clusters per pass.</summary>
internal readonly struct GroupOfFour : IClusterGroup
{
    public static int Size => 4;
}
