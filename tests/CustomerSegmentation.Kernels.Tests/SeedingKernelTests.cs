using CustomerSegmentation.Clustering.Kernels;

namespace CustomerSegmentation.Kernels.Tests;

/// <summary>The k-means++ potential pass against a plain double reference, every row count 0..257, d = 1..20, every width.</summary>
[Trait("Category", "Kernel")]
public sealed class SeedingKernelTests
{
    public static TheoryData<int, int> WidthsAndFeatures() => Widths.WithFeatures(Enumerable.Range(1, 20));

    [Theory]
    [MemberData(nameof(WidthsAndFeatures))]
    public void Potentials_match_the_scalar_reference(int lanes, int features)
    {
        var width = (VectorWidth)lanes;
        for (int n = 0; n <= 257; n++)
        {
            KernelData source = KernelData.Blobs(Math.Max(n, 1), features, 3, seed: (n * 17) + features, weighted: n % 2 == 0);
            KernelColumns data = source.At(width);
            double[][] rows = Enumerable.Range(0, source.RowCount).Select(i => KernelData.CentredRow(data, i)).ToArray();
            double[] weights = Enumerable.Range(0, source.RowCount).Select(source.Weight).ToArray();
            var closest = new float[KernelColumns.PaddedLength(source.RowCount)];
            closest.AsSpan(0, n).Fill(float.PositiveInfinity);
            float[] first = KernelData.CentredRows(data, [0]);
            var potential = new double[1];

            SeedingKernel.Potentials(data, closest, first, 1, 0, n, potential, store: true);

            double expected = Enumerable.Range(0, n).Sum(i => weights[i] * ScalarReference.SquaredDistance(rows[i], rows[0]));
            Assert.Equal(expected, potential[0], (expected * 1e-5) + 1e-9);
            Assert.All(closest.Skip(n), v => Assert.Equal(0f, v));
            for (int i = 0; i < n; i++)
            {
                double distance = ScalarReference.SquaredDistance(rows[i], rows[0]);
                Assert.Equal(distance, closest[i], (distance * 1e-5) + 1e-5);
            }

            int[] picks = [n / 2, Math.Max(0, n - 1), n / 3];
            float[] candidates = KernelData.CentredRows(data, picks);
            var potentials = new double[3];
            SeedingKernel.Potentials(data, closest, candidates, 3, 0, n, potentials, store: false);
            for (int l = 0; l < 3; l++)
            {
                double[] candidate = rows[picks[l]];
                double want = Enumerable.Range(0, n).Sum(i => weights[i] * Math.Min(
                    ScalarReference.SquaredDistance(rows[i], rows[0]),
                    ScalarReference.SquaredDistance(rows[i], candidate)));
                Assert.Equal(want, potentials[l], (want * 1e-5) + 1e-9);
            }
        }
    }

    [Theory]
    [MemberData(nameof(WidthsAndFeatures))]
    public void Passes_specialised_for_d_give_the_general_passes_bits(int lanes, int features)
    {
        // Row counts past 257 cross the specialised pass's chunks (one flush interval: 1,024 rows at 16 lanes) with and
        // without a partial last vector; unweighted and weighted rows take different loads.
        var width = (VectorWidth)lanes;
        int[] rowCounts = [.. Enumerable.Range(0, 65).Select(i => 1 + (4 * i)), 1023, 1024, 1025, 2100, 3333];
        foreach (int n in rowCounts)
        {
            KernelData source = KernelData.Blobs(n, features, 3, seed: (n * 29) + features, weighted: n <= 257 ? n % 8 == 1 : n % 2 == 0);
            KernelColumns data = source.At(width);
            float[] candidates = KernelData.CentredRows(data, [0, n / 3, n - 1]);
            var specialisedClosest = new float[KernelColumns.PaddedLength(n)];
            specialisedClosest.AsSpan(0, n).Fill(float.PositiveInfinity);
            float[] generalClosest = (float[])specialisedClosest.Clone();
            var specialised = new double[3];
            var general = new double[3];

            SeedingKernel.Potentials(data, specialisedClosest, candidates, 1, 0, n, specialised.AsSpan(0, 1), store: true);
            SeedingKernel.PotentialsGeneral(data, generalClosest, candidates, 1, 0, n, general.AsSpan(0, 1), store: true);
            Assert.Equal(generalClosest, specialisedClosest);

            SeedingKernel.Potentials(data, specialisedClosest, candidates, 3, 0, n, specialised, store: false);
            SeedingKernel.PotentialsGeneral(data, generalClosest, candidates, 3, 0, n, general, store: false);
            Assert.Equal(general, specialised);
        }
    }
}
