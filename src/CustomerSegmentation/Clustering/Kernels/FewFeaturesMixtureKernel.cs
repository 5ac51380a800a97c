using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CustomerSegmentation.Clustering.Kernels;

/// <summary>
/// <see cref="MixtureKernel"/> for d = 1 to 4 features known at JIT time: the row, its differences from a mean and the
/// precision products stay in registers, the loops over features and the triangle are unrolled, and the component
/// parameters and running sums are read through refs without bounds checks. Every lane performs the same IEEE-754
/// operations in the same order as the general kernel, so the two give bit-identical results.
/// </summary>
internal static class FewFeaturesMixtureKernel
{
    /// <summary>Rows [start, end), a whole number of vectors of TLanes.Count rows (see <see cref="MixtureKernel.Block"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Rows<TLanes, TDouble, TFeatures>(in KernelColumns data, MixtureComponents components, int start, int end, double[]? moments, double[]? responsibilities)
        where TLanes : struct, IMixtureLanes<TDouble>
        where TDouble : unmanaged
        where TFeatures : struct, IFeatureCount
    {
        if (end <= start)
        {
            return 0.0;
        }

        int d = TFeatures.Value;
        int clusters = components.Count;
        bool diagonal = components.Diagonal;
        int factorLength = diagonal ? d : d * d;
        int momentLength = components.MomentLength;
        int rows = data.RowCount;
        float[][] columns = data.Columns;

        Span<TDouble> means = stackalloc TDouble[clusters * d];
        Span<TDouble> factors = stackalloc TDouble[clusters * factorLength];
        Span<TDouble> constants = stackalloc TDouble[clusters];
        MixtureKernel.Broadcast<TLanes, TDouble>(components, means, factors, constants);
        Span<TDouble> density = stackalloc TDouble[clusters];
        Span<bool> present = stackalloc bool[clusters];
        Span<TDouble> sums = moments is null ? default : stackalloc TDouble[clusters * momentLength];
        sums.Clear();
        ref TDouble mean0 = ref MemoryMarshal.GetReference(means);
        ref TDouble factor0 = ref MemoryMarshal.GetReference(factors);
        ref TDouble sum0 = ref MemoryMarshal.GetReference(sums);
        TDouble minusHalf = TLanes.Create(-0.5);
        TDouble likelihood = TLanes.Zero;
        bool needResponsibilities = moments is not null || responsibilities is not null;

        for (int i = start; i < end; i += TLanes.Count)
        {
            TDouble x0 = TLanes.LoadWidened(columns[0], i);
            TDouble x1 = d > 1 ? TLanes.LoadWidened(columns[1], i) : TLanes.Zero;
            TDouble x2 = d > 2 ? TLanes.LoadWidened(columns[2], i) : TLanes.Zero;
            TDouble x3 = d > 3 ? TLanes.LoadWidened(columns[3], i) : TLanes.Zero;

            for (int k = 0; k < clusters; k++)
            {
                ref TDouble mean = ref Unsafe.Add(ref mean0, k * d);
                ref TDouble f = ref Unsafe.Add(ref factor0, k * factorLength);
                TDouble d0 = TLanes.Subtract(x0, mean);
                TDouble d1 = d > 1 ? TLanes.Subtract(x1, Unsafe.Add(ref mean, 1)) : TLanes.Zero;
                TDouble d2 = d > 2 ? TLanes.Subtract(x2, Unsafe.Add(ref mean, 2)) : TLanes.Zero;
                TDouble d3 = d > 3 ? TLanes.Subtract(x3, Unsafe.Add(ref mean, 3)) : TLanes.Zero;
                TDouble squares = diagonal ? DiagonalSquares(d0, d1, d2, d3, ref f) : FullSquares(d0, d1, d2, d3, ref f);
                density[k] = TLanes.Add(constants[k], TLanes.Multiply(minusHalf, squares));
            }

            likelihood = TLanes.Add(likelihood, MixtureKernel.Responsibilities<TLanes, TDouble>(density, present));
            if (!needResponsibilities)
            {
                continue;
            }

            for (int k = 0; k < clusters; k++)
            {
                TDouble r = density[k];
                if (responsibilities is not null)
                {
                    TLanes.Store(r, responsibilities, (k * rows) + i);
                }

                if (moments is null || !present[k])
                {
                    continue;
                }

                ref TDouble mean = ref Unsafe.Add(ref mean0, k * d);
                TDouble d0 = TLanes.Subtract(x0, mean);
                TDouble d1 = d > 1 ? TLanes.Subtract(x1, Unsafe.Add(ref mean, 1)) : TLanes.Zero;
                TDouble d2 = d > 2 ? TLanes.Subtract(x2, Unsafe.Add(ref mean, 2)) : TLanes.Zero;
                TDouble d3 = d > 3 ? TLanes.Subtract(x3, Unsafe.Add(ref mean, 3)) : TLanes.Zero;
                ref TDouble sum = ref Unsafe.Add(ref sum0, k * momentLength);
                sum = TLanes.Add(sum, r);
                if (diagonal)
                {
                    AddDiagonalMoments<TLanes, TDouble, TFeatures>(ref sum, r, d0, d1, d2, d3);
                }
                else
                {
                    AddFullMoments<TLanes, TDouble, TFeatures>(ref sum, r, d0, d1, d2, d3);
                }
            }
        }

        if (moments is not null)
        {
            for (int m = 0; m < sums.Length; m++)
            {
                moments[m] = TLanes.AddLanesTo(sums[m], moments[m]);
            }
        }

        return TLanes.AddLanesTo(likelihood, 0.0);

        // ||diag(f) δ||², the general kernel's sum in its order.
        static TDouble DiagonalSquares(TDouble d0, TDouble d1, TDouble d2, TDouble d3, ref TDouble f)
        {
            int d = TFeatures.Value;
            TDouble t = TLanes.Multiply(d0, f);
            TDouble squares = TLanes.Multiply(t, t);
            if (d > 1)
            {
                t = TLanes.Multiply(d1, Unsafe.Add(ref f, 1));
                squares = TLanes.Add(squares, TLanes.Multiply(t, t));
            }

            if (d > 2)
            {
                t = TLanes.Multiply(d2, Unsafe.Add(ref f, 2));
                squares = TLanes.Add(squares, TLanes.Multiply(t, t));
            }

            if (d > 3)
            {
                t = TLanes.Multiply(d3, Unsafe.Add(ref f, 3));
                squares = TLanes.Add(squares, TLanes.Multiply(t, t));
            }

            return squares;
        }

        // ||δᵀ P||² with P upper triangular (row a, column j at a·d + j), column by column as the general kernel sums it.
        static TDouble FullSquares(TDouble d0, TDouble d1, TDouble d2, TDouble d3, ref TDouble f)
        {
            int d = TFeatures.Value;
            TDouble t = TLanes.Multiply(d0, f);
            TDouble squares = TLanes.Multiply(t, t);
            if (d > 1)
            {
                t = TLanes.Add(TLanes.Multiply(d0, Unsafe.Add(ref f, 1)), TLanes.Multiply(d1, Unsafe.Add(ref f, d + 1)));
                squares = TLanes.Add(squares, TLanes.Multiply(t, t));
            }

            if (d > 2)
            {
                t = TLanes.Add(
                    TLanes.Add(TLanes.Multiply(d0, Unsafe.Add(ref f, 2)), TLanes.Multiply(d1, Unsafe.Add(ref f, d + 2))),
                    TLanes.Multiply(d2, Unsafe.Add(ref f, (2 * d) + 2)));
                squares = TLanes.Add(squares, TLanes.Multiply(t, t));
            }

            if (d > 3)
            {
                t = TLanes.Add(
                    TLanes.Add(
                        TLanes.Add(TLanes.Multiply(d0, Unsafe.Add(ref f, 3)), TLanes.Multiply(d1, Unsafe.Add(ref f, d + 3))),
                        TLanes.Multiply(d2, Unsafe.Add(ref f, (2 * d) + 3))),
                    TLanes.Multiply(d3, Unsafe.Add(ref f, (3 * d) + 3)));
                squares = TLanes.Add(squares, TLanes.Multiply(t, t));
            }

            return squares;
        }
    }

    /// <summary>Adds r·δ_a at 1 + a and r·δ_a² at 1 + d + a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddDiagonalMoments<TLanes, TDouble, TFeatures>(ref TDouble sum, TDouble r, TDouble d0, TDouble d1, TDouble d2, TDouble d3)
        where TLanes : struct, IMixtureLanes<TDouble>
        where TDouble : unmanaged
        where TFeatures : struct, IFeatureCount
    {
        int d = TFeatures.Value;
        AddPair<TLanes, TDouble>(ref sum, 1, 1 + d, r, d0);
        if (d > 1)
        {
            AddPair<TLanes, TDouble>(ref sum, 2, 2 + d, r, d1);
        }

        if (d > 2)
        {
            AddPair<TLanes, TDouble>(ref sum, 3, 3 + d, r, d2);
        }

        if (d > 3)
        {
            AddPair<TLanes, TDouble>(ref sum, 4, 4 + d, r, d3);
        }
    }

    /// <summary>Adds r·δ_a at 1 + a and the upper triangle r·δ_a·δ_b (a &lt;= b, row by row) after them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddFullMoments<TLanes, TDouble, TFeatures>(ref TDouble sum, TDouble r, TDouble d0, TDouble d1, TDouble d2, TDouble d3)
        where TLanes : struct, IMixtureLanes<TDouble>
        where TDouble : unmanaged
        where TFeatures : struct, IFeatureCount
    {
        int d = TFeatures.Value;
        int second = 1 + d;
        TDouble rd = TLanes.Multiply(r, d0);
        Accumulate<TLanes, TDouble>(ref sum, 1, rd);
        Accumulate<TLanes, TDouble>(ref sum, second++, TLanes.Multiply(rd, d0));
        if (d > 1)
        {
            Accumulate<TLanes, TDouble>(ref sum, second++, TLanes.Multiply(rd, d1));
        }

        if (d > 2)
        {
            Accumulate<TLanes, TDouble>(ref sum, second++, TLanes.Multiply(rd, d2));
        }

        if (d > 3)
        {
            Accumulate<TLanes, TDouble>(ref sum, second++, TLanes.Multiply(rd, d3));
        }

        if (d > 1)
        {
            rd = TLanes.Multiply(r, d1);
            Accumulate<TLanes, TDouble>(ref sum, 2, rd);
            Accumulate<TLanes, TDouble>(ref sum, second++, TLanes.Multiply(rd, d1));
            if (d > 2)
            {
                Accumulate<TLanes, TDouble>(ref sum, second++, TLanes.Multiply(rd, d2));
            }

            if (d > 3)
            {
                Accumulate<TLanes, TDouble>(ref sum, second++, TLanes.Multiply(rd, d3));
            }
        }

        if (d > 2)
        {
            rd = TLanes.Multiply(r, d2);
            Accumulate<TLanes, TDouble>(ref sum, 3, rd);
            Accumulate<TLanes, TDouble>(ref sum, second++, TLanes.Multiply(rd, d2));
            if (d > 3)
            {
                Accumulate<TLanes, TDouble>(ref sum, second++, TLanes.Multiply(rd, d3));
            }
        }

        if (d > 3)
        {
            rd = TLanes.Multiply(r, d3);
            Accumulate<TLanes, TDouble>(ref sum, 4, rd);
            Accumulate<TLanes, TDouble>(ref sum, second, TLanes.Multiply(rd, d3));
        }
    }

    /// <summary>r·δ at <paramref name="first"/>, r·δ·δ at <paramref name="square"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddPair<TLanes, TDouble>(ref TDouble sum, int first, int square, TDouble r, TDouble difference)
        where TLanes : struct, IMixtureLanes<TDouble>
        where TDouble : unmanaged
    {
        TDouble rd = TLanes.Multiply(r, difference);
        Accumulate<TLanes, TDouble>(ref sum, first, rd);
        Accumulate<TLanes, TDouble>(ref sum, square, TLanes.Multiply(rd, difference));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate<TLanes, TDouble>(ref TDouble sum, int index, TDouble value)
        where TLanes : struct, IMixtureLanes<TDouble>
        where TDouble : unmanaged
    {
        ref TDouble target = ref Unsafe.Add(ref sum, index);
        target = TLanes.Add(target, value);
    }
}
