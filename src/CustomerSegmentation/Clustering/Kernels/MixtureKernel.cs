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
/// </remarks>
internal static class MixtureKernel
{
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
        for (int m = 0; m < means.Length; m++)
        {
            means[m] = TLanes.Create(components.Means[m]);
        }

        for (int m = 0; m < factors.Length; m++)
        {
            factors[m] = TLanes.Create(components.PrecisionFactors[m]);
        }

        for (int k = 0; k < clusters; k++)
        {
            constants[k] = TLanes.Create(components.LogConstants[k]);
        }

        Span<TDouble> x = stackalloc TDouble[features];
        Span<TDouble> diff = stackalloc TDouble[clusters * features];
        Span<TDouble> density = stackalloc TDouble[clusters];
        Span<TDouble> sums = moments is null ? default : stackalloc TDouble[clusters * momentLength];
        sums.Clear();
        TDouble minusHalf = TLanes.Create(-0.5);
        TDouble one = TLanes.Create(1.0);
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

            TDouble max = density[0];
            for (int k = 1; k < clusters; k++)
            {
                max = TLanes.Max(max, density[k]);
            }

            TDouble total = TLanes.Zero;
            for (int k = 0; k < clusters; k++)
            {
                density[k] = TLanes.Exp(TLanes.Subtract(density[k], max));
                total = TLanes.Add(total, density[k]);
            }

            likelihood = TLanes.Add(likelihood, TLanes.Add(max, TLanes.Log(total)));
            if (!needResponsibilities)
            {
                continue;
            }

            TDouble inverse = TLanes.Divide(one, total);
            for (int k = 0; k < clusters; k++)
            {
                TDouble r = TLanes.Multiply(density[k], inverse);
                if (responsibilities is not null)
                {
                    TLanes.Store(r, responsibilities, (k * rows) + i);
                }

                if (moments is null)
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
}
