using System.Collections.Immutable;
using System.Globalization;

using CustomerSegmentation.Data;
using CustomerSegmentation.Plotly;
using CustomerSegmentation.DemoData;

namespace CustomerSegmentation.Plotly.Tests;

/// <summary>
/// Plot inputs built from <see cref="SyntheticCustomers"/> with each customer's true persona as its segment, until
/// the real pipeline fills these types.
/// </summary>
internal static class SyntheticSegmentation
{
    public static readonly string[] FeatureNames = ["Age", "Annual Income (k$)", "Spending Score (1-100)"];

    public static SegmentPlotData PlotData(int count = 1000, int seed = 42)
    {
        ImmutableArray<SyntheticCustomer> customers = SyntheticCustomers.Generate(count, seed);
        FeatureMatrix features = FeatureMatrix.FromRows(
            customers.Select(c => new double[] { c.Age, c.AnnualIncomeThousands, c.SpendingScore }).ToArray(),
            FeatureNames);
        int k = SyntheticCustomers.Personas.Length;
        double[][] centroids = Enumerable.Range(0, k)
            .Select(p => customers.Where(c => c.Persona == p).ToArray())
            .Select(m => new[] { m.Average(c => (double)c.Age), m.Average(c => (double)c.AnnualIncomeThousands), m.Average(c => (double)c.SpendingScore) })
            .ToArray();
        return new SegmentPlotData(
            features,
            customers.Select(c => c.Persona).ToArray(),
            SyntheticCustomers.Personas.Select(p => p.Name).ToArray(),
            customers.Select(c => c.Id).ToArray(),
            centroids,
            [new HoverColumn("Genre", [.. customers.Select(c => c.Genre)])]);
    }

    public static ElbowCurveData Elbow() => new(
        ks: [1, 2, 3, 4, 5, 6, 7, 8],
        inertias: [3000, 1900, 1250, 800, 420, 390, 365, 345],
        chosenK: 5,
        silhouette: [null, 0.38, 0.45, 0.52, 0.61, 0.55, 0.49, 0.44],
        calinskiHarabasz: [null, 580, 700, 880, 1400, 1210, 1100, 990],
        daviesBouldin: [null, 1.1, 0.95, 0.8, 0.55, 0.7, 0.8, 0.86],
        note: "knee at K = 5 (Kneedle, S = 1)");

    public static ProfileTableData Profile(SegmentPlotData data)
    {
        var rows = new List<IReadOnlyList<string>>();
        for (int s = 0; s < data.SegmentCount; s++)
        {
            int size = data.Labels.Count(l => l == s);
            rows.Add([
                data.SegmentNames[s],
                size.ToString(CultureInfo.InvariantCulture),
                .. data.Centroids[s].Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)),
            ]);
        }

        return new ProfileTableData(["Segment", "Customers", .. data.Features.FeatureNames.Select(n => "Mean " + n)], rows);
    }

    public static SegmentReport Report(int count = 1000, int seed = 42, SegmentPlotOptions? options = null)
    {
        SegmentPlotData data = PlotData(count, seed);
        return new SegmentReport(data, Elbow(), Profile(data), options, "Synthetic mall customers");
    }
}
