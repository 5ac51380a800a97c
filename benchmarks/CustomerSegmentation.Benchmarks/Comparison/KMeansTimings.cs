using CustomerSegmentation.Benchmarks.Datasets;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Benchmarks.Comparison;

/// <summary>One timed measure: the median milliseconds, the runs it is the median of, and what the fits reported.</summary>
internal readonly record struct KMeansTiming(double Milliseconds, int Runs, double? Inertia, int? Iterations);

/// <summary>
/// The two k-means measures shared by the <c>compare</c> and <c>scaling</c> verbs, defined as
/// benchmarks/compare/compare_sklearn.py defines scikit-learn's.
/// </summary>
internal static class KMeansTimings
{
    /// <summary>Iterations timed by the per-iteration measure (after a first one that is subtracted).</summary>
    public const int TimedIterations = 20;

    /// <summary>
    /// One Lloyd iteration, the way scikit-learn's is measured: (fit with 1 + 20 iterations - fit with 1) / 20, from the
    /// first K rows as centres, tolerance 0 (the fixed costs of a fit cancel out). Each fit is timed 2 x
    /// <paramref name="runs"/> times; the time is null when the longer fit stopped as early as the short one.
    /// </summary>
    public static (KMeansTiming Iteration, KMeansTiming OneIterationFit) LloydIteration(
        FeatureMatrix data, int clusters, int threads, int runs, TimeSpan budget)
    {
        double[,] firstRows = SyntheticFeatures.FirstRows(data, clusters);
        KMeansOptions Fixed(int iterations) => new()
        {
            K = clusters, Init = KMeansInitialization.FromCentroids(firstRows), MaxIterations = iterations, Tolerance = 0, MaxDegreeOfParallelism = threads,
        };
        var (one, oneResult, oneRuns) = MedianTimer.MeasureWithin(2 * runs, budget, () => new KMeansClusterer(Fixed(1)).Fit(data));
        var (many, manyResult, manyRuns) = MedianTimer.MeasureWithin(2 * runs, budget, () => new KMeansClusterer(Fixed(1 + TimedIterations)).Fit(data));
        int iterations = manyResult.Iterations - oneResult.Iterations;
        return (
            new KMeansTiming(iterations > 0 ? (many - one) / iterations : double.NaN, Math.Min(oneRuns, manyRuns), null, iterations),
            new KMeansTiming(one, oneRuns, oneResult.Inertia, oneResult.Iterations));
    }

    /// <summary>
    /// An elbow sweep as a user runs it by hand: plain default fits (greedy k-means++, tol 1e-4, max 300 iterations, one
    /// start, <paramref name="seed"/>) for K = 1..<paramref name="maxK"/>; the inertias and iterations are summed.
    /// </summary>
    public static KMeansTiming ElbowSweep(FeatureMatrix data, int maxK, int seed, int threads, int runs, TimeSpan budget)
    {
        int sweepIterations = 0;
        double sweepInertia = 0;
        var (sweep, _, timed) = MedianTimer.MeasureWithin(runs, budget, () =>
        {
            sweepIterations = 0;
            sweepInertia = 0;
            for (int k = 1; k <= maxK; k++)
            {
                ClusteringResult result = new KMeansClusterer(new KMeansOptions { K = k, Seed = seed, MaxDegreeOfParallelism = threads }).Fit(data);
                sweepIterations += result.Iterations;
                sweepInertia += result.Inertia;
            }

            return sweepInertia;
        });
        return new KMeansTiming(sweep, timed, sweepInertia, sweepIterations);
    }
}
