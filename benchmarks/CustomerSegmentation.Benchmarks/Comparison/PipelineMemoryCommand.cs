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

        // The resident set sampled every 20 ms, its peak kept per pipeline stage (from the pipeline's progress reports).
        var peaks = new Dictionary<string, long>();
        string stage = "Starting";
        using var sampled = new CancellationTokenSource();
        using var self = Process.GetCurrentProcess();
        var sampler = Task.Run(async () =>
        {
            while (!sampled.IsCancellationRequested)
            {
                self.Refresh();
                lock (peaks)
                {
                    peaks[stage] = Math.Max(peaks.GetValueOrDefault(stage), self.WorkingSet64);
                }

                await Task.Delay(20).ConfigureAwait(false);
            }
        });
        var allocated = new Dictionary<string, long>();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var stages = new SynchronousProgress(p =>
        {
            lock (peaks)
            {
                if (p.Stage != stage)
                {
                    long now = GC.GetTotalAllocatedBytes(precise: true);
                    allocated[stage] = allocated.GetValueOrDefault(stage) + now - allocatedBefore;
                    allocatedBefore = now;
                }

                stage = p.Stage;
            }
        });

        var stopwatch = Stopwatch.StartNew();
        SegmentationResult result = SegmentationPipeline
            .FromCsv(path, new CustomerCsvOptions { IdColumn = DataCompareCommand.IdColumn, MaxDegreeOfParallelism = threads })
            .WithFeatures(features)
            .WithK(k)
            .WithSeed(1)
            .WithMaxDegreeOfParallelism(threads)
            .WithProgress(stages)
            .Run();
        double seconds = stopwatch.Elapsed.TotalSeconds;
        sampled.Cancel();
        allocated[stage] = allocated.GetValueOrDefault(stage) + GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        sampler.Wait();
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
            ["allocated_mb_by_stage"] = allocated.ToDictionary(p => p.Key, p => Math.Round(p.Value / 1048576.0, 1)),
            ["peak_rss_mb_by_stage"] = peaks.ToDictionary(p => p.Key, p => Math.Round(p.Value / 1048576.0, 1)),
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

    /// <summary>Reports on the pipeline's thread (Progress&lt;T&gt; would post to the thread pool, late).</summary>
    private sealed class SynchronousProgress(Action<SegmentationProgress> report) : IProgress<SegmentationProgress>
    {
        public void Report(SegmentationProgress value) => report(value);
    }
}
