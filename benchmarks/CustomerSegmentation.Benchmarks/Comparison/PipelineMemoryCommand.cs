using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CustomerSegmentation.Data;
using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Benchmarks.Comparison;

/// <summary>
/// The <c>pipeline-memory</c> verb: the whole pipeline with a fixed K on the customer CSV of <c>compare-data</c>
/// (written first when missing, by a separate process so that writing it leaves no trace in this one), and one JSON
/// line with the elapsed time and the process's peak resident set (Linux's VmHWM, what
/// <see cref="Process.PeakWorkingSet64"/> reports). BenchmarkDotNet measures allocations, not a peak RSS, and the
/// peak is only meaningful in a fresh process, so this runs once per process.
/// </summary>
internal static class PipelineMemoryCommand
{
    private const string Usage = "pipeline-memory [--rows 10000000] [--k 8] [--threads -1] [--dir .] [--out results.jsonl]";

    public static int Run(string[] args)
    {
        Dictionary<string, string> options;
        int rows, k, threads;
        try
        {
            options = CompareCommand.Parse(args, "pipeline-memory", ["rows", "k", "threads", "dir", "out"]);
            rows = Int(options, "rows", 10_000_000);
            k = Int(options, "k", 8);
            threads = Int(options, "threads", -1);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine($"usage: {Usage}");
            return 2;
        }

        string dir = options.GetValueOrDefault("dir", ".");
        string path = Path.Combine(dir, $"customers_{rows}.csv");
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"{path} is missing: run `compare-data --rows {rows} --dir {dir} --write-only` first (in its own process).");
            return 2;
        }

        string[] features;
        using (var header = new StreamReader(path))
        {
            features = [.. (header.ReadLine() ?? "").Split(',').Where(name => name != DataCompareCommand.IdColumn)];
        }

        var stopwatch = Stopwatch.StartNew();
        SegmentationResult result = SegmentationPipeline
            .FromCsv(path, new CustomerCsvOptions { IdColumn = DataCompareCommand.IdColumn, MaxDegreeOfParallelism = threads })
            .WithFeatures(features)
            .WithK(k)
            .WithSeed(1)
            .WithMaxDegreeOfParallelism(threads)
            .Run();
        double seconds = stopwatch.Elapsed.TotalSeconds;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        string line = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["impl"] = "ours",
            ["measure"] = "pipeline_fixed_k_csv",
            ["rows"] = rows,
            ["k"] = k,
            ["threads"] = threads == -1 ? Environment.ProcessorCount : threads,
            ["seconds"] = Math.Round(seconds, 2),
            ["peak_rss_mb"] = Math.Round(self.PeakWorkingSet64 / 1048576.0, 1),
            ["file_mb"] = Math.Round(new FileInfo(path).Length / 1048576.0, 1),
            ["gc_heap_mb"] = Math.Round(GC.GetTotalMemory(false) / 1048576.0, 1),
            ["segments"] = result.Profiles.Length,
        });
        Console.WriteLine(line);
        if (options.TryGetValue("out", out string? output))
        {
            File.AppendAllText(output, line + "\n");
        }

        GC.KeepAlive(result);
        return 0;
    }

    private static int Int(Dictionary<string, string> options, string name, int fallback)
        => options.TryGetValue(name, out string? text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
