using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CustomerSegmentation.Clustering.Kernels;

/// <summary>
/// One pass of EM over a block of rows for a Gaussian mixture: each row's weighted log density under every component,
/// their log-sum-exp (the row's log-likelihood), the responsibilities, and the responsibility-weighted moments the
/// M-step needs, all in double from the float32 columns widened. A vector of rows per step; the lane totals are added
/// in lane order at the end of the block and the last rows (fewer than a vector) run on the scalar lane.
/// </summary>
/// <remarks>
/// The moments are taken about each component's current mean (the values the log densities already subtract), so the
/// M-step's covariance <c>S2/N - δδᵀ</c> has only the small shift δ of the mean to cancel, never the data's offset.
/// Up to 4 features run <see cref="FewFeaturesMixtureKernel"/> (same operations, registers instead of spans); a
/// component negligible for every row of a vector (<see cref="NegligibleLogRatio"/>) costs no exponential and no moments.
/// </remarks>
internal static class MixtureKernel
{
    /// <summary>
    /// -60 ln 2: a component whose weighted log density lies this far below the row's best, in every lane of a vector
    /// of rows, is skipped (no exponential, responsibility 0, no moments). Its exponential would be below 2^-60, less
    /// than 1/128 of half an ulp of the rows' density total (at least 1, the best component's term), so the total and
    /// the log-likelihood are unchanged; each skipped responsibility is off by less than 2^-60 (8.7e-19), and a
    /// component's responsibility total by less than that per row.
    /// </summary>
    internal const double NegligibleLogRatio = -41.58883083359672;

    /// <summary>
    /// Rows [<paramref name="start"/>, <paramref name="end"/>): adds their moments into <paramref name="moments"/>
    /// (K x <see cref="MixtureComponents.MomentLength"/>, when given), writes their responsibilities into
    /// <paramref name="responsibilities"/> (component-major, <c>[k · rows + i]</c>, when given) and returns the sum of
    /// their log-likelihoods. The offset and weights of <paramref name="data"/> are not used.
    /// </summary>
    /// <param name="data">The columns.</param>
    /// <param name="components">The mixture.</param>
    /// <param name="start">The first row.</param>
    /// <param name="end">One past the last row.</param>
    /// <param name="moments">Where the block's moments are added; null to skip them.</param>
    /// <param name="responsibilities">Where the rows' responsibilities go; null to skip them.</param>
    /// <returns>The sum over the rows of ln Σ_k exp(weighted log density).</returns>
    public static double Block(in KernelColumns data, MixtureComponents components, int start, int end, double[]? moments, double[]? responsibilities)
    {
        int vectorEnd = data.Width switch
        {
            VectorWidth.Bits512 => end - ((end - start) % Vector512<double>.Count),
            VectorWidth.Bits256 => end - ((end - start) % Vector256<double>.Count),
            VectorWidth.Bits128 => end - ((end - start) % Vector128<double>.Count),
            _ => start,
        };
        double sum = data.Width switch
        {
            VectorWidth.Bits512 => Rows<Lanes512, Vector512<double>>(data, components, start, vectorEnd, moments, responsibilities),
            VectorWidth.Bits256 => Rows<Lanes256, Vector256<double>>(data, components, start, vectorEnd, moments, responsibilities),
            VectorWidth.Bits128 => Rows<Lanes128, Vector128<double>>(data, components, start, vectorEnd, moments, responsibilities),
            _ => 0.0,
        };
        return sum + Rows<ScalarLane, double>(data, components, vectorEnd, end, moments, responsibilities);
    }

    /// <summary>Rows [start, end), a whole number of vectors of TLanes.Count rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Rows<TLanes, TDouble>(in KernelColumns data, MixtureComponents components, int start, int end, double[]? moments, double[]? responsibilities)
        where TLanes : struct, IMixtureLanes<TDouble>
        where TDouble : unmanaged
    {
        if (end <= start)
        {
            return 0.0;
        }

        switch (components.Features)
        {
            case 1: return FewFeaturesMixtureKernel.Rows<TLanes, TDouble, OneFeature>(data, components, start, end, moments, responsibilities);
            case 2: return FewFeaturesMixtureKernel.Rows<TLanes, TDouble, TwoFeatures>(data, components, start, end, moments, responsibilities);
            case 3: return FewFeaturesMixtureKernel.Rows<TLanes, TDouble, ThreeFeatures>(data, components, start, end, moments, responsibilities);
            case 4: return FewFeaturesMixtureKernel.Rows<TLanes, TDouble, FourFeatures>(data, components, start, end, moments, responsibilities);
            default: return General<TLanes, TDouble>(data, components, start, end, moments, responsibilities);
        }
    }

    /// <summary>Rows [start, end) for any number of features, a whole number of vectors of TLanes.Count rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double General<TLanes, TDouble>(in KernelColumns data, MixtureComponents components, int start, int end, double[]? moments, double[]? responsibilities)
        where TLanes : struct, IMixtureLanes<TDouble>
        where TDouble : unmanaged
    {
        if (end <= start)
        {
            return 0.0;
        }

        int clusters = components.Count;
        int features = components.Features;
        bool diagonal = components.Diagonal;
        int factorLength = diagonal ? features : features * features;
        int momentLength = components.MomentLength;
        int rows = data.RowCount;
        float[][] columns = data.Columns;

        Span<TDouble> means = stackalloc TDouble[clusters * features];
        Span<TDouble> factors = stackalloc TDouble[clusters * factorLength];
        Span<TDouble> constants = stackalloc TDouble[clusters];
        Broadcast<TLanes, TDouble>(components, means, factors, constants);
        Span<bool> present = stackalloc bool[clusters];

        Span<TDouble> x = stackalloc TDouble[features];
        Span<TDouble> diff = stackalloc TDouble[clusters * features];
        Span<TDouble> density = stackalloc TDouble[clusters];
        Span<TDouble> sums = moments is null ? default : stackalloc TDouble[clusters * momentLength];
        sums.Clear();
        TDouble minusHalf = TLanes.Create(-0.5);
        TDouble likelihood = TLanes.Zero;
        bool needResponsibilities = moments is not null || responsibilities is not null;

        for (int i = start; i < end; i += TLanes.Count)
        {
            for (int j = 0; j < features; j++)
            {
                x[j] = TLanes.LoadWidened(columns[j], i);
            }

            for (int k = 0; k < clusters; k++)
            {
                Span<TDouble> d = diff.Slice(k * features, features);
                ReadOnlySpan<TDouble> mean = means.Slice(k * features, features);
                ReadOnlySpan<TDouble> factor = factors.Slice(k * factorLength, factorLength);
                TDouble squares = TLanes.Zero;
                for (int j = 0; j < features; j++)
                {
                    d[j] = TLanes.Subtract(x[j], mean[j]);
                }

                if (diagonal)
                {
                    for (int j = 0; j < features; j++)
                    {
                        TDouble t = TLanes.Multiply(d[j], factor[j]);
                        squares = TLanes.Add(squares, TLanes.Multiply(t, t));
                    }
                }
                else
                {
                    for (int j = 0; j < features; j++)
                    {
                        TDouble t = TLanes.Zero;
                        for (int a = 0; a <= j; a++)
                        {
                            t = TLanes.Add(t, TLanes.Multiply(d[a], factor[(a * features) + j]));
                        }

                        squares = TLanes.Add(squares, TLanes.Multiply(t, t));
                    }
                }

                density[k] = TLanes.Add(constants[k], TLanes.Multiply(minusHalf, squares));
            }

            likelihood = TLanes.Add(likelihood, Responsibilities<TLanes, TDouble>(density, present));
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

                Span<TDouble> sum = sums.Slice(k * momentLength, momentLength);
                ReadOnlySpan<TDouble> d = diff.Slice(k * features, features);
                sum[0] = TLanes.Add(sum[0], r);
                int second = 1 + features;
                for (int a = 0; a < features; a++)
                {
                    TDouble rd = TLanes.Multiply(r, d[a]);
                    sum[1 + a] = TLanes.Add(sum[1 + a], rd);
                    if (diagonal)
                    {
                        sum[second + a] = TLanes.Add(sum[second + a], TLanes.Multiply(rd, d[a]));
                        continue;
                    }

                    for (int b = a; b < features; b++)
                    {
                        sum[second] = TLanes.Add(sum[second], TLanes.Multiply(rd, d[b]));
                        second++;
                    }
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
    }

    /// <summary>Every mean, precision factor and log constant of <paramref name="components"/> in all lanes.</summary>
    internal static void Broadcast<TLanes, TDouble>(MixtureComponents components, Span<TDouble> means, Span<TDouble> factors, Span<TDouble> constants)
        where TLanes : struct, IMixtureLanes<TDouble>
        where TDouble : unmanaged
    {
        for (int m = 0; m < means.Length; m++)
        {
            means[m] = TLanes.Create(components.Means[m]);
        }

        for (int m = 0; m < factors.Length; m++)
        {
            factors[m] = TLanes.Create(components.PrecisionFactors[m]);
        }

        for (int k = 0; k < constants.Length; k++)
        {
            constants[k] = TLanes.Create(components.LogConstants[k]);
        }
    }

    /// <summary>
    /// Replaces the weighted log densities of a vector of rows by the rows' responsibilities, exp(density - max) / total,
    /// skipping a component negligible in every lane (<see cref="NegligibleLogRatio"/>: responsibility 0,
    /// <paramref name="present"/> false), and returns the rows' log-likelihoods max + ln total.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TDouble Responsibilities<TLanes, TDouble>(Span<TDouble> density, Span<bool> present)
        where TLanes : struct, IMixtureLanes<TDouble>
        where TDouble : unmanaged
    {
        TDouble max = density[0];
        for (int k = 1; k < density.Length; k++)
        {
            max = TLanes.Max(max, density[k]);
        }

        TDouble total = TLanes.Zero;
        for (int k = 0; k < density.Length; k++)
        {
            TDouble shifted = TLanes.Subtract(density[k], max);
            present[k] = !TLanes.AllBelow(shifted, NegligibleLogRatio);
            density[k] = present[k] ? MixtureExponential.Exp<TLanes, TDouble>(shifted) : TLanes.Zero;
            total = TLanes.Add(total, density[k]);
        }

        TDouble inverse = TLanes.Divide(TLanes.Create(1.0), total);
        for (int k = 0; k < density.Length; k++)
        {
            density[k] = TLanes.Multiply(density[k], inverse);
        }

        return TLanes.Add(max, TLanes.Log(total));
    }
}
