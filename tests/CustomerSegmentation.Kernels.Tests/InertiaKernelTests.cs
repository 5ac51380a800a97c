using CustomerSegmentation.Clustering.Kernels;

namespace CustomerSegmentation.Kernels.Tests;

/// <summary>The inertia kernel against a plain double reference, every row count 0..257, a spread of d and K, every width.</summary>
[Trait("Category", "Kernel")]
public sealed class InertiaKernelTests
{
    public static TheoryData<int, int> WidthsAndFeatures() => Widths.WithFeatures([1, 2, 3, 4, 5, 8, 13]);

    [Theory]
    [MemberData(nameof(WidthsAndFeatures))]
    public void Inertia_matches_the_scalar_reference(int lanes, int features)
    {
        var width = (VectorWidth)lanes;
        for (int n = 0; n <= 257; n++)
        {
            int clusters = 1 + ((n + features) % 9);
            KernelData source = KernelData.Blobs(n, features, clusters, seed: (n * 7) + features, weighted: n % 2 == 1);
            KernelColumns data = source.At(width);
            double[][] rows = Enumerable.Range(0, n).Select(source.Row).ToArray();
            double[][] centres = Enumerable.Range(0, clusters).Select(k => Enumerable.Range(0, features).Select(j => k - (0.5 * j)).ToArray()).ToArray();
            int[] labels = Enumerable.Range(0, n).Select(i => ((i * 5) + (i / 3)) % clusters).ToArray();
            double[] weights = Enumerable.Range(0, n).Select(source.Weight).ToArray();

            double inertia = InertiaKernel.Block(data, centres.SelectMany(c => c).ToArray(), labels, 0, n);

            double expected = ScalarReference.Inertia(rows, weights, centres, labels);
            Assert.True(Math.Abs(expected - inertia) <= expected * 1e-12, $"n={n} d={features} K={clusters}: {inertia} vs {expected}");
        }
    }

    [Theory]
    [MemberData(nameof(WidthsAndFeatures))]
    public void A_range_of_rows_is_the_difference_of_the_prefixes(int lanes, int features)
    {
        KernelData source = KernelData.Blobs(257, features, 3, seed: features, weighted: true);
        KernelColumns data = source.At((VectorWidth)lanes);
        double[] centres = Enumerable.Range(0, 3 * features).Select(c => (double)c).ToArray();
        int[] labels = Enumerable.Range(0, 257).Select(i => i % 3).ToArray();

        double whole = InertiaKernel.Block(data, centres, labels, 0, 257);
        double parts = InertiaKernel.Block(data, centres, labels, 0, 100) + InertiaKernel.Block(data, centres, labels, 100, 257);

        Assert.Equal(whole, parts, whole * 1e-12);
    }
}
