using System.Globalization;
using System.Text.Json;

using CsvHelper;

using CustomerSegmentation.Data;

namespace CustomerSegmentation.Tests.Selection;

/// <summary>Reads the scikit-learn reference fixtures used by the selection tests.</summary>
internal static class QualityFixtures
{
    /// <summary>The parsed JSON of a fixture.</summary>
    public static JsonElement Json(string name)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(TestData.Fixture(name)));
        return document.RootElement.Clone();
    }

    /// <summary>blobs_2000x3.csv: the features f1..f3 and the truth labels.</summary>
    public static (FeatureMatrix Data, int[] Truth) Blobs()
    {
        using var reader = new StreamReader(TestData.Fixture("blobs_2000x3.csv"));
        using var csv = CsvReader.Create(reader, new CsvReaderOptions { FormatProvider = CultureInfo.InvariantCulture });
        var rows = new List<double[]>();
        var truth = new List<int>();
        csv.ReadHeader();
        while (csv.Read())
        {
            rows.Add([csv.Parse<double>("f1"), csv.Parse<double>("f2"), csv.Parse<double>("f3")]);
            truth.Add(csv.Parse<int>("truth"));
        }

        return (FeatureMatrix.FromRows(rows, ["f1", "f2", "f3"]), truth.ToArray());
    }

    /// <summary>The reference inertia per K of a fixture section, restricted to K &gt;= <paramref name="firstK"/>.</summary>
    public static (double[] K, double[] Inertia) InertiaCurve(JsonElement section, int firstK)
    {
        var points = section.GetProperty("inertia_best_of_10_by_k").EnumerateObject()
            .Select(p => (K: int.Parse(p.Name, CultureInfo.InvariantCulture), Inertia: p.Value.GetDouble()))
            .Where(p => p.K >= firstK)
            .OrderBy(p => p.K)
            .ToArray();
        return (points.Select(p => (double)p.K).ToArray(), points.Select(p => p.Inertia).ToArray());
    }

    /// <summary>Asserts |actual - expected| &lt;= tolerance · |expected|.</summary>
    public static void Close(double expected, double actual, double tolerance)
    {
        Assert.True(
            Math.Abs(actual - expected) <= tolerance * Math.Abs(expected),
            FormattableString.Invariant($"expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2} > {tolerance:E0})"));
    }
}
