using CustomerSegmentation.Data;
using CustomerSegmentation.DemoData;
using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Plotly.Tests;

/// <summary>
/// Real pipeline runs on the synthetic mall customers with 1, 2, 3 or 8 features: spending alone; the classic income x
/// spending pair; age, income and spending; and those three with five more seeded columns.
/// </summary>
internal static class FeatureCountSegmentation
{
    public static readonly string[] ExtraNames = ["Visits per month", "Tenure (years)", "Basket size", "Online share (%)", "Returns per year"];

    private static readonly Dictionary<int, SegmentationResult> Cache = [];

    public static string[] FeatureNames(int features) => features switch
    {
        1 => ["Spending Score (1-100)"],
        2 => ["Annual Income (k$)", "Spending Score (1-100)"],
        3 => SyntheticSegmentation.FeatureNames,
        8 => [.. SyntheticSegmentation.FeatureNames, .. ExtraNames],
        _ => throw new ArgumentOutOfRangeException(nameof(features), features, "1, 2, 3 or 8"),
    };

    public static SegmentationResult Result(int features, int count = 600)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(features * 100_000 + count, out SegmentationResult? result))
            {
                result = Run(features, count);
                Cache[features * 100_000 + count] = result;
            }

            return result;
        }
    }

    private static SegmentationResult Run(int features, int count)
    {
        SyntheticCustomer[] customers = [.. SyntheticCustomers.Generate(count, 42)];
        var random = new Random(5);
        double[][] rows = [.. customers.Select(c =>
        {
            double[] all =
            [
                c.Age, c.AnnualIncomeThousands, c.SpendingScore,
                Math.Round(2 + (c.SpendingScore / 12.0) + random.NextDouble() * 2, 1), random.Next(0, 15),
                Math.Round(20 + c.AnnualIncomeThousands / 3.0 + random.NextDouble() * 10, 1), random.Next(0, 101), random.Next(0, 6),
            ];
            return features switch
            {
                1 => [all[2]],
                2 => [all[1], all[2]],
                3 => all[..3],
                _ => all,
            };
        })];
        var table = CustomerTable.FromFeatures(
            FeatureMatrix.FromRows(rows, FeatureNames(features)),
            [.. customers.Select(c => c.Id)],
            new Dictionary<string, IReadOnlyList<string>> { ["Genre"] = [.. customers.Select(c => c.Genre)] });
        SegmentationPipeline pipeline = SegmentationPipeline.FromTable(table).WithSeed(1);
        pipeline = features == 8 ? pipeline.Standardize() : pipeline;
        return (features == 1 ? pipeline.WithK(4) : pipeline.ChooseK(2, 8)).Run();
    }
}
