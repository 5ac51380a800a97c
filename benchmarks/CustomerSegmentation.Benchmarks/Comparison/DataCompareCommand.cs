using System.Globalization;
using System.Text;
using System.Text.Json;
using CustomerSegmentation.Benchmarks.Datasets;
using CustomerSegmentation.Data;
using CustomerSegmentation.DemoData;
using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Benchmarks.Comparison;

/// <summary>
/// The <c>compare-data</c> verb: writes the customer CSV of <see cref="Data.CsvLoadBenchmarks"/> (an id and 3 uniform
/// float features, seed 1) and the transaction CSV of <see cref="Loyalty.RfmBenchmarks"/> (61,000 customers, seed 1) when
/// they are missing, then times <see cref="CustomerCsv.Read(string, IReadOnlyList{string}, CustomerCsvOptions?, CancellationToken)"/>
/// and <see cref="TransactionCsv.Read(string, TransactionCsvOptions?, CancellationToken)"/> + <see cref="RfmAnalyzer.Analyze(TransactionSet, CancellationToken)"/>
/// on those files (median of several runs after a warm-up, on all processors and on one thread) and prints one JSON object per measurement.
/// </summary>
internal static class DataCompareCommand
{
    private const string Usage = "compare-data [--rows 1000000] [--runs 3] [--dir .] [--out results.jsonl] [--write-only]";

    internal const string IdColumn = "CustomerID";

    public static int Run(string[] args)
    {
        Dictionary<string, string> options;
        int rows, runs;
        try
        {
            options = CompareCommand.Parse(args);
            rows = ParseInt(options, "rows", 1_000_000);
            runs = ParseInt(options, "runs", 3);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine($"usage: {Usage}");
            return 2;
        }

        string dir = options.GetValueOrDefault("dir", ".");
        Directory.CreateDirectory(dir);
        string customers = Path.Combine(dir, $"customers_{rows}.csv");
        string transactions = Path.Combine(dir, $"transactions_{rows}.csv");
        string[] features = WriteCustomers(customers, rows);
        WriteTransactions(transactions, rows);
        if (options.ContainsKey("write-only"))
        {
            return 0;
        }

        using TextWriter? output = options.TryGetValue("out", out string? outPath) ? new StreamWriter(outPath) : null;
        void Emit(string measure, int threads, double milliseconds, long lines)
        {
            string line = JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["impl"] = "ours",
                ["measure"] = measure,
                ["threads"] = threads,
                ["ms"] = Math.Round(milliseconds, 3),
                ["rows"] = lines,
            });
            Console.WriteLine(line);
            output?.WriteLine(line);
            output?.Flush();
        }

        foreach (int threads in new[] { -1, 1 })
        {
            var customerOptions = new CustomerCsvOptions { IdColumn = IdColumn, MaxDegreeOfParallelism = threads };
            var (readMs, table) = MedianTimer.Measure(runs, () => CustomerCsv.Read(customers, features, customerOptions));
            Emit("customer_csv", threads == -1 ? Environment.ProcessorCount : 1, readMs, table.RowCount);

            var transactionOptions = new TransactionCsvOptions
            {
                OrderIdColumn = "OrderId", Returns = ReturnsPolicy.NetAgainstPurchases, MaxDegreeOfParallelism = threads,
            };
            var (rfmMs, set) = MedianTimer.Measure(runs, () =>
            {
                TransactionSet read = TransactionCsv.Read(transactions, transactionOptions);
                _ = new RfmAnalyzer().Analyze(read);
                return read;
            });
            Emit("rfm_csv", threads == -1 ? Environment.ProcessorCount : 1, rfmMs, set.Hygiene.RowsRead);
        }

        return 0;
    }

    private static int ParseInt(Dictionary<string, string> options, string name, int fallback)
        => options.TryGetValue(name, out string? text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    /// <summary>Writes the customer file as <see cref="Data.CsvLoadBenchmarks"/> builds it in memory, unless it exists; returns the feature names.</summary>
    internal static string[] WriteCustomers(string path, int rows)
    {
        FeatureMatrix data = SyntheticFeatures.Generate(DataShape.Uniform, rows, 3);
        string[] features = [.. data.FeatureNames];
        if (File.Exists(path))
        {
            return features;
        }

        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        var line = new StringBuilder();
        writer.Write($"{IdColumn},{string.Join(',', features)}\n");
        for (int i = 0; i < rows; i++)
        {
            line.Clear().Append(CultureInfo.InvariantCulture, $"C{i}");
            for (int j = 0; j < data.FeatureCount; j++)
            {
                line.Append(',').Append(data[i, j].ToString("R", CultureInfo.InvariantCulture));
            }

            writer.Write(line.Append('\n'));
        }

        Console.Error.WriteLine($"wrote {rows} customers (an id and {features.Length} uniform float features, seed 1) to {path}");
        return features;
    }

    /// <summary>Writes the transaction file as <see cref="Loyalty.RfmBenchmarks"/> builds it in memory, unless it exists.</summary>
    private static void WriteTransactions(string path, int rows)
    {
        if (File.Exists(path))
        {
            return;
        }

        var lines = SyntheticTransactions.Generate(61_000 * Math.Max(1, rows / 1_000_000), seed: 1).Take(rows).ToList();
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        SyntheticTransactions.WriteCsv(lines, writer);
        Console.Error.WriteLine($"wrote {lines.Count} transaction lines (seed 1) to {path}");
    }
}
