using CustomerSegmentation.Clustering;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;
using MathNet.Numerics.Random;

namespace CustomerSegmentation.Tests.Clustering;

/// <summary>Restarts reuse the losing run's labels and k-means++'s scratch; the fit must equal restarts run apart.</summary>
public sealed class RestartBufferTests
{
    [Theory]
    [InlineData(7, 5)]
    [InlineData(11, 8)]
    public void A_fit_with_restarts_equals_the_best_of_its_restarts_each_run_on_fresh_arrays(int seed, int restarts)
    {
        FeatureMatrix data = RandomData.Matrix(RandomData.Blobs(20_000, 3, 6, seed: seed, spread: 3));
        var options = new KMeansOptions { K = 6, Seed = seed, NInit = restarts, MaxDegreeOfParallelism = 2 };

        ClusteringResult fit = new KMeansClusterer(options).Fit(data);

        // The same seeds, each restart on its own input (so nothing is shared), the lowest inertia kept (first on ties).
        var master = new Xoshiro256StarStar(seed);
        int[] seeds = Enumerable.Range(0, restarts).Select(_ => master.Next()).ToArray();
        LloydOutcome? best = null;
        var inertias = new HashSet<double>();
        foreach (int restartSeed in seeds)
        {
            var input = new KMeansInput(data, ReadOnlySpan<double>.Empty, 2, VectorWidths.Best);
            double[] initial = options.Init.Choose(input, 6, new Xoshiro256StarStar(restartSeed), CancellationToken.None);
            LloydOutcome outcome = LloydRun.Execute(input, 6, options.MaxIterations, options.Tolerance, initial, CancellationToken.None);
            inertias.Add(outcome.Inertia);
            if (best is null || outcome.Inertia < best.Inertia)
            {
                best = outcome;
            }
        }

        Assert.True(inertias.Count > 1, "every restart found the same inertia; the data does not tell the restarts apart");
        Assert.Equal(best!.Labels, fit.Labels.ToArray());
        Assert.Equal(best.Iterations, fit.Iterations);
    }
}
