using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CustomerSegmentation.Clustering.Kernels;

/// <summary>
/// The assignment step of K-prototypes for one block of rows: every row goes to the prototype with the least cost,
/// the squared distance over the centred numeric columns plus gamma times the number of categorical columns whose
/// code differs from the prototype's mode, vectorised across rows (codes are held as exact float32 values).
/// </summary>
/// <remarks>
/// The cost of a row for prototype k is <c>FusedMultiplyAdd(gamma, mismatches, numeric)</c>, where <c>numeric</c> is
/// summed feature by feature as in <see cref="LloydKernel"/> (the first term a product, the others fused); ties go to
/// the lower prototype index. The scalar lane computes the same operations in the same order.
/// </remarks>
internal static class PrototypeKernel
{
    /// <summary>Categorical columns whose codes a block keeps in registers; more are read again per prototype.</summary>
    private const int StackCategoricals = 64;

    /// <summary>
    /// Assigns rows [<paramref name="start"/>, <paramref name="end"/>) and returns how many labels changed.
    /// </summary>
    /// <param name="numeric">The numeric columns, centred by their offset.</param>
    /// <param name="codes">One padded float32 code column per categorical feature (may be empty).</param>
    /// <param name="centres">The centred numeric prototypes, row-major (clusters x numeric features).</param>
    /// <param name="modes">The modes' codes as float32, row-major (clusters x categorical features).</param>
    /// <param name="gamma">The weight of one categorical mismatch.</param>
    /// <param name="clusters">The number of prototypes.</param>
    /// <param name="labels">The labels, updated in place for the block's rows.</param>
    /// <param name="start">The block's first row.</param>
    /// <param name="end">One past the block's last row.</param>
    /// <param name="cost">Receives the sum over the block's rows of their least cost, in double.</param>
    /// <returns>The number of rows whose label changed.</returns>
    public static int AssignBlock(
        in KernelColumns numeric, float[][] codes, float[] centres, float[] modes, float gamma, int clusters, int[] labels, int start, int end, out double cost)
        => numeric.Width switch
        {
            VectorWidth.Bits512 => Specialised<Lanes512, Vector512<float>>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, out cost),
            VectorWidth.Bits256 => Specialised<Lanes256, Vector256<float>>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, out cost),
            VectorWidth.Bits128 => Specialised<Lanes128, Vector128<float>>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, out cost),
            _ => Specialised<ScalarLane, float>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, out cost),
        };

    private static int Specialised<TLanes, TVector>(
        in KernelColumns numeric, float[][] codes, float[] centres, float[] modes, float gamma, int clusters, int[] labels, int start, int end, out double cost)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
        => numeric.FeatureCount switch
        {
            1 => Assign<TLanes, TVector, OneFeature>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, out cost),
            2 => Assign<TLanes, TVector, TwoFeatures>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, out cost),
            3 => Assign<TLanes, TVector, ThreeFeatures>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, out cost),
            4 => Assign<TLanes, TVector, FourFeatures>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, out cost),
            _ => Assign<TLanes, TVector, ManyFeatures>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, out cost),
        };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Assign<TLanes, TVector, TFeatures>(
        in KernelColumns numeric, float[][] codes, float[] centres, float[] modes, float gamma, int clusters, int[] labels, int start, int end, out double cost)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
        where TFeatures : struct, IFeatureCount
    {
        int d = numeric.FeatureCount;
        bool fixedCount = TFeatures.Value > 0;
        int m = codes.Length;
        float[][] columns = numeric.Columns;
        float[] offset = numeric.Offset;
        Span<TVector> row = fixedCount ? [] : new TVector[d];
        Span<TVector> categories = m <= StackCategoricals ? stackalloc TVector[m] : new TVector[m];
        Span<float> tail = stackalloc float[TLanes.Count];
        ref float centre0 = ref MemoryMarshal.GetArrayDataReference(centres);
        TVector one = TLanes.Create(1f);
        TVector all = TLanes.Create(m);
        TVector weight = TLanes.Create(gamma);

        double total = 0;
        int changed = 0;
        for (int i = start; i < end; i += TLanes.Count)
        {
            CentredRows<TLanes, TVector, TFeatures> rows = default;
            if (fixedCount)
            {
                rows = CentredRows<TLanes, TVector, TFeatures>.Load(columns, offset, i);
            }
            else
            {
                LloydKernel.LoadCentred<TLanes, TVector>(columns, offset, i, row);
            }

            for (int f = 0; f < m; f++)
            {
                categories[f] = TLanes.Load(codes[f], i);
            }

            TVector best = TLanes.Create(float.PositiveInfinity);
            TVector bestCluster = TLanes.Zero;
            TVector cluster = TLanes.Zero;
            ref float centre = ref centre0;
            int mode = 0;
            for (int k = 0; k < clusters; k++)
            {
                TVector distance = fixedCount ? rows.SquaredDistance(ref centre) : SquaredDistance<TLanes, TVector>(row, ref centre);
                TVector matches = TLanes.Zero;
                for (int f = 0; f < m; f++)
                {
                    matches = TLanes.Add(matches, TLanes.And(TLanes.EqualMask(categories[f], TLanes.Create(modes[mode++])), one));
                }

                distance = TLanes.FusedMultiplyAdd(weight, TLanes.Subtract(all, matches), distance);
                bestCluster = TLanes.Select(TLanes.LessThan(distance, best), cluster, bestCluster);
                best = TLanes.Min(distance, best);
                cluster = TLanes.Add(cluster, one);
                centre = ref Unsafe.Add(ref centre, d);
            }

            int remaining = end - i;
            changed += LloydKernel.StoreLabels<TLanes, TVector>(bestCluster, labels, i, remaining, tail);
            TLanes.CopyTo(best, tail);
            for (int l = 0; l < Math.Min(remaining, TLanes.Count); l++)
            {
                total += tail[l];
            }
        }

        cost = total;
        return changed;
    }

    /// <summary>The squared distance of the loaded rows to one centre, as <see cref="LloydKernel"/> sums it (any d).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector SquaredDistance<TLanes, TVector>(ReadOnlySpan<TVector> row, ref float centre)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
    {
        TVector difference = TLanes.Subtract(row[0], TLanes.Create(centre));
        TVector distance = TLanes.Multiply(difference, difference);
        for (int j = 1; j < row.Length; j++)
        {
            difference = TLanes.Subtract(row[j], TLanes.Create(Unsafe.Add(ref centre, j)));
            distance = TLanes.FusedMultiplyAdd(difference, difference, distance);
        }

        return distance;
    }

    /// <summary>Any number of features: the kernel loops over them instead of holding them in registers.</summary>
    private readonly struct ManyFeatures : IFeatureCount
    {
        public static int Value => 0;
    }
}
