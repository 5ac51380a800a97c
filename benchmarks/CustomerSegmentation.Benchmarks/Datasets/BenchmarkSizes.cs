using System.Globalization;

namespace CustomerSegmentation.Benchmarks.Datasets;

/// <summary>
/// The parameter values of the suite, read from environment variables so that one command can shrink or grow the
/// cross product (the values are fixed when the benchmarks are built, and passed on to the benchmark processes):
/// <list type="bullet">
/// <item><c>CS_BENCH_SIZES</c>: <c>small</c> (N = 1K, 10K: CI's dry run), unset or <c>default</c> (1K, 10K, 100K, 1M),
/// <c>full</c> (adds 10M).</item>
/// <item><c>CS_BENCH_ROWS</c>, <c>CS_BENCH_FEATURES</c>, <c>CS_BENCH_CLUSTERS</c>: comma-separated lists that replace N, d
/// or K, e.g. <c>CS_BENCH_ROWS=1000,100000,1000000 CS_BENCH_FEATURES=3 CS_BENCH_CLUSTERS=8</c>.</item>
/// </list>
/// </summary>
public static class BenchmarkSizes
{
    /// <summary>The row counts (N).</summary>
    public static IEnumerable<int> Rows => List("CS_BENCH_ROWS") ?? Preset() switch
    {
        "small" => [1_000, 10_000],
        "full" => [1_000, 10_000, 100_000, 1_000_000, 10_000_000],
        _ => [1_000, 10_000, 100_000, 1_000_000],
    };

    /// <summary>The feature counts (d): 3 and 10.</summary>
    public static IEnumerable<int> Features => List("CS_BENCH_FEATURES") ?? [3, 10];

    /// <summary>The cluster counts (K): 4, 8 and 16.</summary>
    public static IEnumerable<int> Clusters => List("CS_BENCH_CLUSTERS") ?? [4, 8, 16];

    /// <summary>The data shapes of the fit benchmarks: both, or those listed in <c>CS_BENCH_SHAPES</c> (e.g. <c>uniform</c>).</summary>
    public static IEnumerable<DataShape> Shapes
    {
        get
        {
            string? value = Environment.GetEnvironmentVariable("CS_BENCH_SHAPES");
            if (string.IsNullOrWhiteSpace(value))
            {
                return [DataShape.Uniform, DataShape.Blobs];
            }

            return value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(item => Enum.TryParse(item, ignoreCase: true, out DataShape shape)
                    ? shape
                    : throw new InvalidOperationException($"CS_BENCH_SHAPES holds '{item}'; use uniform and/or blobs."))
                .ToArray();
        }
    }

    /// <summary>The row count of the stability and gap benchmarks: 100K, or 1K under <c>CS_BENCH_SIZES=small</c>; <c>CS_BENCH_ROWS</c> replaces it.</summary>
    public static IEnumerable<int> ResamplingRows => List("CS_BENCH_ROWS") ?? (Preset() == "small" ? [1_000] : [100_000]);

    /// <summary>The row count of the memory benchmark: 10M, or 10K under <c>CS_BENCH_SIZES=small</c>.</summary>
    public static IEnumerable<int> LargeRows => Preset() == "small" ? [10_000] : [10_000_000];

    private static string Preset()
    {
        string value = (Environment.GetEnvironmentVariable("CS_BENCH_SIZES") ?? "default").Trim().ToLowerInvariant();
        return value is "small" or "default" or "full"
            ? value
            : throw new InvalidOperationException($"CS_BENCH_SIZES is '{value}'; use small, default or full.");
    }

    private static int[]? List(string variable)
    {
        string? value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(item => int.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0
                ? n
                : throw new InvalidOperationException($"{variable} holds '{item}'; give positive integers separated by commas."))
            .ToArray();
    }
}
