using CustomerSegmentation.Clustering.Kernels;

namespace CustomerSegmentation.Kernels.Tests;

/// <summary>
/// The K-prototypes assignment kernel against a plain double reference (squared distance plus gamma per categorical
/// mismatch), for every row count 0..257, numeric feature counts 1..7 (the specialised d and the general loop) and
/// 0..3 categorical features, at every vector width; and every width gives the same labels bit for bit.
/// </summary>
[Trait("Category", "Kernel")]
public sealed class PrototypeKernelTests
{
    public static TheoryData<int, int> WidthsAndFeatures() => Widths.WithFeatures(Enumerable.Range(1, 7));

    [Theory]
    [MemberData(nameof(WidthsAndFeatures))]
    public void Assigns_each_row_to_its_cheapest_prototype(int lanes, int features)
    {
        var width = (VectorWidth)lanes;
        for (int n = 0; n <= 257; n++)
        {
            int clusters = 1 + ((n + features) % 5);
            int categoricals = n % 4;
            const float Gamma = 0.75f;
            KernelData source = KernelData.Blobs(Math.Max(n, clusters), features, clusters, seed: (n * 131) + features);
            KernelColumns data = source.At(width);
            float[][] codes = Codes(source.RowCount, categoricals, seed: n);
            float[] centres = KernelData.CentredRows(data, Enumerable.Range(0, clusters).Select(k => (k * 7) % source.RowCount));
            float[] modes = [.. Enumerable.Range(0, clusters * categoricals).Select(i => (float)(i % 3))];
            int[] labels = Enumerable.Repeat(-1, source.RowCount).ToArray();

            int changed = PrototypeKernel.AssignBlock(data, codes, centres, modes, Gamma, clusters, labels, 0, n, out double cost);

            Assert.Equal(n, changed);
            Assert.All(labels.Skip(n), l => Assert.Equal(-1, l));
            double expectedCost = 0;
            for (int i = 0; i < n; i++)
            {
                double[] row = KernelData.CentredRow(data, i);
                double Cost(int k)
                {
                    double c = ScalarReference.SquaredDistance(row, [.. centres.Skip(k * features).Take(features).Select(v => (double)v)]);
                    for (int f = 0; f < categoricals; f++)
                    {
                        c += codes[f][i] == modes[(k * categoricals) + f] ? 0 : Gamma;
                    }

                    return c;
                }

                double cheapest = Enumerable.Range(0, clusters).Min(Cost);
                double chosen = Cost(labels[i]);
                Assert.True(chosen <= (cheapest * (1 + 1e-5)) + 1e-6, $"n={n} d={features} m={categoricals} row {i}: label {labels[i]} at {chosen}, cheapest {cheapest}");
                expectedCost += chosen;
            }

            Assert.True(Math.Abs(cost - expectedCost) <= (1e-5 * expectedCost) + 1e-6, $"n={n}: cost {cost} vs {expectedCost}");
        }
    }

    [Theory]
    [MemberData(nameof(WidthsAndFeatures))]
    public void Every_width_gives_the_scalar_labels(int lanes, int features)
    {
        for (int n = 1; n <= 257; n += 8)
        {
            int clusters = 1 + (n % 6);
            KernelData source = KernelData.Blobs(Math.Max(n, clusters), features, clusters, seed: n + (features * 1000));
            float[][] codes = Codes(source.RowCount, 2, seed: n);
            float[] modes = [.. Enumerable.Range(0, clusters * 2).Select(i => (float)(i % 4))];
            int[] Labels(VectorWidth width)
            {
                KernelColumns data = source.At(width);
                float[] centres = KernelData.CentredRows(data, Enumerable.Range(0, clusters).Select(k => (k * 5) % source.RowCount));
                int[] labels = new int[source.RowCount];
                PrototypeKernel.AssignBlock(data, codes, centres, modes, 0.5f, clusters, labels, 0, n, out _);
                return labels;
            }

            Assert.Equal(Labels(VectorWidth.Scalar), Labels((VectorWidth)lanes));
        }
    }

    [Theory]
    [MemberData(nameof(WidthsAndFeatures))]
    public void Gathers_the_updates_sums_and_level_counts_in_the_assignment_pass(int lanes, int features)
    {
        var width = (VectorWidth)lanes;
        for (int n = 0; n <= 257; n++)
        {
            // K from 1 to 5, and now and then 70 so that the sums outgrow the stack; 19 rows past the block's end that it must not count.
            int clusters = n % 64 == 63 ? 70 : 1 + ((n + features) % 5);
            int categoricals = n % 4;
            KernelData source = KernelData.Blobs(Math.Max(n, clusters) + 19, features, clusters, seed: (n * 37) + features);
            KernelColumns data = source.At(width);
            float[][] codes = Codes(source.RowCount, categoricals, seed: n + 1);
            int[][] intCodes = [.. codes.Select(c => c.Select(v => (int)v).ToArray())];
            float[] centres = KernelData.CentredRows(data, Enumerable.Range(0, clusters).Select(k => (k * 7) % source.RowCount));
            float[] modes = [.. Enumerable.Range(0, clusters * categoricals).Select(i => (float)(i % 3))];
            int[] labels = Enumerable.Repeat(-1, source.RowCount).ToArray();
            var sums = new double[clusters * (features + 1)];
            // Codes 0..3 of 4 declared levels (one group of features), or of 100 (a group per feature).
            int levels = n % 3 == 0 ? 100 : 4;
            var counts = new int[clusters * levels * categoricals];
            Array.Fill(counts, 2);
            sums[0] = 0.5;

            PrototypeKernel.AssignBlock(data, codes, centres, modes, 0.75f, clusters, labels, 0, n, new PrototypeTally(sums, counts, new LevelKeys([.. Enumerable.Repeat(levels, categoricals)])), out _);

            sums[0] -= 0.5;
            AssertSumsOfLabels(data, labels[..n], clusters, sums);
            for (int k = 0; k < clusters; k++)
            {
                for (int f = 0; f < categoricals; f++)
                {
                    for (int level = 0; level < levels; level++)
                    {
                        int rowsAtLevel = Enumerable.Range(0, n).Count(i => labels[i] == k && intCodes[f][i] == level);
                        Assert.Equal(2 + rowsAtLevel, counts[(k * levels * categoricals) + (levels * f) + level]);
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(WidthsAndFeatures))]
    public void Gathering_the_update_leaves_the_labels_and_the_cost_as_they_were(int lanes, int features)
    {
        var width = (VectorWidth)lanes;
        for (int n = 1; n <= 257; n += 8)
        {
            int clusters = 1 + (n % 6);
            KernelData source = KernelData.Blobs(Math.Max(n, clusters), features, clusters, seed: n + (features * 100));
            KernelColumns data = source.At(width);
            float[][] codes = Codes(source.RowCount, 2, seed: n);
            float[] centres = KernelData.CentredRows(data, Enumerable.Range(0, clusters).Select(k => (k * 5) % source.RowCount));
            float[] modes = [.. Enumerable.Range(0, clusters * 2).Select(i => (float)(i % 4))];
            int[] plain = new int[source.RowCount];
            int[] gathering = new int[source.RowCount];

            int plainChanged = PrototypeKernel.AssignBlock(data, codes, centres, modes, 0.5f, clusters, plain, 0, n, out double plainCost);
            int gatheringChanged = PrototypeKernel.AssignBlock(
                data, codes, centres, modes, 0.5f, clusters, gathering, 0, n, new PrototypeTally(new double[clusters * (features + 1)], new int[clusters * 8], new LevelKeys([4, 4])), out double gatheringCost);

            Assert.Equal(plain, gathering);
            Assert.Equal(plainChanged, gatheringChanged);
            Assert.Equal(plainCost, gatheringCost);
        }
    }

    [Theory]
    [MemberData(nameof(WidthsAndFeatures))]
    public void A_second_pass_moves_the_sums_and_level_counts_of_the_rows_whose_label_changed_so_they_count_the_new_labels(int lanes, int features)
    {
        var width = (VectorWidth)lanes;
        int moved = 0;
        for (int n = 0; n <= 257; n += 3)
        {
            int clusters = 2 + (n % 4);
            int categoricals = 1 + (n % 3);
            KernelData source = KernelData.Blobs(Math.Max(n, clusters) + 19, features, clusters, seed: (n * 11) + features);
            KernelColumns data = source.At(width);
            float[][] codes = Codes(source.RowCount, categoricals, seed: n + 5);
            int[][] intCodes = [.. codes.Select(c => c.Select(v => (int)v).ToArray())];

            // 4 declared levels (one group of features) or 100 (a group per feature).
            int levels = n % 2 == 0 ? 4 : 100;
            var keys = new LevelKeys([.. Enumerable.Repeat(levels, categoricals)]);
            float[] firstCentres = KernelData.CentredRows(data, Enumerable.Range(0, clusters).Select(k => (k * 7) % source.RowCount));
            float[] secondCentres = KernelData.CentredRows(data, Enumerable.Range(0, clusters).Select(k => ((k * 5) + 3) % source.RowCount));
            float[] modes = [.. Enumerable.Range(0, clusters * categoricals).Select(i => (float)(i % 4))];
            int[] labels = Enumerable.Repeat(-1, source.RowCount).ToArray();
            var counts = new int[clusters * keys.Levels];

            var sums = new double[clusters * (features + 1)];

            PrototypeKernel.AssignBlock(data, codes, firstCentres, modes, 0.75f, clusters, labels, 0, n, new PrototypeTally(sums, counts, keys), out _);
            int[] firstLabels = [.. labels];
            PrototypeKernel.AssignBlock(data, codes, secondCentres, modes, 0.75f, clusters, labels, 0, n, new PrototypeTally(sums, counts, keys, movesSums: true), out _);

            // The moved sums are those of the new labels, as gathering them afresh gives.
            AssertSumsOfLabels(data, labels[..n], clusters, sums);

            for (int k = 0; k < clusters; k++)
            {
                for (int f = 0; f < categoricals; f++)
                {
                    for (int level = 0; level < levels; level++)
                    {
                        int rowsAtLevel = Enumerable.Range(0, n).Count(i => labels[i] == k && intCodes[f][i] == level);
                        Assert.Equal(rowsAtLevel, counts[(k * keys.Levels) + keys.LevelStart[f] + level]);
                    }
                }
            }

            Assert.Equal(-1, labels[n]); // rows past the block are not touched
            moved += Enumerable.Range(0, n).Count(i => firstLabels[i] != labels[i]);
        }

        Assert.True(moved > 100, $"only {moved} rows changed label between the passes: the test would not exercise the move");
    }

    /// <summary>The sums (stride features + 1) are each prototype's centred numeric sums and member count under <paramref name="labels"/>, as a double reference adds them.</summary>
    private static void AssertSumsOfLabels(KernelColumns data, int[] labels, int clusters, double[] sums)
    {
        int features = data.FeatureCount;
        double[][] rows = [.. Enumerable.Range(0, labels.Length).Select(i => KernelData.CentredRow(data, i))];
        (double[][] expected, double[] members) = ScalarReference.Accumulate(rows, [.. Enumerable.Repeat(1.0, labels.Length)], labels, clusters, features);
        for (int k = 0; k < clusters; k++)
        {
            Assert.Equal(members[k], sums[(k * (features + 1)) + features]);
            for (int j = 0; j < features; j++)
            {
                double scale = 1 + rows.Sum(r => Math.Abs(r[j]));
                Assert.True(
                    Math.Abs(expected[k][j] - sums[(k * (features + 1)) + j]) <= 1e-6 * scale,
                    $"n={labels.Length} d={features} cluster {k} feature {j}: {sums[(k * (features + 1)) + j]} vs {expected[k][j]}");
            }
        }
    }

    /// <summary>Padded float32 codes 0..3, seeded.</summary>
    private static float[][] Codes(int rows, int categoricals, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, categoricals).Select(_ =>
        {
            var column = new float[KernelColumns.PaddedLength(rows)];
            for (int i = 0; i < rows; i++)
            {
                column[i] = random.Next(4);
            }

            return column;
        })];
    }
}
