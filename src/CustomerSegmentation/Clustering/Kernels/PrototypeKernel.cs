using System.Buffers;
using System.Numerics;
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
/// <see cref="LloydKernel.FlushInterval"/> vectors), and its count of every categorical level. With
/// <see cref="PrototypeTally.MovesSums"/> the sums are those of the labels the pass starts from, and only the rows whose
/// label changes move theirs, in double. The level counts always follow the labels that way: only the rows whose label
/// changes move theirs (vectors where no label changed cost nothing), one joint code per row and group of features of
/// <see cref="LevelKeys"/>, computed from the codes in registers, into block-local moves spread over the levels into the
/// tally once; they are exact integers. The least costs are added lane by lane in double and the lanes summed in order
/// at the end of the block.
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
    /// <param name="tally">
    /// Receives the numeric sums and member counts of the new labels, and moves its level counts (those of the rows'
    /// labels before the pass; a label of -1 counts nowhere) to the new labels (or <see cref="PrototypeTally.None"/>).
    /// </param>
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
            1 => WithCategoricals<TLanes, TVector, OneFeature>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, tally, out cost),
            2 => WithCategoricals<TLanes, TVector, TwoFeatures>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, tally, out cost),
            3 => WithCategoricals<TLanes, TVector, ThreeFeatures>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, tally, out cost),
            4 => WithCategoricals<TLanes, TVector, FourFeatures>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, tally, out cost),
            _ => WithCategoricals<TLanes, TVector, ManyFeatures>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, tally, out cost),
        };

    private static int WithCategoricals<TLanes, TVector, TFeatures>(
        in KernelColumns numeric, float[][] codes, float[] centres, float[] modes, float gamma, int clusters, int[] labels, int start, int end, PrototypeTally tally, out double cost)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
        where TFeatures : struct, IFeatureCount
        => codes.Length switch
        {
            1 => Assign<TLanes, TVector, TFeatures, OneFeature>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, tally, out cost),
            2 => Assign<TLanes, TVector, TFeatures, TwoFeatures>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, tally, out cost),
            3 => Assign<TLanes, TVector, TFeatures, ThreeFeatures>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, tally, out cost),
            4 => Assign<TLanes, TVector, TFeatures, FourFeatures>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, tally, out cost),
            _ => Assign<TLanes, TVector, TFeatures, ManyFeatures>(numeric, codes, centres, modes, gamma, clusters, labels, start, end, tally, out cost),
        };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Assign<TLanes, TVector, TFeatures, TCategoricals>(
        in KernelColumns numeric, float[][] codes, float[] centres, float[] modes, float gamma, int clusters, int[] labels, int start, int end, PrototypeTally tally, out double cost)
        where TLanes : struct, ISimdLanes<TVector>
        where TVector : unmanaged
        where TFeatures : struct, IFeatureCount
        where TCategoricals : struct, IFeatureCount
    {
        bool fixedCategoricals = TCategoricals.Value > 0;
        ref float mode0 = ref MemoryMarshal.GetArrayDataReference(modes);
        int d = numeric.FeatureCount;
        bool fixedCount = TFeatures.Value > 0;
        int m = codes.Length;
        float[][] columns = numeric.Columns;
        float[] offset = numeric.Offset;
        Span<TVector> row = fixedCount ? [] : new TVector[d];
        Span<TVector> categories = fixedCategoricals ? [] : m <= StackCategoricals ? stackalloc TVector[m] : new TVector[m];
        Span<float> tail = stackalloc float[TLanes.Count];
        ref float centre0 = ref MemoryMarshal.GetArrayDataReference(centres);
        TVector one = TLanes.Create(1f);
        TVector all = TLanes.Create(m);
        TVector weight = TLanes.Create(gamma);

        bool accumulate = !tally.IsEmpty;
        bool movesSums = accumulate && tally.MovesSums;
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
        LevelKeys? keys = accumulate ? tally.Keys : null;
        int groups = keys?.Groups ?? 0;
        int[] groupStart = keys?.GroupStart ?? [];
        int[] jointStart = keys?.JointStart ?? [];
        float[] multipliers = keys?.Multipliers ?? [];
        int jointLevels = keys?.JointLevels ?? 0;
        Span<int> previous = stackalloc int[TLanes.Count];
        Span<int> jointCodes = groups <= StackCategoricals ? stackalloc int[groups * TLanes.Count] : new int[groups * TLanes.Count];
        float[]? weights = numeric.Weights;

        // Moves of the joint level counts in a block-local array (spread over the levels into the tally once, at the end).
        int levelCountLength = clusters * jointLevels;
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

            CategoricalRows<TLanes, TVector, TCategoricals> held = default;
            if (fixedCategoricals)
            {
                held = CategoricalRows<TLanes, TVector, TCategoricals>.Load(codes, i);
            }
            else
            {
                for (int f = 0; f < m; f++)
                {
                    categories[f] = TLanes.Load(codes[f], i);
                }
            }

            TVector best = TLanes.Create(float.PositiveInfinity);
            TVector bestCluster = TLanes.Zero;
            TVector cluster = TLanes.Zero;
            ref float centre = ref centre0;
            ref float mode = ref mode0;
            for (int k = 0; k < clusters; k++)
            {
                TVector distance = fixedCount ? rows.SquaredDistance(ref centre) : SquaredDistance<TLanes, TVector>(row, ref centre);
                TVector matches;
                if (fixedCategoricals)
                {
                    matches = held.Matches(ref mode, one);
                }
                else
                {
                    // 0 + the first match is that match: the same value the registers' path starts from.
                    matches = TLanes.Zero;
                    for (int f = 0; f < m; f++)
                    {
                        matches = TLanes.Add(matches, TLanes.And(TLanes.EqualMask(categories[f], TLanes.Create(Unsafe.Add(ref mode, f))), one));
                    }
                }

                mode = ref Unsafe.Add(ref mode, m);

                distance = TLanes.FusedMultiplyAdd(weight, TLanes.Subtract(all, matches), distance);
                bestCluster = TLanes.Select(TLanes.LessThan(distance, best), cluster, bestCluster);
                best = TLanes.Min(distance, best);
                cluster = TLanes.Add(cluster, one);
                centre = ref Unsafe.Add(ref centre, d);
            }

            int remaining = end - i;
            // With a tally, which lanes changed label: bit l for lane l (only those rows move their sums and counts).
            uint changedLanes = accumulate ? LloydKernel.StoreChangedLabels<TLanes, TVector>(bestCluster, labels, i, remaining, tail, previous) : 0;
            changed += accumulate ? BitOperations.PopCount(changedLanes) : LloydKernel.StoreLabels<TLanes, TVector>(bestCluster, labels, i, remaining, tail);
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

            if (movesSums)
            {
                if (changedLanes != 0)
                {
                    MoveSums(columns, offset, weights, labels, previous, i, changedLanes, partial, d);
                }
            }
            else
            {
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

                pending = LloydKernel.FlushWhenDue<TLanes, TVector>(sums, partial, pending + 1);
            }

            // Only rows whose label changed move their counts, from the old prototype (none before the first pass: label
            // -1) to the new one, one joint code per group of features, computed in registers (whole numbers, exact).
            if (changedLanes != 0)
            {
                for (int g = 0; g < groups; g++)
                {
                    TVector joint = TLanes.Create(jointStart[g]);
                    for (int f = groupStart[g]; f < groupStart[g + 1]; f++)
                    {
                        joint = TLanes.FusedMultiplyAdd(fixedCategoricals ? held.Code(f) : categories[f], TLanes.Create(multipliers[f]), joint);
                    }

                    TLanes.CopyWholeTo(joint, jointCodes[(g * TLanes.Count)..]);
                }

                for (uint bits = changedLanes; bits != 0; bits &= bits - 1)
                {
                    int l = BitOperations.TrailingZeroCount(bits);
                    int now = labels[i + l];
                    int before = previous[l];
                    for (int g = 0; g < groups; g++)
                    {
                        int code = jointCodes[(g * TLanes.Count) + l];
                        if (before >= 0)
                        {
                            localCounts[(before * jointLevels) + code]--;
                        }

                        localCounts[(now * jointLevels) + code]++;
                    }
                }
            }
        }

        if (accumulate)
        {
            LloydKernel.Flush<TLanes, TVector>(sums, partial);
            keys!.SpreadInto(localCounts, levelCounts, clusters);
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

    /// <summary>
    /// Moves the numeric sums and weight of every row of the vector at <paramref name="index"/> whose label changed (a bit
    /// of <paramref name="changedLanes"/>), from its old prototype (none for -1) to its new one, in double, each value
    /// centred (and weighted) in float32 as the vector path computes it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MoveSums(float[][] columns, float[] offset, float[]? weights, int[] labels, ReadOnlySpan<int> previous, int index, uint changedLanes, Span<double> sums, int d)
    {
        int stride = d + 1;
        for (uint bits = changedLanes; bits != 0; bits &= bits - 1)
        {
            int l = BitOperations.TrailingZeroCount(bits);
            int now = labels[index + l];
            int before = previous[l];
            float weight = weights is null ? 1f : weights[index + l];
            Span<double> to = sums.Slice(now * stride, stride);
            Span<double> from = before >= 0 ? sums.Slice(before * stride, stride) : [];
            for (int j = 0; j < d; j++)
            {
                float value = columns[j][index + l] - offset[j];
                double moved = weights is null ? value : value * weight;
                to[j] += moved;
                if (!from.IsEmpty)
                {
                    from[j] -= moved;
                }
            }

            to[d] += weight;
            if (!from.IsEmpty)
            {
                from[d] -= weight;
            }
        }
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
