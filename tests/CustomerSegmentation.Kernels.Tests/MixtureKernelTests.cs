using System.Runtime.Intrinsics;
using CustomerSegmentation.Clustering.Kernels;

namespace CustomerSegmentation.Kernels.Tests;

/// <summary>The Gaussian-mixture kernel against a plain double loop, every row count 0..257, full and diagonal, every width.</summary>
[Trait("Category", "Kernel")]
public sealed class MixtureKernelTests
{
    public static TheoryData<int, int> WidthsAndFeatures() => Widths.WithFeatures([1, 2, 3, 4, 5, 6]);

    [Theory]
    [MemberData(nameof(WidthsAndFeatures))]
    public void Likelihood_moments_and_responsibilities_match_the_scalar_reference(int lanes, int features)
    {
        var width = (VectorWidth)lanes;
        foreach (bool diagonal in new[] { false, true })
        {
            for (int n = 0; n <= 257; n++)
            {
                int clusters = 1 + ((n + features) % 4);
                KernelData source = KernelData.Blobs(n, features, clusters, seed: (n * 11) + features);
                KernelColumns data = source.At(width, centred: false);
                MixtureComponents components = Components(clusters, features, diagonal, seed: n);
                var moments = new double[clusters * components.MomentLength];
                var responsibilities = new double[n * clusters];

                double likelihood = MixtureKernel.Block(data, components, 0, n, moments, responsibilities);

                (double expectedLikelihood, double[] expectedMoments, double[] expectedResponsibilities) = Reference(source, components);
                string where = $"n={n} d={features} K={clusters} diagonal={diagonal}";
                Assert.True(Math.Abs(likelihood - expectedLikelihood) <= 1e-11 * Math.Max(1, Math.Abs(expectedLikelihood)), $"{where}: {likelihood} vs {expectedLikelihood}");
                for (int m = 0; m < moments.Length; m++)
                {
                    Assert.True(Math.Abs(moments[m] - expectedMoments[m]) <= 1e-10 * Math.Max(1, Math.Abs(expectedMoments[m])), $"{where} moment {m}: {moments[m]} vs {expectedMoments[m]}");
                }

                for (int r = 0; r < responsibilities.Length; r++)
                {
                    Assert.True(Math.Abs(responsibilities[r] - expectedResponsibilities[r]) <= 1e-12, $"{where} responsibility {r}: {responsibilities[r]} vs {expectedResponsibilities[r]}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(WidthsAndFeatures))]
    public void A_range_of_rows_adds_up_to_the_whole(int lanes, int features)
    {
        KernelData source = KernelData.Blobs(257, features, 3, seed: features);
        KernelColumns data = source.At((VectorWidth)lanes, centred: false);
        MixtureComponents components = Components(3, features, diagonal: false, seed: 7);
        var whole = new double[3 * components.MomentLength];
        var parts = new double[whole.Length];

        double all = MixtureKernel.Block(data, components, 0, 257, whole, null);
        double split = MixtureKernel.Block(data, components, 0, 100, parts, null) + MixtureKernel.Block(data, components, 100, 257, parts, null);

        Assert.Equal(all, split, Math.Abs(all) * 1e-12);
        Assert.Equal(257, whole.Where((_, m) => m % components.MomentLength == 0).Sum(), 1e-9);
        for (int m = 0; m < whole.Length; m++)
        {
            Assert.Equal(whole[m], parts[m], 1e-9 * Math.Max(1, Math.Abs(whole[m])));
        }
    }

    public static TheoryData<int> FixedFeatureCounts() => [1, 2, 3, 4];

    [Theory]
    [MemberData(nameof(FixedFeatureCounts))]
    public void The_few_features_kernel_gives_the_general_kernels_bits_at_every_width(int features)
    {
        foreach (bool diagonal in new[] { false, true })
        {
            for (int n = 0; n <= 257; n += 7)
            {
                int clusters = 1 + ((n + features) % 5);
                KernelColumns data = KernelData.Blobs(n, features, clusters, seed: n + features).At(VectorWidth.Scalar, centred: false);
                MixtureComponents components = Components(clusters, features, diagonal, seed: n + 3);
                string where = $"n={n} d={features} K={clusters} diagonal={diagonal}";
                SameBits<ScalarLane, double>(data, components, n, features, where);
                SameBits<Lanes128, Vector128<double>>(data, components, n - (n % 2), features, where);
                SameBits<Lanes256, Vector256<double>>(data, components, n - (n % 4), features, where);
                SameBits<Lanes512, Vector512<double>>(data, components, n - (n % 8), features, where);
            }
        }
    }

    [Theory]
    [MemberData(nameof(WidthsAndFeatures))]
    public void A_component_negligible_for_every_row_gets_exactly_no_responsibility_and_no_moments(int lanes, int features)
    {
        // Component 1 sits 10 units from the data with unit precision: 50 nats below component 0 (exp = 2e-22 > 0,
        // past MixtureKernel.NegligibleLogRatio), so it is skipped; without the skip it would get tiny non-zero sums.
        const int n = 64;
        var columns = new float[features][];
        for (int j = 0; j < features; j++)
        {
            columns[j] = new float[KernelColumns.PaddedLength(n)];
        }

        var means = new double[2 * features];
        means[features] = 10;
        double[] factors = Enumerable.Repeat(1.0, 2 * features).ToArray();
        double[] constants = [Math.Log(0.5) - (0.5 * features * Math.Log(2 * Math.PI)), Math.Log(0.5) - (0.5 * features * Math.Log(2 * Math.PI))];
        var components = new MixtureComponents(2, features, diagonal: true, means, factors, constants);
        var moments = new double[2 * components.MomentLength];
        var responsibilities = new double[2 * n];

        double likelihood = MixtureKernel.Block(new KernelColumns(columns, n, (VectorWidth)lanes), components, 0, n, moments, responsibilities);

        Assert.All(responsibilities.Skip(n), r => Assert.Equal(0.0, r));
        Assert.All(moments.Skip(components.MomentLength), m => Assert.Equal(0.0, m));
        Assert.Equal(n, moments[0]);
        Assert.Equal(n * constants[0], likelihood, 1e-12 * n);
    }

    private static void SameBits<TLanes, TDouble>(KernelColumns data, MixtureComponents components, int rows, int features, string where)
        where TLanes : struct, IMixtureLanes<TDouble>
        where TDouble : unmanaged
    {
        int clusters = components.Count;
        var moments = new double[clusters * components.MomentLength];
        var expectedMoments = new double[moments.Length];
        var responsibilities = new double[data.RowCount * clusters];
        var expectedResponsibilities = new double[responsibilities.Length];
        double likelihood = features switch
        {
            1 => FewFeaturesMixtureKernel.Rows<TLanes, TDouble, OneFeature>(data, components, 0, rows, moments, responsibilities),
            2 => FewFeaturesMixtureKernel.Rows<TLanes, TDouble, TwoFeatures>(data, components, 0, rows, moments, responsibilities),
            3 => FewFeaturesMixtureKernel.Rows<TLanes, TDouble, ThreeFeatures>(data, components, 0, rows, moments, responsibilities),
            _ => FewFeaturesMixtureKernel.Rows<TLanes, TDouble, FourFeatures>(data, components, 0, rows, moments, responsibilities),
        };

        double expected = MixtureKernel.General<TLanes, TDouble>(data, components, 0, rows, expectedMoments, expectedResponsibilities);

        Assert.True(expected.Equals(likelihood), $"{where} {typeof(TLanes).Name}: {likelihood} vs {expected}");
        Assert.Equal(expectedMoments, moments);
        Assert.Equal(expectedResponsibilities, responsibilities);
    }

    /// <summary>Seeded components: means in [-10, 10], upper-triangular precision factors with a positive diagonal, weights summing to 1.</summary>
    private static MixtureComponents Components(int clusters, int features, bool diagonal, int seed)
    {
        var random = new Random(seed);
        double[] means = Enumerable.Range(0, clusters * features).Select(_ => (random.NextDouble() * 20) - 10).ToArray();
        int length = diagonal ? features : features * features;
        var factors = new double[clusters * length];
        var constants = new double[clusters];
        for (int k = 0; k < clusters; k++)
        {
            double logDeterminant = 0;
            for (int a = 0; a < features; a++)
            {
                for (int j = diagonal ? a : 0; j < (diagonal ? a + 1 : features); j++)
                {
                    double value = a == j ? 0.2 + random.NextDouble() : a < j ? random.NextDouble() - 0.5 : 0;
                    factors[(k * length) + (diagonal ? a : (a * features) + j)] = value;
                    if (a == j)
                    {
                        logDeterminant += Math.Log(value);
                    }
                }
            }

            constants[k] = Math.Log(1.0 / clusters) + logDeterminant - (0.5 * features * Math.Log(2 * Math.PI));
        }

        return new MixtureComponents(clusters, features, diagonal, means, factors, constants);
    }

    /// <summary>The plain loop: per row, the weighted log densities, their log-sum-exp, the responsibilities and the moments about each mean.</summary>
    private static (double Likelihood, double[] Moments, double[] Responsibilities) Reference(KernelData source, MixtureComponents c)
    {
        int n = source.RowCount, d = c.Features, clusters = c.Count;
        var moments = new double[clusters * c.MomentLength];
        var responsibilities = new double[n * clusters];
        double likelihood = 0;
        for (int i = 0; i < n; i++)
        {
            double[] x = source.Row(i);
            var log = new double[clusters];
            for (int k = 0; k < clusters; k++)
            {
                double squares = 0;
                for (int j = 0; j < d; j++)
                {
                    double y = 0;
                    for (int a = 0; a < d; a++)
                    {
                        double factor = c.Diagonal ? (a == j ? c.PrecisionFactors[(k * d) + a] : 0) : (a <= j ? c.PrecisionFactors[(k * d * d) + (a * d) + j] : 0);
                        y += (x[a] - c.Means[(k * d) + a]) * factor;
                    }

                    squares += y * y;
                }

                log[k] = c.LogConstants[k] - (0.5 * squares);
            }

            double max = log.Max();
            double total = log.Sum(v => Math.Exp(v - max));
            likelihood += max + Math.Log(total);
            for (int k = 0; k < clusters; k++)
            {
                double r = Math.Exp(log[k] - max) / total;
                responsibilities[(k * n) + i] = r;
                int m = k * c.MomentLength;
                moments[m] += r;
                int second = m + 1 + d;
                for (int a = 0; a < d; a++)
                {
                    double da = x[a] - c.Means[(k * d) + a];
                    moments[m + 1 + a] += r * da;
                    for (int b = c.Diagonal ? a : a; b < (c.Diagonal ? a + 1 : d); b++)
                    {
                        moments[second++] += r * da * (x[b] - c.Means[(k * d) + b]);
                    }
                }
            }
        }

        return (likelihood, moments, responsibilities);
    }
}
