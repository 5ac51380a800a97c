using System.Buffers;
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
/// the lower prototype index. The scalar lane computes the same operations in the same order. With a
/// <see cref="PrototypeTally"/> the same pass also gathers the update: each prototype's centred numeric sums and member
/// count as <see cref="FewFeaturesLloydKernel"/> gathers them (masked float32 adds, moved to double every
/// <see cref="LloydKernel.FlushInterval"/> vectors), and its count of every categorical level (unweighted, row by row
/// while the vector's labels and codes are in the first-level cache, into block-local counts added to the tally once). The least costs are added
/// lane by lane in double and the lanes summed in order at the end of the block.
/// </remarks>
internal static class PrototypeKernel
{
    /// <summary>Categorical columns whose codes a block keeps in registers; more are read again per prototype.</summary>
    private const int StackCategoricals = 64;

    /// <summary>Vectors of update sums taken from the stack before renting from the pool.</summary>
    private const int StackSums = 256;

    /// <summary>Level counts taken from the stack before renting from the pool.</summary>
    private const int StackCounts = 1024;

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
        => AssignBlock(numeric, codes, centres, modes, gamma, clusters, labels, start, end, PrototypeTally.None, out cost);

    /// <summary>
    /// Assigns rows [<paramref name="start"/>, <paramref name="end"/>), gathers the update's sums and counts of the new
    /// labels into <paramref name="tally"/> in the same pass, and returns how many labels changed.
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
    /// <param name="tally">Receives the numeric sums, member counts and level counts of the new labels (or <see cref="PrototypeTally.None"/>).</param>
    /// <param name="cost">Receives the sum over the block's rows of their least cost, in double.</param>
    /// <returns>The number of rows whose label changed.</returns>
    public static int AssignBlock(
        in KernelColumns numeric, float[][] codes, float[] centres, float[] modes, float gamma, int clusters, int[] labels, int start, int end, PrototypeTally tally, out double cost)
        => numeric.Width switch
        {
            VectorWidth.Bits512 => Specialised<Lanes512, Vector512<float>>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, tally, out cost),
            VectorWidth.Bits256 => Specialised<Lanes256, Vector256<float>>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, tally, out cost),
            VectorWidth.Bits128 => Specialised<Lanes128, Vector128<float>>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, tally, out cost),
            _ => Specialised<ScalarLane, float>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, tally, out cost),
        };

    private static int Specialised<TLanes, TVector>(
        in KernelColumns numeric, float[][] codes, float[] centres, float[] modes, float gamma, int clusters, int[] labels, int start, int end, PrototypeTally tally, out double cost)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
        => numeric.FeatureCount switch
        {
            1 => Assign<TLanes, TVector, OneFeature>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, tally, out cost),
            2 => Assign<TLanes, TVector, TwoFeatures>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, tally, out cost),
            3 => Assign<TLanes, TVector, ThreeFeatures>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, tally, out cost),
            4 => Assign<TLanes, TVector, FourFeatures>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, tally, out cost),
            _ => Assign<TLanes, TVector, ManyFeatures>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, tally, out cost),
        };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Assign<TLanes, TVector, TFeatures>(
        in KernelColumns numeric, float[][] codes, float[] centres, float[] modes, float gamma, int clusters, int[] labels, int start, int end, PrototypeTally tally, out double cost)
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

        bool accumulate = !tally.IsEmpty;
        int stride = d + 1;
        int sumCount = accumulate ? clusters * stride : 0;
        TVector[]? rented = null;
        Span<TVector> sums = sumCount <= StackSums
            ? stackalloc TVector[sumCount]
            : (rented = ArrayPool<TVector>.Shared.Rent(sumCount)).AsSpan(0, sumCount);
        sums.Clear();
        ref TVector sum0 = ref MemoryMarshal.GetReference(sums);
        Span<double> partial = tally.Sums;
        Span<int> levelCounts = tally.LevelCounts;
        int[][] intCodes = tally.Codes;
        int levels = accumulate ? tally.LevelStart[m] : 0;
        float[]? weights = numeric.Weights;

        // Level counts in a block-local array (the shared totals are touched once, at the end).
        int levelCountLength = clusters * levels;
        int[]? rentedCounts = null;
        Span<int> localCounts = levelCountLength <= StackCounts
            ? stackalloc int[levelCountLength]
            : (rentedCounts = ArrayPool<int>.Shared.Rent(levelCountLength)).AsSpan(0, levelCountLength);
        localCounts.Clear();

        // The least costs, widened and added lane by lane in double (the lanes added in order at the end).
        Span<double> costLanes = stackalloc double[TLanes.Count];
        costLanes.Clear();
        ref double costLane0 = ref MemoryMarshal.GetReference(costLanes);

        double total = 0;
        int changed = 0;
        int pending = 0;
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
            int lanes = Math.Min(remaining, TLanes.Count);
            if (lanes == TLanes.Count)
            {
                TLanes.AddLanesInto(best, ref costLane0);
            }
            else
            {
                TLanes.CopyTo(best, tail);
                for (int l = 0; l < lanes; l++)
                {
                    costLanes[l] += tail[l];
                }
            }

            if (!accumulate)
            {
                continue;
            }

            // The update's sums, as the few-features Lloyd kernel gathers them: masked adds per prototype in float32,
            // moved to double every FlushInterval vectors; lanes past the block's end weigh nothing.
            TVector rowWeight;
            if (weights is null && remaining >= TLanes.Count)
            {
                rowWeight = one;
            }
            else
            {
                rowWeight = LloydKernel.RowWeights<TLanes, TVector>(weights, i, remaining);
                if (fixedCount)
                {
                    rows.Scale(rowWeight);
                }
                else
                {
                    for (int j = 0; j < d; j++)
                    {
                        row[j] = TLanes.Multiply(row[j], rowWeight);
                    }
                }
            }

            if (fixedCount)
            {
                rows.AddToClusters(bestCluster, rowWeight, ref sum0, clusters);
            }
            else
            {
                ref TVector sum = ref sum0;
                cluster = TLanes.Zero;
                for (int k = 0; k < clusters; k++)
                {
                    TVector member = TLanes.EqualMask(bestCluster, cluster);
                    for (int j = 0; j < d; j++)
                    {
                        Unsafe.Add(ref sum, j) = TLanes.Add(Unsafe.Add(ref sum, j), TLanes.And(member, row[j]));
                    }

                    Unsafe.Add(ref sum, d) = TLanes.Add(Unsafe.Add(ref sum, d), TLanes.And(member, rowWeight));
                    sum = ref Unsafe.Add(ref sum, stride);
                    cluster = TLanes.Add(cluster, one);
                }
            }

            // Row by row while the labels and codes are in the first-level cache.
            for (int f = 0; f < m; f++)
            {
                int[] code = intCodes[f];
                int first = tally.LevelStart[f];
                for (int l = 0; l < lanes; l++)
                {
                    localCounts[(labels[i + l] * levels) + first + code[i + l]]++;
                }
            }

            pending = LloydKernel.FlushWhenDue<TLanes, TVector>(sums, partial, pending + 1);
        }

        if (accumulate)
        {
            LloydKernel.Flush<TLanes, TVector>(sums, partial);
            for (int s = 0; s < levelCountLength; s++)
            {
                levelCounts[s] += localCounts[s];
            }
        }

        if (rentedCounts is not null)
        {
            ArrayPool<int>.Shared.Return(rentedCounts);
        }

        foreach (double lane in costLanes)
        {
            total += lane;
        }

        if (rented is not null)
        {
            ArrayPool<TVector>.Shared.Return(rented);
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
