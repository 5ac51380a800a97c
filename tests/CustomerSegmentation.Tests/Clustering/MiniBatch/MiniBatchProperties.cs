using CustomerSegmentation.Clustering;
using CustomerSegmentation.Kernels.Tests;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Clustering.MiniBatch;

/// <summary>Laws of a mini-batch fit that hold for any data, checked on generated problems.</summary>
public sealed class MiniBatchProperties
{
    [Property(Arbitrary = [typeof(ClusteringGenerators)], MaxTest = 100)]
    public void Labels_lie_in_0_to_K_and_inertia_is_the_sum_recomputed_from_them(Problem problem)
    {
        var options = new MiniBatchKMeansOptions { K = problem.K, Seed = problem.Seed, BatchSize = 16 };
        ClusteringResult result = new MiniBatchKMeans(options).Fit(problem.Matrix);

        Assert.All(result.Labels, l => Assert.InRange(l, 0, problem.K - 1));
        Assert.Equal(problem.Rows.Length, result.ClusterSizes.Sum());
        double[][] centres = result.Centroids.Select(c => c.ToArray()).ToArray();
        double[][] rows = problem.Rows.Select(r => r.Select(v => (double)(float)v).ToArray()).ToArray();
        double[] ones = Enumerable.Repeat(1.0, rows.Length).ToArray();
        double recomputed = ScalarReference.Inertia(rows, ones, centres, result.Labels.ToArray());
        Assert.Equal(recomputed, result.Inertia, (recomputed * 1e-12) + 1e-12);
    }

    [Property(Arbitrary = [typeof(ClusteringGenerators)], MaxTest = 100)]
    public void Every_row_is_labelled_with_a_nearest_centroid(Problem problem)
    {
        var options = new MiniBatchKMeansOptions { K = problem.K, Seed = problem.Seed, BatchSize = 16 };
        ClusteringResult result = new MiniBatchKMeans(options).Fit(problem.Matrix);

        Assert.Equal(result.Labels.ToArray(), result.Predict(problem.Matrix));
        for (int i = 0; i < problem.Rows.Length; i++)
        {
            double[] row = problem.Rows[i].Select(v => (double)(float)v).ToArray();
            double Distance(int k) => row.Zip(result.Centroids[k]).Sum(p => (p.First - p.Second) * (p.First - p.Second));
            double nearest = Enumerable.Range(0, problem.K).Min(Distance);
            // The kernel compares float32 distances: the chosen centroid is nearest up to float rounding.
            Assert.True(Distance(result.Labels[i]) <= (nearest * (1 + 1e-5)) + 1e-5, $"row {i}");
        }
    }
}
