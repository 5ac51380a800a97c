using CustomerSegmentation.Clustering.Kernels;

namespace CustomerSegmentation.Kernels.Tests;

/// <summary>The Gaussian-mixture kernel against a plain double loop, every row count 0..257, full and diagonal, every width.</summary>
[Trait("Category", "Kernel")]
public sealed class MixtureKernelTests
{
    public static TheoryData<int, int> WidthsAndFeatures() => Widths.WithFeatures([1, 2, 3, 5]);

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
