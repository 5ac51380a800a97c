using CustomerSegmentation.Clustering;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;
using CustomerSegmentation.Kernels.Tests;
using MathNet.Numerics.Statistics;

namespace CustomerSegmentation.Tests.Clustering;

/// <summary>The fixed costs of a fit: the cached column moments behind the offset and tolerance, and the blocked inertia.</summary>
public sealed class FitPreparationTests
{
    [Fact]
    public void Column_moments_match_MathNet_for_every_tail_length()
    {
        for (int n = 1; n <= 41; n++)
        {
            double[][] rows = RandomData.Blobs(n, 2, 3, seed: n);
            FeatureMatrix data = RandomData.Matrix(rows);
            for (int j = 0; j < 2; j++)
            {
                double[] column = rows.Select(r => r[j]).ToArray();
                (double mean, double variance, _) = ColumnMoments.Of(data, j);
                Assert.Equal(column.Mean(), mean, 1e-12 * (1 + Math.Abs(mean)));
                Assert.Equal(column.PopulationVariance(), variance, 1e-12 * (1 + variance));
            }
        }
    }

    [Fact]
    public void The_tolerance_scale_is_the_mean_population_variance_and_repeat_preparations_agree()
    {
        double[][] rows = RandomData.Blobs(1000, 3, 4, seed: 5, spread: 2);
        FeatureMatrix data = RandomData.Matrix(rows);

        var first = new KMeansInput(data, ReadOnlySpan<double>.Empty, 1, VectorWidth.Scalar);
        var second = new KMeansInput(data, ReadOnlySpan<double>.Empty, 2, VectorWidths.Best);

        double expected = Enumerable.Range(0, 3).Average(j => rows.Select(r => r[j]).PopulationVariance());
        Assert.Equal(expected, first.MeanVariance, expected * 1e-12);
        Assert.Equal(first.MeanVariance, second.MeanVariance);
        Assert.Equal(first.Offset, second.Offset);
    }

    [Fact]
    public void Weighted_inertia_over_many_blocks_matches_the_double_reference()
    {
        // 20,011 rows: three blocks, the last one partial and not a multiple of four rows.
        double[][] rows = RandomData.Blobs(20_011, 3, 5, seed: 17);
        double[] weights = Enumerable.Range(0, rows.Length).Select(i => 0.25 * (i % 7)).ToArray();
        FeatureMatrix data = RandomData.Matrix(rows);

        ClusteringResult result = new KMeansClusterer(new KMeansOptions { K = 5, Seed = 3 }).Fit(data, weights);

        double[][] centres = result.Centroids.Select(c => c.ToArray()).ToArray();
        double expected = ScalarReference.Inertia(rows, weights, centres, result.Labels.ToArray());
        Assert.Equal(expected, result.Inertia, expected * 1e-12);
    }
}
