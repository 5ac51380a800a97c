using System.Globalization;
using System.Text.Json;
using CustomerSegmentation.Data;
using CustomerSegmentation.Export;
using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Tests.Export;

public sealed class SegmentationExportsTests
{
    private static SegmentationResult TwoSegments(string secondGenre = "F")
    {
        FeatureMatrix features = FeatureMatrix.FromRows([[20, 10], [22, 12], [24, 14], [60, 90], [64, 100]], ["Age", "Income"]);
        var table = CustomerTable.FromFeatures(
            features, ["a", "b", "c", "d", "e"], new Dictionary<string, IReadOnlyList<string>> { ["Genre"] = ["F", secondGenre, "M", "M", "M"] });
        return SegmentationPipeline.FromTable(table).WithK(2).Run();
    }

    [Fact]
    public void Exports_carry_every_customer_column_and_every_segment()
    {
        SegmentationResult result = TwoSegments();
        FeatureMatrix features = result.Customers.Features;

        var assignments = new StringWriter(CultureInfo.InvariantCulture);
        result.WriteAssignmentsCsv(assignments);
        string[] lines = assignments.ToString().TrimEnd().Split("\r\n"); // CsvHelper writes RFC 4180 line ends
        Assert.Equal("Id,Age,Income,Genre,Segment,SegmentLabel,DistanceToCentre", lines[0]);
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("a,20,10,F,1,Younger · Low income,", lines[1]);
        CustomerTable back = CustomerCsv.Read(new StringReader(assignments.ToString()), ["Age", "Income", "Segment"], new() { IdColumn = "Id" });
        Assert.Equal(features.Column(0).ToArray(), back.Features.Column(0).ToArray());
        Assert.Equal(result.Assignments.Select(a => (float)a.Segment), back.Features.Column(2).ToArray());

        var profiles = new StringWriter(CultureInfo.InvariantCulture);
        result.WriteProfilesCsv(profiles);
        string[] rows = profiles.ToString().TrimEnd().Split("\r\n");
        Assert.Equal(3, rows.Length);
        Assert.StartsWith("Segment,Label,Size,Share,Age centre,Age mean,Age median,Age sd,Age min,Age q1,Age q3,Age max,Age z,Income centre", rows[0]);
        Assert.EndsWith("Genre: F,Genre: M", rows[0]);
        Assert.StartsWith("1,Younger · Low income,3,0.6,", rows[1]);

        using JsonDocument json = JsonDocument.Parse(result.ToProfilesJson());
        Assert.Equal(2, json.RootElement.GetProperty("k").GetInt32());
        JsonElement first = json.RootElement.GetProperty("segments")[0];
        Assert.Equal(22, first.GetProperty("features")[0].GetProperty("mean").GetDouble(), 5);
        Assert.Equal(2, first.GetProperty("categories").GetProperty("Genre")[0].GetProperty("count").GetInt32());

        string[] markdown = result.ToProfilesMarkdown().TrimEnd().Split(Environment.NewLine);
        Assert.Equal(4, markdown.Length);
        Assert.Equal(
            ["Segment", "Label", "Customers", "Share", "Age mean ± sd (min–max)", "Income mean ± sd (min–max)", "Genre"],
            Cells(markdown[0]));
        Assert.Equal(["1", "Younger · Low income", "3", "60.0%", "22 ± 1.63 (20–24)", "12 ± 1.63 (10–14)", "F 67%, M 33%"], Cells(markdown[2]));
    }

    [Fact]
    public void The_profiles_csv_gives_every_one_of_many_distinct_category_values_its_share_in_its_segment()
    {
        const int n = 3000;
        var random = new Random(5);
        FeatureMatrix features = FeatureMatrix.FromRows(
            [.. Enumerable.Range(0, n).Select(i => new double[] { (i % 3) * 50 + random.NextDouble(), random.NextDouble() })], ["Age", "Income"]);
        string[] codes = [.. Enumerable.Range(0, n).Select(i => $"code{i:D5}")];
        var table = CustomerTable.FromFeatures(features, attributes: new Dictionary<string, IReadOnlyList<string>> { ["Code"] = codes });
        SegmentationResult result = SegmentationPipeline.FromTable(table).WithK(3).WithSeed(1).Run();

        var writer = new StringWriter(CultureInfo.InvariantCulture);
        result.WriteProfilesCsv(writer);
        string[][] rows = [.. writer.ToString().TrimEnd().Split("\r\n").Select(line => line.Split(','))];

        string[] header = rows[0];
        int first = Array.IndexOf(header, "Code: code00000");
        Assert.Equal(n, header.Length - first);
        Assert.Equal(codes.Select(c => "Code: " + c), header[first..]); // ordinal order, every value once
        for (int i = 0; i < n; i++)
        {
            int segment = result.Assignments[i].Segment;
            double expected = 1.0 / result.Profiles[segment - 1].Size;
            for (int s = 1; s <= result.K; s++)
            {
                double share = double.Parse(rows[s][first + i], CultureInfo.InvariantCulture);
                Assert.Equal(s == segment ? expected : 0, share);
            }
        }
    }

    [Fact]
    public void Every_export_numbers_the_segments_1_to_K()
    {
        SegmentationResult result = TwoSegments();
        int[] expected = [1, 2];

        var assignments = new StringWriter(CultureInfo.InvariantCulture);
        result.WriteAssignmentsCsv(assignments);
        CustomerTable back = CustomerCsv.Read(new StringReader(assignments.ToString()), ["Segment"], new() { IdColumn = "Id" });
        Assert.Equal(expected, back.Features.Column(0).ToArray().Select(s => (int)s).Distinct().Order());

        var profiles = new StringWriter(CultureInfo.InvariantCulture);
        result.WriteProfilesCsv(profiles);
        Assert.Equal(expected, profiles.ToString().TrimEnd().Split("\r\n").Skip(1).Select(r => int.Parse(r.Split(',')[0], CultureInfo.InvariantCulture)));

        using JsonDocument json = JsonDocument.Parse(result.ToProfilesJson());
        Assert.Equal(expected, json.RootElement.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("id").GetInt32()));

        string[] markdown = result.ToProfilesMarkdown().TrimEnd().Split(Environment.NewLine);
        Assert.Equal(expected, markdown.Skip(2).Select(line => int.Parse(Cells(line)[0], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_markdown_table_lines_up_its_columns_and_escapes_pipes_in_cells()
    {
        string[] markdown = TwoSegments(secondGenre: "F|x").ToProfilesMarkdown().TrimEnd().Split(Environment.NewLine);

        Assert.Single(markdown.Select(line => line.Length).Distinct());
        Assert.Matches(@"^\|( -+ \|)+$", markdown[1]);
        Assert.Contains(@"F\|x 33%", markdown[2], StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_result_or_writer_is_rejected_naming_it()
    {
        SegmentationResult result = TwoSegments();

        Assert.Equal("result", Assert.Throws<ArgumentNullException>(() => SegmentationExports.WriteAssignmentsCsv(null!, new StringWriter())).ParamName);
        Assert.Equal("writer", Assert.Throws<ArgumentNullException>(() => result.WriteAssignmentsCsv(null!)).ParamName);
        Assert.Equal("result", Assert.Throws<ArgumentNullException>(() => SegmentationExports.WriteProfilesCsv(null!, new StringWriter())).ParamName);
        Assert.Equal("writer", Assert.Throws<ArgumentNullException>(() => result.WriteProfilesCsv(null!)).ParamName);
        Assert.Equal("result", Assert.Throws<ArgumentNullException>(() => SegmentationExports.ToProfilesJson(null!)).ParamName);
        Assert.Equal("result", Assert.Throws<ArgumentNullException>(() => SegmentationExports.ToProfilesMarkdown(null!)).ParamName);
    }

    /// <summary>The cells of one Markdown table line, trimmed, with escaped pipes kept inside their cell.</summary>
    internal static string[] Cells(string line)
        => [.. System.Text.RegularExpressions.Regex.Split(line.Trim().Trim('|'), @"(?<!\\)\|").Select(c => c.Trim())];
}
