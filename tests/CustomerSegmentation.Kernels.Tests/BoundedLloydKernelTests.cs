using CustomerSegmentation.Clustering.Kernels;

namespace CustomerSegmentation.Kernels.Tests;

/// <summary>
/// The bounded Lloyd kernel against the plain fused kernel over passes with moving centres: the same labels bit for bit
/// and the same number of changes on every pass, running sums (a refresh, then only the moves) equal to the plain
/// kernel's full sums within rounding, and bounds that hold (the upper bound at least the distance to the row's centre,
/// the lower bound at most the distance to any other). Every width this machine runs, d = 1..4, K from 1 to 20 (past
/// one vector of clusters, where the look-up is not a permute), and row counts with every vector tail.
/// </summary>
[Trait("Category", "Kernel")]
public sealed class BoundedLloydKernelTests
{
    public static TheoryData<int, int> WidthsAndFeatures() => Widths.WithFeatures(Enumerable.Range(1, 4));

    [Theory]
    [MemberData(nameof(WidthsAndFeatures))]
    public void Gives_the_plain_kernels_labels_and_sums_on_every_pass(int lanes, int features)
    {
        var width = (VectorWidth)lanes;
        int[] rowCounts = [1, 7, 16, 33, 100, 257, 1000];
        int[] clusterCounts = [1, 2, 5, 8, 9, 20];
        foreach (int n in rowCounts)
        {
            foreach (int clusters in clusterCounts.Where(k => k <= n))
            {
                int[] skipped = RunPasses(width, features, n, clusters, seed: (n * 31) + (clusters * 7) + features);
                Assert.True(skipped.Length == Passes, "every pass ran");
            }
        }
    }

    [Theory]
    [MemberData(nameof(WidthsAndFeatures))]
    public void Skips_rows_once_the_centres_settle(int lanes, int features)
    {
        // Well-separated blobs and centres at their means moving a little: after the first pass most rows cannot change.
        int[] unchangedVectors = RunPasses((VectorWidth)lanes, features, 4096, 4, seed: 5, step: 0.01);
        // Passes 0 and 4 are refreshes, which assign every row.
        int[] boundedPasses = [1, 2, 3, 5, 6, 7];
        Assert.All(boundedPasses, pass => Assert.True(unchangedVectors[pass] > 4096 / lanes / 2, $"pass {pass}: [{string.Join(", ", unchangedVectors)}] vectors skipped"));
    }

    [Fact]
    public void Reports_the_feature_counts_it_takes()
    {
        Assert.True(BoundedLloydKernel.Supports(1) && BoundedLloydKernel.Supports(4));
        Assert.False(BoundedLloydKernel.Supports(5) || BoundedLloydKernel.Supports(0));
    }

    private const int Passes = 8;

    /// <summary>
    /// Runs <see cref="Passes"/> passes of both kernels with centres moved at random between them (a refresh on the first
    /// and fifth) and returns, per pass, how many vectors of rows the bounded kernel left untouched.
    /// </summary>
    private static int[] RunPasses(VectorWidth width, int features, int n, int clusters, int seed, double step = 0.5)
    {
        KernelData source = KernelData.Blobs(n, features, Math.Min(clusters, 4), seed);
        KernelColumns data = source.At(width);
        var random = new Random(seed);
        float[] centres = KernelData.CentredRows(data, Enumerable.Range(0, clusters).Select(k => (k * 7) % n));
        int stride = clusters * (features + 1);
        int[] bounded = Enumerable.Repeat(-1, n).ToArray();
        int[] plain = Enumerable.Repeat(-1, n).ToArray();
        var bounds = new LloydBounds(n, clusters, features, (int)width);
        var running = new double[stride];
        var skipped = new int[Passes];
        for (int pass = 0; pass < Passes; pass++)
        {
            bool refresh = pass % 4 == 0;
            float[] upperBefore = (float[])bounds.Upper.Clone();
            int[] labelsBefore = (int[])bounded.Clone();
            var partial = new double[stride];
            int boundedChanged = BoundedLloydKernel.AssignBlock(data, centres, clusters, bounded, 0, n, bounds, refresh, partial);
            var full = new double[stride];
            int plainChanged = LloydKernel.AssignBlock(data, centres, clusters, plain, 0, n, full);

            Assert.Equal(plain, bounded);
            Assert.Equal(plainChanged, boundedChanged);
            if (refresh)
            {
                Assert.Equal(full, partial);
                Array.Copy(partial, running, stride);
            }
            else
            {
                for (int s = 0; s < stride; s++)
                {
                    running[s] += partial[s];
                }

                for (int s = 0; s < stride; s++)
                {
                    Assert.True(Math.Abs(running[s] - full[s]) <= 1e-4 * (1 + Math.Abs(full[s])), $"pass {pass} sum {s}: {running[s]} vs {full[s]}");
                }
            }

            AssertBoundsHold(data, centres, clusters, bounded, bounds, n, pass);
            skipped[pass] = CountUntouched(upperBefore, bounds.Upper, labelsBefore, bounded, (int)width, n, refresh);

            float[] moved = centres.Select(c => (float)(c + ((random.NextDouble() - 0.5) * step))).ToArray();
            bounds.Move(centres, moved, features);
            centres = moved;
        }

        return skipped;
    }

    private static void AssertBoundsHold(KernelColumns data, float[] centres, int clusters, int[] labels, LloydBounds bounds, int n, int pass)
    {
        int features = data.FeatureCount;
        double[][] centreRows = centres.Chunk(features).Select(c => c.Select(v => (double)v).ToArray()).ToArray();
        for (int i = 0; i < n; i++)
        {
            double[] row = KernelData.CentredRow(data, i);
            double own = Math.Sqrt(ScalarReference.SquaredDistance(row, centreRows[labels[i]]));
            Assert.True(bounds.Upper[i] >= own * (1 - 1e-5), $"pass {pass} row {i}: upper bound {bounds.Upper[i]} below its distance {own}");
            for (int k = 0; k < clusters; k++)
            {
                if (k != labels[i])
                {
                    double other = Math.Sqrt(ScalarReference.SquaredDistance(row, centreRows[k]));
                    Assert.True(bounds.Lower[i] <= other * (1 + 1e-5), $"pass {pass} row {i}: lower bound {bounds.Lower[i]} above the distance {other} to centre {k}");
                }
            }
        }
    }

    /// <summary>Vectors whose upper bounds the pass only moved (not reset) and whose labels it kept: the skipped ones.</summary>
    private static int CountUntouched(float[] upperBefore, float[] upperAfter, int[] labelsBefore, int[] labelsAfter, int lanes, int n, bool refresh)
    {
        if (refresh)
        {
            return 0;
        }

        int count = 0;
        for (int i = 0; i + lanes <= n; i += lanes)
        {
            bool untouched = true;
            for (int l = 0; l < lanes && untouched; l++)
            {
                untouched = labelsBefore[i + l] == labelsAfter[i + l] && upperAfter[i + l] >= upperBefore[i + l];
            }

            count += untouched ? 1 : 0;
        }

        return count;
    }
}
