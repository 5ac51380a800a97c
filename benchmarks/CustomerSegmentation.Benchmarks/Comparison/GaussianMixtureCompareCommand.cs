using System.Text.Json;
using CustomerSegmentation.Benchmarks.Datasets;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Benchmarks.Comparison;

/// <summary>
/// The <c>compare-gmm</c> verb: times one EM iteration of <see cref="GaussianMixtureClusterer"/> for full and
/// diagonal covariance on blob data read from (or generated into) a .npy file that benchmarks/compare/compare_gmm.py
/// reads too, and prints one JSON object per covariance. The per-iteration time is measured as scikit-learn's is:
/// (a fit of 21 EM iterations - a fit of 1) / 20, tolerance 0, one initialisation, medians of several runs.
/// </summary>
internal static class GaussianMixtureCompareCommand
{
    private const string Usage = "compare-gmm [--rows 1000000] [--k 5] [--threads 2] [--runs 5] [--seed 1] [--data data.npy] [--out results.jsonl]";

    private const int TimedIterations = 20;

    public static int Run(string[] args)
    {
        Dictionary<string, string> options;
        int rows, clusters, threads, runs, seed;
        try
        {
            options = CompareCommand.Parse(args);
            rows = CompareCommand.Int(options, "rows", 1_000_000);
            clusters = CompareCommand.Int(options, "k", 5);
            threads = CompareCommand.Int(options, "threads", 2);
            runs = CompareCommand.Int(options, "runs", 5);
            seed = CompareCommand.Int(options, "seed", 1);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine($"usage: {Usage}");
            return 2;
        }

        string? path = options.GetValueOrDefault("data");
        FeatureMatrix data;
        if (path is not null && File.Exists(path))
        {
            data = NpyFile.Read(path);
        }
        else
        {
            data = SyntheticFeatures.Generate(DataShape.Blobs, rows, 3, seed);
            if (path is not null)
            {
                NpyFile.Write(path, data);
                Console.Error.WriteLine($"wrote {rows} x 3 blob float32 rows (seed {seed}) to {path}");
            }
        }

        using TextWriter? output = options.TryGetValue("out", out string? outPath) ? new StreamWriter(outPath) : null;
        foreach (GaussianCovariance covariance in new[] { GaussianCovariance.Full, GaussianCovariance.Diagonal })
        {
            ClusteringResult Fit(int iterations) => new GaussianMixtureClusterer(new GaussianMixtureOptions
            {
                K = clusters,
                Covariance = covariance,
                MaxIterations = iterations,
                Tolerance = 0,
                Seed = seed,
                MaxDegreeOfParallelism = threads,
            }).Fit(data);

            (double oneMs, _) = MedianTimer.Measure(2 * runs, () => Fit(1));
            (double manyMs, ClusteringResult many) = MedianTimer.Measure(2 * runs, () => Fit(1 + TimedIterations));
            string line = JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["impl"] = "ours",
                ["covariance"] = covariance == GaussianCovariance.Full ? "full" : "diag",
                ["ms_per_iteration"] = Math.Round((manyMs - oneMs) / TimedIterations, 4),
                ["fit_1_iteration_ms"] = Math.Round(oneMs, 3),
                ["mean_log_likelihood"] = ((GaussianMixtureModel)many.Model).MeanLogLikelihood,
                ["rows"] = data.RowCount,
                ["k"] = clusters,
                ["threads"] = threads,
            });
            Console.WriteLine(line);
            output?.WriteLine(line);
        }

        return 0;
    }
}
