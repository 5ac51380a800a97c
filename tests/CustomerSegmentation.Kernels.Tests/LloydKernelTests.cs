using CustomerSegmentation.Clustering.Kernels;

namespace CustomerSegmentation.Kernels.Tests;

/// <summary>
/// The fused assign+accumulate kernel against a plain double reference, for every row count 0..257 and every feature
/// count 1..20 at every vector width this machine runs, so every vector tail and every specialised d is exercised.
/// </summary>
[Trait("Category", "Kernel")]
public sealed class LloydKernelTests
{
    public static TheoryData<int, int> WidthsAndFeatures() => Widths.WithFeatures(Enumerable.Range(1, 20));

    [Theory]
    [MemberData(nameof(WidthsAndFeatures))]
    public void Assigns_and_sums_like_the_scalar_reference(int lanes, int features)
    {
        var width = (VectorWidth)lanes;
        for (int n = 0; n <= 257; n++)
        {
            // K from 1 to 5, and now and then 70 so that the sums outgrow the stack.
            int clusters = n % 64 == 63 ? 70 : 1 + ((n + features) % 5);
            KernelData source = KernelData.Blobs(Math.Max(n, clusters), features, clusters, seed: (n * 131) + features, weighted: n % 2 == 1);
            KernelColumns data = source.At(width);
            float[] centres = KernelData.CentredRows(data, Enumerable.Range(0, clusters).Select(k => (k * 7) % source.RowCount));
            int[] labels = Enumerable.Repeat(-1, source.RowCount).ToArray();
            var partial = new double[clusters * (features + 1)];

            int changed = LloydKernel.AssignBlock(data, centres, clusters, labels, 0, n, partial);

            Assert.Equal(n, changed);
            Assert.All(labels.Skip(n), l => Assert.Equal(-1, l));
            double[][] rows = Enumerable.Range(0, n).Select(i => KernelData.CentredRow(data, i)).ToArray();
            double[][] centreRows = centres.Chunk(features).Select(c => c.Select(v => (double)v).ToArray()).ToArray();
            for (int i = 0; i < n; i++)
            {
                double nearest = ScalarReference.Nearest(rows[i], centreRows);
                double chosen = ScalarReference.SquaredDistance(rows[i], centreRows[labels[i]]);
                Assert.True(chosen <= (nearest * (1 + 1e-5)) + 1e-6, $"n={n} d={features} row {i}: label {labels[i]} at {chosen}, nearest at {nearest}");
            }

            double[] weights = Enumerable.Range(0, n).Select(source.Weight).ToArray();
            (double[][] sums, double[] clusterWeights) = ScalarReference.Accumulate(rows, weights, labels[..n], clusters, features);
            for (int k = 0; k < clusters; k++)
            {
                Assert.Equal(clusterWeights[k], partial[(k * (features + 1)) + features]);
                for (int j = 0; j < features; j++)
                {
                    double scale = 1 + rows.Select((r, i) => weights[i] * Math.Abs(r[j])).Sum();
                    Assert.True(
                        Math.Abs(sums[k][j] - partial[(k * (features + 1)) + j]) <= 1e-6 * scale,
                        $"n={n} d={features} cluster {k} feature {j}: {partial[(k * (features + 1)) + j]} vs {sums[k][j]}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(WidthsAndFeatures))]
    public void Kernels_specialised_for_d_give_the_general_kernels_labels_bit_for_bit(int lanes, int features)
    {
        var width = (VectorWidth)lanes;
        for (int n = 1; n <= 257; n += 4)
        {
            int clusters = 1 + (n % 7);
            KernelData source = KernelData.Blobs(Math.Max(n, clusters), features, clusters, seed: n + (features * 1000), weighted: true);
            KernelColumns data = source.At(width);
            float[] centres = KernelData.CentredRows(data, Enumerable.Range(0, clusters).Select(k => (k * 5) % source.RowCount));
            int[] specialised = Enumerable.Repeat(-1, source.RowCount).ToArray();
            int[] general = Enumerable.Repeat(-1, source.RowCount).ToArray();
            var specialisedSums = new double[clusters * (features + 1)];
            var generalSums = new double[clusters * (features + 1)];

            int specialisedChanged = LloydKernel.AssignBlock(data, centres, clusters, specialised, 0, n, specialisedSums);
            int generalChanged = LloydKernel.AssignBlockGeneral(data, centres, clusters, general, 0, n, generalSums);

            Assert.Equal(general, specialised);
            Assert.Equal(generalChanged, specialisedChanged);
            for (int s = 0; s < generalSums.Length; s++)
            {
                Assert.Equal(generalSums[s], specialisedSums[s], 1e-9 * (1 + Math.Abs(generalSums[s])));
            }
        }
    }

    public static TheoryData<int, int> WidthsAndFewFeatures() => Widths.WithFeatures(Enumerable.Range(1, FeatureCounts.MaximumFixed));

    /// <summary>
    /// Unweighted rows are summed a chunk of vectors at a time, a group of clusters per pass (masked adds into
    /// registers); weighted rows one vector at a time. With every weight 1 both must give the same partial sums bit for
    /// bit: every lane adds the same values in the same order. Row counts cross several chunks (1,024 rows at 16
    /// lanes) and end in every kind of partial vector; K from 1 to 11 takes every mix of groups of four, two and one.
    /// </summary>
    [Theory]
    [MemberData(nameof(WidthsAndFewFeatures))]
    public void Grouped_sums_of_unweighted_rows_equal_the_vector_by_vector_sums_bit_for_bit(int lanes, int features)
    {
        var width = (VectorWidth)lanes;
        foreach (int n in new[] { 1, 15, 16, 17, 63, 64, 65, 1023, 1024, 1025, 2047, 2100, 3333 })
        {
            for (int clusters = 1; clusters <= 11; clusters++)
            {
                KernelData source = KernelData.Blobs(Math.Max(n, clusters), features, clusters, seed: n + (clusters * 97) + (features * 7));
                KernelColumns unweighted = source.At(width);
                var ones = new float[source.Columns[0].Length];
                Array.Fill(ones, 1f);
                var weighted = new KernelColumns(source.Columns, source.RowCount, width, unweighted.Offset, ones);
                float[] centres = KernelData.CentredRows(unweighted, Enumerable.Range(0, clusters).Select(k => (k * 13) % source.RowCount));

                // A block that starts past row 0, as every block but the first does.
                int start = n > 40 ? 32 : 0;
                int[] groupedLabels = Enumerable.Repeat(-1, source.RowCount).ToArray();
                int[] vectorLabels = Enumerable.Repeat(-1, source.RowCount).ToArray();
                var grouped = new double[clusters * (features + 1)];
                var byVector = new double[clusters * (features + 1)];

                int groupedChanged = LloydKernel.AssignBlock(unweighted, centres, clusters, groupedLabels, start, n, grouped);
                int vectorChanged = LloydKernel.AssignBlock(weighted, centres, clusters, vectorLabels, start, n, byVector);

                Assert.Equal(vectorLabels, groupedLabels);
                Assert.Equal(vectorChanged, groupedChanged);
                Assert.Equal(n - start, groupedChanged);
                Assert.Equal(byVector.Select(BitConverter.DoubleToInt64Bits), grouped.Select(BitConverter.DoubleToInt64Bits));
                double members = Enumerable.Range(0, clusters).Sum(k => grouped[(k * (features + 1)) + features]);
                Assert.Equal(n - start, members);
            }
        }
    }

    /// <summary>
    /// The moves pass gives the labels of the assignment pass, and the sums of the old labels plus its moves are the
    /// sums of the new labels (rows with no old label, -1, are only added), weighted or not, across vector tails.
    /// </summary>
    [Theory]
    [MemberData(nameof(WidthsAndFeatures))]
    public void Moves_take_the_sums_of_the_old_labels_to_the_sums_of_the_new(int lanes, int features)
    {
        var width = (VectorWidth)lanes;
        foreach (int n in new[] { 1, 7, 16, 33, 100, 257, 1500 })
        {
            int clusters = 1 + (n % 6);
            KernelData source = KernelData.Blobs(Math.Max(n, clusters), features, clusters, seed: n + (features * 31), weighted: n % 2 == 1);
            KernelColumns data = source.At(width);
            float[] centres = KernelData.CentredRows(data, Enumerable.Range(0, clusters).Select(k => (k * 11) % source.RowCount));
            var random = new Random(n);
            int[] old = Enumerable.Range(0, source.RowCount).Select(_ => random.Next(-1, clusters)).ToArray();
            int[] moved = (int[])old.Clone();
            int[] assigned = (int[])old.Clone();
            var moves = new double[clusters * (features + 1)];

            int movedChanged = LloydKernel.MoveBlock(data, centres, clusters, moved, 0, n, moves);
            int assignedChanged = LloydKernel.AssignBlock(data, centres, clusters, assigned, 0, n, Span<double>.Empty);

            Assert.Equal(assigned, moved);
            Assert.Equal(assignedChanged, movedChanged);
            Assert.True(movedChanged > 0, "no label changed: the moves were not exercised");
            double[] before = Sums(source, data, old, n, clusters);
            double[] after = Sums(source, data, moved, n, clusters);
            for (int s = 0; s < moves.Length; s++)
            {
                Assert.Equal(after[s], before[s] + moves[s], 1e-9 * (1 + Math.Abs(after[s])));
            }
        }
    }

    /// <summary>Per cluster the weighted centred sums then the weight of the first <paramref name="n"/> rows, in double, by label (-1 counts nowhere).</summary>
    private static double[] Sums(KernelData source, KernelColumns data, int[] labels, int n, int clusters)
    {
        int features = data.FeatureCount;
        var sums = new double[clusters * (features + 1)];
        for (int i = 0; i < n; i++)
        {
            if (labels[i] < 0)
            {
                continue;
            }

            int s = labels[i] * (features + 1);
            double[] row = KernelData.CentredRow(data, i);
            for (int j = 0; j < features; j++)
            {
                sums[s + j] += row[j] * source.Weight(i);
            }

            sums[s + features] += source.Weight(i);
        }

        return sums;
    }

    [Theory]
    [MemberData(nameof(WidthsAndFeatures))]
    public void Every_width_gives_the_scalar_lanes_labels(int lanes, int features)
    {
        KernelData source = KernelData.Blobs(300, features, 4, seed: features);
        KernelColumns vector = source.At((VectorWidth)lanes);
        KernelColumns scalar = source.At(VectorWidth.Scalar);
        float[] centres = KernelData.CentredRows(scalar, [0, 1, 2, 3]);
        var vectorLabels = new int[300];
        var scalarLabels = new int[300];

        LloydKernel.AssignBlock(vector, centres, 4, vectorLabels, 0, 300, Span<double>.Empty);
        LloydKernel.AssignBlock(scalar, centres, 4, scalarLabels, 0, 300, Span<double>.Empty);

        Assert.Equal(scalarLabels, vectorLabels);
    }

    [Fact]
    public void A_second_pass_over_unchanged_centres_changes_no_label()
    {
        KernelData source = KernelData.Blobs(100, 3, 3, seed: 2);
        KernelColumns data = source.At(VectorWidths.Best);
        float[] centres = KernelData.CentredRows(data, [0, 1, 2]);
        var labels = new int[100];

        LloydKernel.AssignBlock(data, centres, 3, labels, 0, 100, Span<double>.Empty);

        Assert.Equal(0, LloydKernel.AssignBlock(data, centres, 3, labels, 0, 100, Span<double>.Empty));
    }
}
