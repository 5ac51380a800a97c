using System.Text.Json;
using CustomerSegmentation.Export;
using CustomerSegmentation.Loyalty;
using CustomerSegmentation.Tests.Loyalty;

namespace CustomerSegmentation.Tests.Export;

public sealed class RfmExportsTests
{
    private static readonly RfmResult Fixture = new RfmAnalyzer().Analyze(RfmFixture.Read());

    [Fact]
    public void Customers_csv_has_one_row_per_customer_with_tier()
    {
        var writer = new StringWriter();
        Fixture.WriteCustomersCsv(writer, SpendTiers.Default.Assign(Fixture));
        string[] lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal(11, lines.Length);
        Assert.Equal("CustomerId,Recency,Frequency,Monetary,FirstPurchase,LastPurchase,TenureDays,AverageOrderValue,AnnualisedSpend,R,F,M,Cell,Segment,Tier", lines[0]);
        Assert.Equal("A,1,5,500,2024-01-01T10:00:00,2024-03-31T18:45:00,91,100,2005.49,5,5,5,555,Champions,Silver", lines[1]);
        Assert.Equal("G,45,6,900,2024-01-03T10:00:00,2024-02-16T10:00:00,89,150,3609.89,2,5,5,255,Can't Lose,Gold", lines[7]);
    }

    [Fact]
    public void Customers_csv_rejects_tiers_of_another_result()
    {
        RfmResult other = new RfmAnalyzer().Analyze([new Transaction("x", new DateTime(2024, 1, 1), 1m)]);
        var e = Assert.Throws<ArgumentException>(() => Fixture.WriteCustomersCsv(new StringWriter(), SpendTiers.Default.Assign(other)));
        Assert.Equal("tiers", e.ParamName);
        Assert.Contains("other customers", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_and_tier_summaries_as_csv_json_and_markdown()
    {
        SpendTierAssignment tiers = SpendTiers.Default.Assign(Fixture);

        var csv = new StringWriter();
        Fixture.WriteSegmentsCsv(csv);
        Assert.Contains("Loyal Customers,2,0.2,450,15,3.5,225", csv.ToString(), StringComparison.Ordinal);
        var tierCsv = new StringWriter();
        tiers.WriteTiersCsv(tierCsv);
        Assert.Contains("Gold,2500,5000,1,0.1,900,3609.89", tierCsv.ToString(), StringComparison.Ordinal);
        Assert.Contains("Platinum,5000,,0,0,0,0", tierCsv.ToString(), StringComparison.Ordinal);

        using JsonDocument json = JsonDocument.Parse(Fixture.ToSegmentsJson());
        JsonElement cantLose = json.RootElement.EnumerateArray().Single(e => e.GetProperty("segment").GetString() == "CantLose");
        Assert.Equal("Can't Lose", cantLose.GetProperty("name").GetString());
        Assert.Equal(1, cantLose.GetProperty("customerCount").GetInt32());
        Assert.Equal(900m, cantLose.GetProperty("totalMonetary").GetDecimal());
        using JsonDocument tierJson = JsonDocument.Parse(tiers.ToTiersJson());
        Assert.Equal("Gold", tierJson.RootElement[2].GetProperty("tier").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, tierJson.RootElement[3].GetProperty("upperBound").ValueKind);

        string[] markdown = Fixture.ToSegmentsMarkdown().TrimEnd().Split(Environment.NewLine);
        Assert.Equal(["Segment", "Customers", "Share", "TotalMonetary", "MeanRecency", "MeanFrequency", "MeanMonetary"], SegmentationExportsTests.Cells(markdown[0]));
        Assert.Equal(12, markdown.Length); // header, separator, all ten segments
        Assert.Contains(["Can't Lose", "1", "10.0%", "900", "45", "6", "900"], markdown.Select(SegmentationExportsTests.Cells));
        Assert.Single(markdown.Select(line => line.Length).Distinct());
        string[] tierMarkdown = tiers.ToTiersMarkdown().TrimEnd().Split(Environment.NewLine);
        Assert.Equal(["Bronze", "0", "1000", "7", "70.0%"], SegmentationExportsTests.Cells(tierMarkdown[2]).Take(5));
    }

    [Fact]
    public void A_null_result_tiers_or_writer_is_rejected_naming_it()
    {
        SpendTierAssignment tiers = SpendTiers.Default.Assign(Fixture);

        Assert.Equal("result", Assert.Throws<ArgumentNullException>(() => RfmExports.WriteCustomersCsv(null!, new StringWriter())).ParamName);
        Assert.Equal("writer", Assert.Throws<ArgumentNullException>(() => Fixture.WriteCustomersCsv(null!)).ParamName);
        Assert.Equal("result", Assert.Throws<ArgumentNullException>(() => RfmExports.WriteSegmentsCsv(null!, new StringWriter())).ParamName);
        Assert.Equal("writer", Assert.Throws<ArgumentNullException>(() => Fixture.WriteSegmentsCsv(null!)).ParamName);
        Assert.Equal("result", Assert.Throws<ArgumentNullException>(() => RfmExports.ToSegmentsJson(null!)).ParamName);
        Assert.Equal("result", Assert.Throws<ArgumentNullException>(() => RfmExports.ToSegmentsMarkdown(null!)).ParamName);
        Assert.Equal("tiers", Assert.Throws<ArgumentNullException>(() => RfmExports.WriteTiersCsv(null!, new StringWriter())).ParamName);
        Assert.Equal("writer", Assert.Throws<ArgumentNullException>(() => tiers.WriteTiersCsv(null!)).ParamName);
        Assert.Equal("tiers", Assert.Throws<ArgumentNullException>(() => RfmExports.ToTiersJson(null!)).ParamName);
        Assert.Equal("tiers", Assert.Throws<ArgumentNullException>(() => RfmExports.ToTiersMarkdown(null!)).ParamName);
    }
}
