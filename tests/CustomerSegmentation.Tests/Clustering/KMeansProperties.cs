using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using CustomerSegmentation.Kernels.Tests;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Clustering;

/// <summary>A small clustering problem: rows of non-integer values (so exact distance ties are rare), K and a seed.</summary>
public sealed record Problem(double[][] Rows, int K, int Seed)
{
    public FeatureMatrix Matrix => RandomData.Matrix(Rows);

    /// <summary>Initial centroids taken from the first K distinct-by-index rows, independent of any later row order.</summary>
    public double[,] FirstRowsAsCentroids()
    {
        var init = new double[K, Rows[0].Length];
        for (int k = 0; k < K; k++)
        {
            for (int j = 0; j < Rows[0].Length; j++)
            {
                init[k, j] = Rows[k][j];
            }
        }

        return init;
    }

    public override string ToString() => $"{Rows.Length} rows x {Rows[0].Length}, K = {K}, seed {Seed}";
}

public static class ClusteringGenerators
{
    public static Arbitrary<Problem> Problems() => Arb.From(ProblemGen(8, 120));

    internal static Gen<Problem> ProblemGen(int minRows, int maxRows) =>
        from n in Gen.Choose(minRows, maxRows)
        from d in Gen.Choose(1, 5)
        from k in Gen.Choose(1, Math.Min(6, n))
        from values in Gen.Choose(-5000, 5000).ArrayOf(n * d)
        from seed in Gen.Choose(0, 10_000)
        select new Problem(
            Enumerable.Range(0, n).Select(i => Enumerable.Range(0, d).Select(j => values[(i * d) + j] / 97.0).ToArray()).ToArray(),
            k,
            seed);
}

/// <summary>Laws of K-means that hold for any data, checked on generated problems.</summary>
public sealed class KMeansProperties
{
    [Property(Arbitrary = [typeof(ClusteringGenerators)], MaxTest = 60)]
    public void Inertia_never_rises_from_one_Lloyd_iteration_to_the_next(Problem problem)
    {
        double previous = double.PositiveInfinity;
        for (int iterations = 1; iterations <= 8; iterations++)
        {
            var options = new KMeansOptions { K = problem.K, Seed = problem.Seed, MaxIterations = iterations, Tolerance = 0 };
            double inertia = new KMeansClusterer(options).Fit(problem.Matrix).Inertia;
            Assert.True(inertia <= (previous * (1 + 1e-9)) + 1e-9, $"iteration {iterations}: {inertia} after {previous}");
            previous = inertia;
        }
    }

    [Property(Arbitrary = [typeof(ClusteringGenerators)], MaxTest = 100)]
    public void Labels_lie_in_0_to_K_and_inertia_is_the_sum_recomputed_from_them(Problem problem)
    {
        ClusteringResult result = new KMeansClusterer(new KMeansOptions { K = problem.K, Seed = problem.Seed }).Fit(problem.Matrix);

        Assert.All(result.Labels, l => Assert.InRange(l, 0, problem.K - 1));
        Assert.Equal(problem.Rows.Length, result.ClusterSizes.Sum());
        double[][] centres = result.Centroids.Select(c => c.ToArray()).ToArray();
        double[] ones = Enumerable.Repeat(1.0, problem.Rows.Length).ToArray();
        double recomputed = ScalarReference.Inertia(problem.Rows.Select(r => r.Select(v => (double)(float)v).ToArray()).ToArray(), ones, centres, result.Labels.ToArray());
        Assert.Equal(recomputed, result.Inertia, (recomputed * 1e-12) + 1e-12);
    }

    [Property(Arbitrary = [typeof(ClusteringGenerators)], MaxTest = 100)]
    public void Predict_on_the_fitted_data_equals_the_labels(Problem problem)
    {
        FeatureMatrix data = problem.Matrix;
        ClusteringResult result = new KMeansClusterer(new KMeansOptions { K = problem.K, Seed = problem.Seed, NInit = 2 }).Fit(data);

        Assert.Equal(result.Labels.ToArray(), result.Predict(data));
        for (int i = 0; i < data.RowCount; i++)
        {
            Assert.Equal(result.Labels[i], result.Predict(FeatureMatrix.FromRows([data.GetRow(i)], data.FeatureNames))[0]);
        }
    }

    [Property(Arbitrary = [typeof(ClusteringGenerators)], MaxTest = 60)]
    public void Permuting_rows_permutes_labels_and_keeps_centroids_and_inertia(Problem problem)
    {
        var options = new KMeansOptions { K = problem.K, Init = KMeansInitialization.FromCentroids(problem.FirstRowsAsCentroids()) };
        int n = problem.Rows.Length;
        int[] order = Enumerable.Range(0, n).OrderBy(i => (i * 7919L) % n).ThenBy(i => i).Reverse().ToArray();
        double[][] permuted = order.Select(i => problem.Rows[i]).ToArray();

        ClusteringResult original = new KMeansClusterer(options).Fit(problem.Matrix);
        ClusteringResult shuffled = new KMeansClusterer(options).Fit(RandomData.Matrix(permuted));

        Assert.Equal(order.Select(i => original.Labels[i]).ToArray(), shuffled.Labels.ToArray());
        Assert.Equal(original.Inertia, shuffled.Inertia, (original.Inertia * 1e-9) + 1e-9);
        for (int k = 0; k < problem.K; k++)
        {
            for (int j = 0; j < problem.Rows[0].Length; j++)
            {
                // Float32 partial sums in another row order round differently, relative to the magnitude of the values
                // summed (a centroid near 0 can be a sum of large values), so the tolerance follows the feature's range.
                double magnitude = problem.Rows.Max(r => Math.Abs(r[j]));
                Assert.Equal(original.Centroids[k][j], shuffled.Centroids[k][j], 2e-6 * (1 + magnitude));
            }
        }
    }

    [Property(Arbitrary = [typeof(ClusteringGenerators)], MaxTest = 60)]
    public void Scaling_the_data_by_a_power_of_two_scales_centroids_and_inertia_exactly(Problem problem)
    {
        const double factor = 8;
        var options = new KMeansOptions { K = problem.K, Seed = problem.Seed };
        double[][] scaled = problem.Rows.Select(r => r.Select(v => (double)((float)v * (float)factor)).ToArray()).ToArray();

        ClusteringResult original = new KMeansClusterer(options).Fit(problem.Matrix);
        ClusteringResult bigger = new KMeansClusterer(options).Fit(RandomData.Matrix(scaled));

        Assert.Equal(original.Labels.ToArray(), bigger.Labels.ToArray());
        Assert.Equal(original.Inertia * factor * factor, bigger.Inertia, (bigger.Inertia * 1e-12) + 1e-12);
        for (int k = 0; k < problem.K; k++)
        {
            Assert.Equal(original.Centroids[k].Select(c => c * factor).ToArray(), bigger.Centroids[k].ToArray());
        }
    }

    [Property(Arbitrary = [typeof(ClusteringGenerators)], MaxTest = 60)]
    public void Translating_the_data_translates_the_centroids(Problem problem)
    {
        const double shift = 100;
        var init = problem.FirstRowsAsCentroids();
        var shiftedInit = (double[,])init.Clone();
        for (int k = 0; k < init.GetLength(0); k++)
        {
            for (int j = 0; j < init.GetLength(1); j++)
            {
                shiftedInit[k, j] = (float)(init[k, j] + shift);
            }
        }

        double[][] moved = problem.Rows.Select(r => r.Select(v => v + shift).ToArray()).ToArray();
        ClusteringResult original = new KMeansClusterer(new KMeansOptions { K = problem.K, Init = KMeansInitialization.FromCentroids(init) }).Fit(problem.Matrix);
        ClusteringResult translated = new KMeansClusterer(new KMeansOptions { K = problem.K, Init = KMeansInitialization.FromCentroids(shiftedInit) }).Fit(RandomData.Matrix(moved));

        Assert.Equal(original.Labels.ToArray(), translated.Labels.ToArray());
        Assert.Equal(original.Inertia, translated.Inertia, (original.Inertia * 1e-4) + 1e-3);
        for (int k = 0; k < problem.K; k++)
        {
            for (int j = 0; j < problem.Rows[0].Length; j++)
            {
                Assert.Equal(original.Centroids[k][j] + shift, translated.Centroids[k][j], 1e-3);
            }
        }
    }

    /// <summary>The interleaved tallies give every cluster's size: the count of its labels, whatever the length (multiples of four or not).</summary>
    [Property(MaxTest = 200)]
    public void Cluster_sizes_count_each_clusters_labels(PositiveInt k, int[] seeds)
    {
        int clusters = 1 + (k.Get % 12);
        int[] labels = [.. seeds.Select(s => (int)((uint)s % (uint)clusters))];

        int[] sizes = NearestCentroid.ClusterSizes(labels, clusters);

        Assert.Equal(Enumerable.Range(0, clusters).Select(c => labels.Count(l => l == c)), sizes);
    }
}
