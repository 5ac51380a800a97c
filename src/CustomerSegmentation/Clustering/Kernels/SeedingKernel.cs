using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CustomerSegmentation.Clustering.Kernels;

/// <summary>
/// The pass behind greedy k-means++: for each candidate centre, the weighted potential
/// sum_i w_i * min(D_i, |x_i - candidate|^2) over one block, where D_i is the squared distance from row i to its
/// closest centre so far; with a single candidate it can also store the new minimum back into D.
/// </summary>
internal static class SeedingKernel
{
    private const int StackVectors = 256;

    /// <summary>
    /// Adds each candidate's potential over rows [<paramref name="start"/>, <paramref name="end"/>) to
    /// <paramref name="potentials"/> (one slot per candidate). <paramref name="candidates"/> holds centred
    /// coordinates, row-major. <paramref name="closest"/> is padded like a column. When <paramref name="store"/> is true there must be one candidate and <paramref name="closest"/> receives
    /// the new minimum squared distances.
    /// </summary>
    public static void Potentials(
        in KernelColumns data, float[] closest, float[] candidates, int candidateCount, int start, int end, Span<double> potentials, bool store)
        => ByWidth(data, closest, candidates, candidateCount, start, end, potentials, store, general: false);

    /// <summary>The same pass always through the general kernel (any d): the reference of the specialised kernels.</summary>
    internal static void PotentialsGeneral(
        in KernelColumns data, float[] closest, float[] candidates, int candidateCount, int start, int end, Span<double> potentials, bool store)
        => ByWidth(data, closest, candidates, candidateCount, start, end, potentials, store, general: true);

    private static void ByWidth(
        in KernelColumns data, float[] closest, float[] candidates, int candidateCount, int start, int end, Span<double> potentials, bool store, bool general)
    {
        switch (data.Width)
        {
            case VectorWidth.Bits512:
                Specialised<Lanes512, Vector512<float>>(data, closest, candidates, candidateCount, start, end, potentials, store, general);
                break;
            case VectorWidth.Bits256:
                Specialised<Lanes256, Vector256<float>>(data, closest, candidates, candidateCount, start, end, potentials, store, general);
                break;
            case VectorWidth.Bits128:
                Specialised<Lanes128, Vector128<float>>(data, closest, candidates, candidateCount, start, end, potentials, store, general);
                break;
            default:
                Specialised<ScalarLane, float>(data, closest, candidates, candidateCount, start, end, potentials, store, general);
                break;
        }
    }

    /// <summary>The pass specialised for the input's feature count when there is one (and <paramref name="general"/> is false), otherwise the general pass.</summary>
    private static void Specialised<TLanes, TVector>(
        in KernelColumns data, float[] closest, float[] candidates, int candidateCount, int start, int end, Span<double> potentials, bool store, bool general)
        where TLanes : struct, IBoundLanes<TVector>
        where TVector : unmanaged
    {
        switch (general ? 0 : data.FeatureCount)
        {
            case 1:
                FewFeatures<TLanes, TVector, OneFeature>(data, closest, candidates, candidateCount, start, end, potentials, store);
                break;
            case 2:
                FewFeatures<TLanes, TVector, TwoFeatures>(data, closest, candidates, candidateCount, start, end, potentials, store);
                break;
            case 3:
                FewFeatures<TLanes, TVector, ThreeFeatures>(data, closest, candidates, candidateCount, start, end, potentials, store);
                break;
            case 4:
                FewFeatures<TLanes, TVector, FourFeatures>(data, closest, candidates, candidateCount, start, end, potentials, store);
                break;
            default:
                Potentials<TLanes, TVector>(data, closest, candidates, candidateCount, start, end, potentials, store);
                break;
        }
    }

    /// <summary>
    /// The pass for d = 1 to 4: the same lane operations in the same order as the general pass (so the same bits), with
    /// the row values in registers and the candidates read through a reference.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FewFeatures<TLanes, TVector, TFeatures>(
        in KernelColumns data, float[] closest, float[] candidates, int candidateCount, int start, int end, Span<double> potentials, bool store)
        where TLanes : struct, IBoundLanes<TVector>
        where TVector : unmanaged
        where TFeatures : struct, IFeatureCount
    {
        float[][] columns = data.Columns;
        float[] offset = data.Offset;
        float[]? weights = data.Weights;
        TVector[]? rented = null;
        Span<TVector> sums = candidateCount <= StackVectors
            ? stackalloc TVector[candidateCount]
            : (rented = ArrayPool<TVector>.Shared.Rent(candidateCount)).AsSpan(0, candidateCount);
        sums.Clear();
        Span<float> lanes = stackalloc float[TLanes.Count];
        ref float first = ref MemoryMarshal.GetArrayDataReference(candidates);
        ref TVector sum0 = ref MemoryMarshal.GetReference(sums);

        // A chunk of one flush interval at a time: its full vectors in a loop without calls (so that the row values
        // stay in registers), then the block's last, partial vector, then the flush, the boundaries of a flush every
        // FlushInterval vectors.
        int chunkRows = LloydKernel.FlushInterval * TLanes.Count;
        for (int chunk = start; chunk < end; chunk += chunkRows)
        {
            int chunkEnd = Math.Min(end, chunk + chunkRows);
            int fullEnd = chunk + ((chunkEnd - chunk) / TLanes.Count * TLanes.Count);
            if (store)
            {
                sum0 = Fold<TLanes, TVector, TFeatures>(columns, offset, weights, closest, ref first, chunk, fullEnd, sum0);
            }
            else
            {
                Score<TLanes, TVector, TFeatures>(columns, offset, weights, closest, ref first, candidateCount, chunk, fullEnd, ref sum0);
            }

            if (fullEnd < chunkEnd)
            {
                var rows = CentredRows<TLanes, TVector, TFeatures>.Load(columns, offset, fullEnd);
                int remaining = end - fullEnd;
                TVector weight = LloydKernel.RowWeights<TLanes, TVector>(weights, fullEnd, remaining);
                TVector current = TLanes.Load(closest, fullEnd);
                ref float candidate = ref first;
                for (int l = 0; l < candidateCount; l++)
                {
                    TVector nearest = TLanes.Min(rows.SquaredDistance(ref candidate), current);
                    sums[l] = TLanes.FusedMultiplyAdd(nearest, weight, sums[l]);
                    if (store)
                    {
                        StoreClosest<TLanes, TVector>(nearest, closest, fullEnd, remaining, lanes);
                    }

                    candidate = ref Unsafe.Add(ref candidate, TFeatures.Value);
                }
            }

            LloydKernel.Flush<TLanes, TVector>(sums, potentials);
        }

        if (rented is not null)
        {
            ArrayPool<TVector>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Folds the one candidate at <paramref name="candidate"/> into the closest distances of the full vectors of rows
    /// [<paramref name="start"/>, <paramref name="end"/>) and returns <paramref name="sum"/> plus their weighted new
    /// distances, lane by lane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Fold<TLanes, TVector, TFeatures>(
        float[][] columns, float[] offset, float[]? weights, float[] closest, ref float candidate, int start, int end, TVector sum)
        where TLanes : struct, IBoundLanes<TVector>
        where TVector : unmanaged
        where TFeatures : struct, IFeatureCount
    {
        TVector one = TLanes.Create(1f);
        for (int i = start; i < end; i += TLanes.Count)
        {
            var rows = CentredRows<TLanes, TVector, TFeatures>.Load(columns, offset, i);
            TVector weight = weights is null ? one : TLanes.Load(weights, i);
            TVector nearest = TLanes.Min(rows.SquaredDistance(ref candidate), TLanes.Load(closest, i));
            sum = TLanes.FusedMultiplyAdd(nearest, weight, sum);
            TLanes.Store(nearest, closest, i);
        }

        return sum;
    }

    /// <summary>
    /// Adds to each candidate's lane sums from <paramref name="sum0"/> the weighted distances of the full vectors of rows
    /// [<paramref name="start"/>, <paramref name="end"/>) to their nearest of the closest centre so far and that candidate.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Score<TLanes, TVector, TFeatures>(
        float[][] columns, float[] offset, float[]? weights, float[] closest, ref float first, int candidateCount, int start, int end, ref TVector sum0)
        where TLanes : struct, IBoundLanes<TVector>
        where TVector : unmanaged
        where TFeatures : struct, IFeatureCount
    {
        TVector one = TLanes.Create(1f);
        for (int i = start; i < end; i += TLanes.Count)
        {
            var rows = CentredRows<TLanes, TVector, TFeatures>.Load(columns, offset, i);
            TVector weight = weights is null ? one : TLanes.Load(weights, i);
            TVector current = TLanes.Load(closest, i);
            ref float candidate = ref first;
            ref TVector sum = ref sum0;
            for (int l = 0; l < candidateCount; l++)
            {
                sum = TLanes.FusedMultiplyAdd(TLanes.Min(rows.SquaredDistance(ref candidate), current), weight, sum);
                candidate = ref Unsafe.Add(ref candidate, TFeatures.Value);
                sum = ref Unsafe.Add(ref sum, 1);
            }
        }
    }

    /// <summary>Stores the new closest distances of the rows at <paramref name="index"/> (only the first <paramref name="remaining"/> at the end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreClosest<TLanes, TVector>(TVector nearest, float[] closest, int index, int remaining, Span<float> lanes)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
    {
        if (remaining >= TLanes.Count)
        {
            TLanes.CopyTo(nearest, closest.AsSpan(index, TLanes.Count));
        }
        else
        {
            TLanes.CopyTo(nearest, lanes);
            lanes[..remaining].CopyTo(closest.AsSpan(index));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Potentials<TLanes, TVector>(
        in KernelColumns data, float[] closest, float[] candidates, int candidateCount, int start, int end, Span<double> potentials, bool store)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
    {
        int features = data.FeatureCount;
        float[][] columns = data.Columns;
        float[] offset = data.Offset;
        float[]? weights = data.Weights;
        int scratchLength = features + candidateCount;
        TVector[]? rented = null;
        Span<TVector> scratch = scratchLength <= StackVectors
            ? stackalloc TVector[scratchLength]
            : (rented = ArrayPool<TVector>.Shared.Rent(scratchLength)).AsSpan(0, scratchLength);
        Span<TVector> row = scratch[..features];
        Span<TVector> sums = scratch.Slice(features, candidateCount);
        sums.Clear();
        Span<float> lanes = stackalloc float[TLanes.Count];

        int pending = 0;
        for (int i = start; i < end; i += TLanes.Count)
        {
            LloydKernel.LoadCentred<TLanes, TVector>(columns, offset, i, row);

            int remaining = end - i;
            TVector weight = LloydKernel.RowWeights<TLanes, TVector>(weights, i, remaining);
            TVector current = TLanes.Load(closest, i);
            int c = 0;
            for (int l = 0; l < candidateCount; l++)
            {
                TVector distance = TLanes.Zero;
                for (int j = 0; j < features; j++)
                {
                    TVector difference = TLanes.Subtract(row[j], TLanes.Create(candidates[c++]));
                    distance = TLanes.FusedMultiplyAdd(difference, difference, distance);
                }

                TVector nearest = TLanes.Min(distance, current);
                sums[l] = TLanes.FusedMultiplyAdd(nearest, weight, sums[l]);
                if (store)
                {
                    StoreClosest<TLanes, TVector>(nearest, closest, i, remaining, lanes);
                }
            }

            pending = LloydKernel.FlushWhenDue<TLanes, TVector>(sums, potentials, pending + 1);
        }

        LloydKernel.Flush<TLanes, TVector>(sums, potentials);
        if (rented is not null)
        {
            ArrayPool<TVector>.Shared.Return(rented);
        }
    }
}
