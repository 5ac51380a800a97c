using System.Globalization;
using System.Text.Json;
using CustomerSegmentation.DemoData;
using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Benchmarks.Comparison;

/// <summary>
/// The <c>compare-clv</c> verb: fits BG/NBD and Gamma-Gamma to a purchase summary read from (or simulated into) a CSV
/// file of x, t_x, T, m that benchmarks/compare/compare_lifetimes.py reads too, and prints one JSON object per fit with
/// the median time and the parameters.
/// </summary>
internal static class LifetimeCompareCommand
{
    public static int Run(string[] args)
    {
        string path = args.Length > 0 ? args[0] : "lifetimes-summary.csv";
        int customers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        int runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        int threads = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : -1;
        if (!File.Exists(path))
        {
            PurchaseSummary simulated = SyntheticLifetimes.Simulate(new BgNbdParameters(0.243, 4.414, 0.793, 2.426), new GammaGammaParameters(6.25, 3.74, 15.4), customers, seed: 1, maxAge: 39, days: true);
            using var writer = new StreamWriter(path);
            writer.WriteLine("frequency,recency,T,monetary_value");
            foreach (CustomerPurchases c in simulated.Customers)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Frequency},{c.Recency:R},{c.Age:R},{c.MonetaryValue:R}"));
            }

            Console.Error.WriteLine($"wrote {customers} simulated customers to {path}");
        }

        var records = new List<CustomerPurchases>();
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            string[] f = line.Split(',');
            records.Add(new CustomerPurchases(
                $"c{records.Count}", int.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture),
                double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture)));
        }

        PurchaseSummary summary = PurchaseSummary.FromRecords(records, PeriodUnit.Weeks);
        var fitOptions = new LikelihoodFitOptions { MaxDegreeOfParallelism = threads };
        var (bgMs, bg) = MedianTimer.Measure(runs, () => new BgNbdEstimator(fitOptions).Fit(summary));
        Emit("bgnbd", bgMs, bg.Estimates, bg.LogLikelihood, summary.Customers.Length, threads, bg.Iterations, bg.DistinctRows);
        var (ggMs, gg) = MedianTimer.Measure(runs, () => new GammaGammaEstimator(fitOptions).Fit(summary));
        Emit("gammagamma", ggMs, gg.Estimates, gg.LogLikelihood, summary.Customers.Length, threads, gg.Iterations, gg.RepeatBuyers);
        var (predictMs, _) = MedianTimer.Measure(runs, () => new LifetimeValueAnalyzer().Analyze(summary, bg, gg));
        Emit("predict", predictMs, [], 0, summary.Customers.Length, threads, 0, summary.Customers.Length);
        return 0;
    }

    private static void Emit(string model, double milliseconds, IEnumerable<ParameterEstimate> estimates, double logLikelihood, int customers, int threads, int iterations, int rows)
        => Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["impl"] = "ours",
            ["model"] = model,
            ["ms"] = Math.Round(milliseconds, 3),
            ["params"] = estimates.ToDictionary(e => e.Name, e => e.Value),
            ["ll"] = logLikelihood,
            ["customers"] = customers,
            ["threads"] = threads,
            ["iterations"] = iterations,
            ["rows"] = rows,
        }));
}
