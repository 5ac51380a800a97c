using System.Globalization;
using System.Text.Json;
using CustomerSegmentation.Benchmarks.Clustering;
using CustomerSegmentation.Benchmarks.Datasets;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;
using CustomerSegmentation.Selection;
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
    /// <summary>Writes one measurement as a JSON line.</summary>
    private delegate void Emitter(string implementation, string measure, double milliseconds, double? inertia = null, int? iterations = null, string? note = null);

    private const string Usage =
        "compare [--rows 1000000] [--features 3] [--k 8] [--threads 2] [--runs 5] [--sweep-runs 3] [--seed 1] " +
        "[--data data.npy] [--mall Mall_Customers.csv] [--out results.jsonl] [--no-mlnet]";

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

        void Emit(string implementation, string measure, double milliseconds, double? inertia = null, int? iterations = null, string? note = null)
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
                ["note"] = note,
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

    private static void TimeOurs(FeatureMatrix data, int clusters, int threads, int runs, int sweepRuns, int seed, Emitter emit)
    {
        var (iteration, oneIteration) = KMeansTimings.LloydIteration(data, clusters, threads, runs, Timeout.InfiniteTimeSpan);
        emit("ours", "lloyd_iteration", iteration.Milliseconds, null, iteration.Iterations);
        emit("ours", "fit_1_iteration", oneIteration.Milliseconds, oneIteration.Inertia, oneIteration.Iterations);

        // The same iteration body timed directly (no fit around it): the figure of LloydIterationBenchmarks.
        var body = LloydIteration.FromFirstRows(new KMeansInput(data, ReadOnlySpan<double>.Empty, threads, VectorWidths.Best), clusters);
        emit("ours", "lloyd_iteration_body", MedianTimer.Measure(runs * 4, body.Run).Milliseconds, null, null);

        // Greedy k-means++ with 2 + floor(ln K) local trials, including the data preparation a fit does first.
        KMeansInitialization init = KMeansInitialization.KMeansPlusPlus();
        emit("ours", "kmeanspp_init", MedianTimer.Measure(runs, () => init.Choose(
            new KMeansInput(data, ReadOnlySpan<double>.Empty, threads, VectorWidths.Best), clusters, new Xoshiro256StarStar(seed), CancellationToken.None)).Milliseconds, null, null);

        var (fit, fitResult) = MedianTimer.Measure(runs, () => new KMeansClusterer(new KMeansOptions { K = clusters, Seed = seed, MaxDegreeOfParallelism = threads }).Fit(data));
        emit("ours", "fit_default", fit, fitResult.Inertia, fitResult.Iterations);

        var (budget, budgetResult) = MedianTimer.Measure(runs, () => new KMeansClusterer(
            new KMeansOptions { K = clusters, Seed = seed, MaxIterations = FitBudget, Tolerance = 0, MaxDegreeOfParallelism = threads }).Fit(data));
        emit("ours", "fit_20_iterations", budget, budgetResult.Inertia, budgetResult.Iterations);

        // Issue 12's condition on the whole fit: equal or lower median inertia over seeds than ML.NET's.
        double[] seededInertias = Enumerable.Range(seed, InertiaSeeds).Select(s => new KMeansClusterer(
            new KMeansOptions { K = clusters, Seed = s, MaxIterations = FitBudget, Tolerance = 0, MaxDegreeOfParallelism = threads }).Fit(data).Inertia).ToArray();
        emit("ours", "fit_20_iterations_seeds", 0, Median(seededInertias), FitBudget, $"seeds {seed}..{seed + InertiaSeeds - 1}");

        KMeansTiming sweep = KMeansTimings.ElbowSweep(data, ElbowSweepBenchmarks.MaxK, seed, threads, sweepRuns, Timeout.InfiniteTimeSpan);
        emit("ours", "elbow_1_10", sweep.Milliseconds, sweep.Inertia, sweep.Iterations);

        // What the pipeline runs: ElbowSelector over K = 1..10, one start per K as in scikit-learn's sweep, with the
        // silhouette, Calinski-Harabasz and Davies-Bouldin of every K, on the coreset (opt in); then once the default
        // sweep on every row, to check the coreset's curve (the worst excess of its inertia over the exact one) and its K.
        var sweepOptions = new ElbowOptions { MaxK = ElbowSweepBenchmarks.MaxK, Seed = seed, MaxDegreeOfParallelism = threads, Coreset = SweepCoreset.On };
        ClustererFactory oneStart = KMeansClusterer.Factory(new KMeansOptions { NInit = 1 });
        var (pipeline, chosen) = MedianTimer.Measure(sweepRuns, () => new ElbowSelector(sweepOptions, oneStart).Select(data));
        emit("ours", "pipeline_sweep", pipeline, chosen.Curve.Sum(p => p.Inertia), chosen.Curve.Sum(p => p.Iterations),
            chosen.CoresetSize is int size ? $"coreset of {size:N0} rows, chosen K = {chosen.ChosenK}" : $"every row, chosen K = {chosen.ChosenK}");
        var (exactMs, exact) = MedianTimer.Measure(1, () => new ElbowSelector(sweepOptions with { Coreset = SweepCoreset.Off }, oneStart).Select(data));
        double worst = exact.Curve.Zip(chosen.Curve).Max(pair => (pair.Second.Inertia / pair.First.Inertia) - 1);
        emit("ours", "pipeline_sweep_exact", exactMs, exact.Curve.Sum(p => p.Inertia), exact.Curve.Sum(p => p.Iterations), string.Create(
            CultureInfo.InvariantCulture,
            $"chosen K = {exact.ChosenK} ({(exact.ChosenK == chosen.ChosenK ? "the same as" : "NOT the same as")} the coreset sweep's); the coreset curve's largest excess over this one: {worst * 100:F2}%"));
    }

    private static void TimeMall(string path, int threads, int runs, Emitter emit)
    {
        FeatureMatrix mall = CustomerCsv.Read(path, ["Age", "Annual Income (k$)", "Spending Score (1-100)"]).Features;
        var (sweep, inertia) = MedianTimer.Measure(runs, () => ElbowSweepBenchmarks.Sweep(mall, VectorWidths.Best, restarts: 10, maxDegreeOfParallelism: threads));
        emit("ours", "mall_elbow_1_10_ninit10", sweep, inertia, null);
    }

    private static void TimeMlNet(FeatureMatrix data, int clusters, int threads, int runs, int seed, Emitter emit)
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

        // Fits from one context seeded with a fresh seed each (ML.NET draws its k-means++ from the context's generator).
        double[] seededInertias = Enumerable.Range(seed, InertiaSeeds)
            .Select(s => MlNetKMeans.Inertia(data, new MlNetKMeans(data, s).Fit(clusters, FitBudget, threads, KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus)))
            .ToArray();
        emit("mlnet", "fit_20_iterations_seeds", 0, Median(seededInertias), FitBudget, $"seeds {seed}..{seed + InertiaSeeds - 1}");
    }

    /// <summary>How many seeds the whole fit's inertia is compared over (issue 12: median inertia over seeds).</summary>
    private const int InertiaSeeds = 5;

    private static double Median(double[] values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>
    /// Reads <c>--name value</c> pairs (and the <c>--no-mlnet</c> flag); errors name <paramref name="verb"/>. When
    /// <paramref name="known"/> is given, any other name is an error.
    /// </summary>
    internal static Dictionary<string, string> Parse(string[] args, string verb = "compare", IReadOnlyCollection<string>? known = null)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"{verb}: unexpected argument '{arg}'.");
            }

            string name = arg[2..];
            if (known is not null && !known.Contains(name))
            {
                throw new ArgumentException($"{verb}: unknown option '{arg}'; the options are --{string.Join(", --", known)}.");
            }

            if (name is "no-mlnet" or "write-only")
            {
                options[name] = "true";
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{verb}: '{arg}' needs a value.");
            }

            options[name] = args[++i];
        }

        return options;
    }

    /// <summary>The positive integer option <paramref name="name"/>, or <paramref name="fallback"/> when it is absent.</summary>
    internal static int Int(Dictionary<string, string> options, string name, int fallback, string verb = "compare")
    {
        if (!options.TryGetValue(name, out string? text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw new ArgumentException($"{verb}: --{name} is '{text}'; give a positive integer.");
    }
}
