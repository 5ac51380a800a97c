using System.Globalization;
using System.Text.Json;
using CustomerSegmentation.Benchmarks.Clustering;
using CustomerSegmentation.Benchmarks.Datasets;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;
using Microsoft.ML.Trainers;
using MathNet.Numerics.Random;

namespace CustomerSegmentation.Benchmarks.Comparison;

/// <summary>
/// The <c>compare</c> verb: times this library and ML.NET's KMeansTrainer on one dataset (read from, or generated into,
/// a .npy file that the scikit-learn script reads too) and prints one JSON object per measurement. Each time is the
/// median of several runs after a warm-up. See benchmarks/README.md for what each measure holds.
/// </summary>
internal static class CompareCommand
{
    private const string Usage =
        "compare [--rows 1000000] [--features 3] [--k 8] [--threads 2] [--runs 5] [--sweep-runs 3] [--seed 1] " +
        "[--data data.npy] [--mall Mall_Customers.csv] [--out results.jsonl] [--no-mlnet]";

    /// <summary>Iterations timed by the per-iteration measure (after a first one that is subtracted).</summary>
    private const int TimedIterations = 20;

    /// <summary>The iteration budget of the whole-fit comparison with ML.NET.</summary>
    private const int FitBudget = 20;

    public static int Run(string[] args)
    {
        Dictionary<string, string> options;
        int rows, features, clusters, threads, runs, sweepRuns, seed;
        try
        {
            options = Parse(args);
            rows = Int(options, "rows", 1_000_000);
            features = Int(options, "features", 3);
            clusters = Int(options, "k", 8);
            threads = Int(options, "threads", 2);
            runs = Int(options, "runs", 5);
            sweepRuns = Int(options, "sweep-runs", 3);
            seed = Int(options, "seed", 1);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine($"usage: {Usage}");
            return 2;
        }

        string? path = options.GetValueOrDefault("data");
        using TextWriter? output = options.TryGetValue("out", out string? outPath) ? new StreamWriter(outPath) : null;

        FeatureMatrix data;
        if (path is not null && File.Exists(path))
        {
            data = NpyFile.Read(path);
            Console.Error.WriteLine($"read {data.RowCount} x {data.FeatureCount} from {path}");
        }
        else
        {
            data = SyntheticFeatures.Generate(DataShape.Uniform, rows, features, seed);
            if (path is not null)
            {
                NpyFile.Write(path, data);
                Console.Error.WriteLine($"wrote {rows} x {features} uniform float32 rows (seed {seed}) to {path}");
            }
        }

        void Emit(string implementation, string measure, double milliseconds, double? inertia = null, int? iterations = null)
        {
            string line = JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["impl"] = implementation,
                ["measure"] = measure,
                ["ms"] = Math.Round(milliseconds, 4),
                ["inertia"] = inertia,
                ["iterations"] = iterations,
                ["rows"] = data.RowCount,
                ["features"] = data.FeatureCount,
                ["k"] = clusters,
                ["threads"] = threads,
            });
            Console.WriteLine(line);
            output?.WriteLine(line);
            output?.Flush();
        }

        Emit("ours", "vector_width", (int)VectorWidths.Best);
        TimeOurs(data, clusters, threads, runs, sweepRuns, seed, Emit);
        if (options.TryGetValue("mall", out string? mall))
        {
            TimeMall(mall, threads, runs, Emit);
        }

        if (!options.ContainsKey("no-mlnet"))
        {
            TimeMlNet(data, clusters, threads, runs, seed, Emit);
        }

        return 0;
    }

    private static void TimeOurs(FeatureMatrix data, int clusters, int threads, int runs, int sweepRuns, int seed, Action<string, string, double, double?, int?> emit)
    {
        // One Lloyd iteration, the way scikit-learn's is measured: (fit with 1 + 20 iterations - fit with 1) / 20, from
        // the first K rows as centres, tolerance 0 (the fixed costs of a fit cancel out).
        double[,] firstRows = SyntheticFeatures.FirstRows(data, clusters);
        KMeansOptions Fixed(int iterations) => new()
        {
            K = clusters, Init = KMeansInitialization.FromCentroids(firstRows), MaxIterations = iterations, Tolerance = 0, MaxDegreeOfParallelism = threads,
        };
        var (one, oneResult) = MedianTimer.Measure(2 * runs, () => new KMeansClusterer(Fixed(1)).Fit(data));
        var (many, manyResult) = MedianTimer.Measure(2 * runs, () => new KMeansClusterer(Fixed(1 + TimedIterations)).Fit(data));
        emit("ours", "lloyd_iteration", (many - one) / (manyResult.Iterations - oneResult.Iterations), null, manyResult.Iterations - oneResult.Iterations);
        emit("ours", "fit_1_iteration", one, oneResult.Inertia, oneResult.Iterations);

        // The same iteration body timed directly (no fit around it): the figure of LloydIterationBenchmarks.
        var iteration = LloydIteration.FromFirstRows(new KMeansInput(data, ReadOnlySpan<double>.Empty, threads, VectorWidths.Best), clusters);
        emit("ours", "lloyd_iteration_body", MedianTimer.Measure(runs * 4, iteration.Run).Milliseconds, null, null);

        // Greedy k-means++ with 2 + floor(ln K) local trials, including the data preparation a fit does first.
        KMeansInitialization init = KMeansInitialization.KMeansPlusPlus();
        emit("ours", "kmeanspp_init", MedianTimer.Measure(runs, () => init.Choose(
            new KMeansInput(data, ReadOnlySpan<double>.Empty, threads, VectorWidths.Best), clusters, new Xoshiro256StarStar(seed), CancellationToken.None)).Milliseconds, null, null);

        var (fit, fitResult) = MedianTimer.Measure(runs, () => new KMeansClusterer(new KMeansOptions { K = clusters, Seed = seed, MaxDegreeOfParallelism = threads }).Fit(data));
        emit("ours", "fit_default", fit, fitResult.Inertia, fitResult.Iterations);

        var (budget, budgetResult) = MedianTimer.Measure(runs, () => new KMeansClusterer(
            new KMeansOptions { K = clusters, Seed = seed, MaxIterations = FitBudget, Tolerance = 0, MaxDegreeOfParallelism = threads }).Fit(data));
        emit("ours", "fit_20_iterations", budget, budgetResult.Inertia, budgetResult.Iterations);

        int sweepIterations = 0;
        double sweepInertia = 0;
        var (sweep, _) = MedianTimer.Measure(sweepRuns, () =>
        {
            sweepIterations = 0;
            sweepInertia = 0;
            for (int k = 1; k <= ElbowSweepBenchmarks.MaxK; k++)
            {
                ClusteringResult result = new KMeansClusterer(new KMeansOptions { K = k, Seed = seed, MaxDegreeOfParallelism = threads }).Fit(data);
                sweepIterations += result.Iterations;
                sweepInertia += result.Inertia;
            }

            return sweepInertia;
        });
        emit("ours", "elbow_1_10", sweep, sweepInertia, sweepIterations);
    }

    private static void TimeMall(string path, int threads, int runs, Action<string, string, double, double?, int?> emit)
    {
        FeatureMatrix mall = CustomerCsv.Read(path, ["Age", "Annual Income (k$)", "Spending Score (1-100)"]).Features;
        var (sweep, inertia) = MedianTimer.Measure(runs, () => ElbowSweepBenchmarks.Sweep(mall, VectorWidths.Best, restarts: 10, maxDegreeOfParallelism: threads));
        emit("ours", "mall_elbow_1_10_ninit10", sweep, inertia, null);
    }

    private static void TimeMlNet(FeatureMatrix data, int clusters, int threads, int runs, int seed, Action<string, string, double, double?, int?> emit)
    {
        var mlnet = new MlNetKMeans(data, seed);
        foreach ((string measure, KMeansTrainer.InitializationAlgorithm initialization) in new[]
        {
            ("fit_20_iterations", KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus),
            ("fit_20_iterations_default_init", KMeansTrainer.InitializationAlgorithm.KMeansYinyang),
        })
        {
            var (time, centroids) = MedianTimer.Measure(runs, () => mlnet.Fit(clusters, FitBudget, threads, initialization));
            emit("mlnet", measure, time, MlNetKMeans.Inertia(data, centroids), FitBudget);
        }
    }

    internal static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"compare: unexpected argument '{arg}'.");
            }

            string name = arg[2..];
            if (name is "no-mlnet" or "write-only")
            {
                options[name] = "true";
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"compare: '{arg}' needs a value.");
            }

            options[name] = args[++i];
        }

        return options;
    }

    internal static int Int(Dictionary<string, string> options, string name, int fallback)
    {
        if (!options.TryGetValue(name, out string? text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw new ArgumentException($"compare: --{name} is '{text}'; give a positive integer.");
    }
}
