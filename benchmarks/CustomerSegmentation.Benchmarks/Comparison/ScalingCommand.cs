using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using CustomerSegmentation.Benchmarks.Datasets;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Benchmarks.Comparison;

/// <summary>One point of the scaling grid: the axis it lies on and the shape of its data and model.</summary>
/// <param name="Axis">"n", "k" or "d": the quantity that varies along the axis.</param>
/// <param name="Rows">N, the number of rows.</param>
/// <param name="Features">d, the number of features.</param>
/// <param name="Clusters">K, the number of clusters of the per-iteration measure.</param>
internal sealed record ScalingPoint(string Axis, int Rows, int Features, int Clusters)
{
    /// <summary>The largest K of the elbow sweep: K = 1..10, except along the K axis, where the sweep runs K = 1..<see cref="Clusters"/>.</summary>
    public int SweepMaxK => Axis == "k" ? Clusters : ScalingCommand.SweepMaxK;
}

/// <summary>
/// The <c>scaling</c> verb: times one Lloyd iteration and one elbow sweep of this library along three axes (N at d = 3,
/// K = 8; K at N = 1M, d = 3; d at N = 1M, K = 8), writes each dataset as a .npy file that
/// benchmarks/compare/scaling.py times scikit-learn on, and prints one JSON object per measurement (see
/// benchmarks/README.md, "Scaling").
/// </summary>
internal static class ScalingCommand
{
    /// <summary>The largest K of the elbow sweep on the N and d axes.</summary>
    public const int SweepMaxK = 10;

    private const string Verb = "scaling";

    private const string Usage =
        "scaling [--max-rows 100000000] [--axes n,k,d] [--runs 3] [--threads 2] [--budget-seconds 60] [--seed 1] " +
        "[--data-dir folder-for-npy-files] [--out results.jsonl]";

    private static readonly int[] RowAxis = [1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];
    private static readonly int[] ClusterAxis = [2, 4, 8, 16, 32, 64];
    private static readonly int[] FeatureAxis = [2, 4, 8, 16, 32];
    private static readonly string[] Axes = ["n", "k", "d"];
    private static readonly string[] Options = ["max-rows", "axes", "runs", "threads", "budget-seconds", "seed", "data-dir", "out"];

    public static int Run(string[] args)
    {
        Dictionary<string, string> options;
        int maxRows, threads, runs, budgetSeconds, seed;
        string[] axes;
        try
        {
            options = CompareCommand.Parse(args, Verb, Options);
            maxRows = CompareCommand.Int(options, "max-rows", RowAxis[^1], Verb);
            threads = CompareCommand.Int(options, "threads", 2, Verb);
            runs = CompareCommand.Int(options, "runs", 3, Verb);
            budgetSeconds = CompareCommand.Int(options, "budget-seconds", 60, Verb);
            seed = CompareCommand.Int(options, "seed", 1, Verb);
            axes = ParseAxes(options.GetValueOrDefault("axes", string.Join(',', Axes)));
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine($"usage: {Usage}");
            return 2;
        }

        string folder = options.GetValueOrDefault("data-dir", Path.Combine(Path.GetTempPath(), "customer-segmentation-scaling"));
        Directory.CreateDirectory(folder);
        using TextWriter? output = options.TryGetValue("out", out string? outPath) ? new StreamWriter(outPath) : null;
        void Emit(Dictionary<string, object?> fields)
        {
            string line = JsonSerializer.Serialize(fields);
            Console.WriteLine(line);
            output?.WriteLine(line);
            output?.Flush();
        }

        Emit(new Dictionary<string, object?>
        {
            ["impl"] = "ours",
            ["measure"] = "environment",
            ["runtime"] = RuntimeInformation.FrameworkDescription,
            ["vector_width"] = (int)VectorWidths.Best,
            ["threads"] = threads,
            ["runs"] = runs,
            ["budget_seconds"] = budgetSeconds,
            ["max_rows"] = maxRows,
            ["seed"] = seed,
        });

        TimeSpan budget = TimeSpan.FromSeconds(budgetSeconds);
        var done = new Dictionary<(string Measure, int Rows, int Features, int Clusters), KMeansTiming>();
        foreach (IGrouping<(int Rows, int Features), ScalingPoint> dataset in Grid(axes, maxRows).GroupBy(p => (p.Rows, p.Features)))
        {
            var (rows, features) = dataset.Key;
            FeatureMatrix data = SyntheticFeatures.Generate(DataShape.Uniform, rows, features, seed);
            string path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"uniform_seed{seed}_{rows}x{features}.npy"));
            if (!File.Exists(path))
            {
                NpyFile.Write(path, data);
            }

            Console.Error.WriteLine($"scaling: N = {rows:N0}, d = {features} ({path})");
            foreach (ScalingPoint point in dataset)
            {
                foreach ((string measure, int clusters) in new[] { ("lloyd_iteration", point.Clusters), ("elbow_sweep", point.SweepMaxK) })
                {
                    if (!done.TryGetValue((measure, rows, features, clusters), out KMeansTiming timing))
                    {
                        timing = measure == "lloyd_iteration"
                            ? KMeansTimings.LloydIteration(data, clusters, threads, runs, budget).Iteration
                            : KMeansTimings.ElbowSweep(data, clusters, seed, threads, runs, budget);
                        done[(measure, rows, features, clusters)] = timing;
                    }

                    Emit(new Dictionary<string, object?>
                    {
                        ["impl"] = "ours",
                        ["axis"] = point.Axis,
                        ["measure"] = measure,
                        ["ms"] = double.IsFinite(timing.Milliseconds) ? Math.Round(timing.Milliseconds, 4) : null,
                        ["runs"] = timing.Runs,
                        ["rows"] = rows,
                        ["features"] = features,
                        ["k"] = clusters,
                        ["threads"] = threads,
                        ["inertia"] = timing.Inertia,
                        ["iterations"] = timing.Iterations,
                        ["data"] = Path.GetFullPath(path),
                    });
                }
            }
        }

        return 0;
    }

    /// <summary>The points of the chosen axes, in axis order; rows above <paramref name="maxRows"/> are left out of the N axis and cap the others' N = 1M.</summary>
    internal static IEnumerable<ScalingPoint> Grid(IReadOnlyCollection<string> axes, int maxRows)
    {
        int baseRows = Math.Min(1_000_000, maxRows);
        IEnumerable<ScalingPoint> points = [];
        if (axes.Contains("n"))
        {
            points = points.Concat(RowAxis.Where(n => n <= maxRows).Select(n => new ScalingPoint("n", n, 3, 8)));
        }

        if (axes.Contains("k"))
        {
            points = points.Concat(ClusterAxis.Select(k => new ScalingPoint("k", baseRows, 3, k)));
        }

        if (axes.Contains("d"))
        {
            points = points.Concat(FeatureAxis.Select(d => new ScalingPoint("d", baseRows, d, 8)));
        }

        return points.Where(p => p.Rows >= p.Clusters && p.Rows >= p.SweepMaxK);
    }

    private static string[] ParseAxes(string text)
    {
        string[] axes = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string[] unknown = [.. axes.Where(a => !Axes.Contains(a))];
        return unknown.Length == 0 && axes.Length > 0
            ? axes
            : throw new ArgumentException($"{Verb}: --axes is '{text}'; give a comma-separated list of n, k and d (e.g. --axes n,k).");
    }
}
