using System.Globalization;
using CustomerSegmentation.Data;
using CustomerSegmentation.Export;
using CustomerSegmentation.Loyalty;
using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Tests.Export;

/// <summary>
/// CSV injection: text cells that a spreadsheet would read as a formula are neutralised (a leading single quote, the
/// field quoted); numbers the library writes stay numbers; <see cref="CsvExportOptions.NeutraliseFormulas"/> turns it off.
/// </summary>
public sealed class CsvFormulaTests
{
    public static TheoryData<string> Triggers => new() { "=", "+", "-", "@", "\t", "\r" };

    /// <summary>Feature names are trimmed when read, so a tab or carriage return cannot start one.</summary>
    private static string AgeName(string trigger) => (char.IsWhiteSpace(trigger[0]) ? "" : trigger) + "Age";

    private static SegmentationResult Hostile(string trigger)
    {
        FeatureMatrix features = FeatureMatrix.FromRows([[-3.5, 10], [-2.5, 12], [-1.5, 14], [60, 90], [64, 100]], [AgeName(trigger), "Income"]);
        var table = CustomerTable.FromFeatures(
            features,
            [trigger + "1+1", "b", trigger + "SUM(A1)", "d", "e"],
            new Dictionary<string, IReadOnlyList<string>> { ["Genre"] = [trigger + "cmd|' /C calc'!A0", "F", "M", "M", "M"] });
        return SegmentationPipeline.FromTable(table).WithK(2).WithSeed(1).Run();
    }

    private static string Assignments(SegmentationResult result, CsvExportOptions? options = null)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        result.WriteAssignmentsCsv(writer, options);
        return writer.ToString();
    }

    private static string Profiles(SegmentationResult result, CsvExportOptions? options = null)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        result.WriteProfilesCsv(writer, options);
        return writer.ToString();
    }

    [Theory]
    [MemberData(nameof(Triggers))]
    public void Text_cells_starting_a_formula_are_prefixed_with_a_quote_and_quoted(string trigger)
    {
        SegmentationResult result = Hostile(trigger);

        string age = char.IsWhiteSpace(trigger[0]) ? "Age" : $"\"'{trigger}Age\"";
        string assignments = Assignments(result);
        Assert.StartsWith($"Id,{age},Income,Genre,", assignments, StringComparison.Ordinal);
        Assert.Contains($"\r\n\"'{trigger}1+1\",-3.5,10,\"'{trigger}cmd|' /C calc'!A0\",", assignments, StringComparison.Ordinal);
        Assert.Contains($"\r\n\"'{trigger}SUM(A1)\",-1.5,14,M,", assignments, StringComparison.Ordinal);

        string profiles = Profiles(result);
        if (!char.IsWhiteSpace(trigger[0]))
        {
            Assert.StartsWith($"Segment,Label,Size,Share,\"'{trigger}Age centre\",\"'{trigger}Age mean\",", profiles, StringComparison.Ordinal);
        }

        string genre = $"Genre: {trigger}cmd|' /C calc'!A0"; // starts with "G": no formula, quoted only for a line break
        Assert.Contains($",{(trigger == "\r" ? $"\"{genre}\"" : genre)},Genre: F,", profiles, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_written_by_the_library_stay_plain_numbers_even_when_negative()
    {
        SegmentationResult result = Hostile("=");

        string[] rows = Assignments(result).TrimEnd().Split("\r\n");
        Assert.Contains(rows, r => r.Contains(",-2.5,12,F,1,", StringComparison.Ordinal));
        Assert.DoesNotContain("'-", Assignments(result), StringComparison.Ordinal);
        string profiles = Profiles(result);
        Assert.DoesNotContain("'-", profiles, StringComparison.Ordinal);
        Assert.Contains(",-3.5,", profiles, StringComparison.Ordinal); // the first segment's minimum age
    }

    [Theory]
    [MemberData(nameof(Triggers))]
    public void With_neutralising_off_text_is_written_as_it_is(string trigger)
    {
        SegmentationResult result = Hostile(trigger);
        var raw = new CsvExportOptions { NeutraliseFormulas = false };

        string assignments = Assignments(result, raw);
        Assert.DoesNotContain("'" + trigger, assignments, StringComparison.Ordinal);
        Assert.Contains(trigger + "1+1", assignments, StringComparison.Ordinal);
        Assert.DoesNotContain("'" + trigger, Profiles(result, raw), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=")]
    [InlineData("+")]
    [InlineData("@")]
    [InlineData("-")]
    public void Neutralised_cells_read_back_with_their_quote_and_raw_ones_read_back_exactly(string trigger)
    {
        SegmentationResult result = Hostile(trigger);
        var read = new CustomerCsvOptions { IdColumn = "Id", ExtraColumns = ["Genre"] };
        string age = AgeName(trigger);

        CustomerTable neutral = CustomerCsv.Read(new StringReader(Assignments(result)), ["'" + age, "Income"], read);
        Assert.Equal(["'" + trigger + "1+1", "b", "'" + trigger + "SUM(A1)", "d", "e"], neutral.Ids.ToArray());
        Assert.Equal("'" + trigger + "cmd|' /C calc'!A0", neutral.Attributes["Genre"][0]);
        Assert.Equal(result.Customers.Features.Column(0).ToArray(), neutral.Features.Column(0).ToArray());

        CustomerTable exact = CustomerCsv.Read(new StringReader(Assignments(result, new CsvExportOptions { NeutraliseFormulas = false })), [age, "Income"], read);
        Assert.Equal(result.Customers.Ids.ToArray(), exact.Ids.ToArray());
        Assert.Equal(result.Customers.Attributes["Genre"].ToArray(), exact.Attributes["Genre"].ToArray());
        Assert.Equal(result.Customers.Features.Column(0).ToArray(), exact.Features.Column(0).ToArray());
    }

    [Fact]
    public void Rfm_exports_neutralise_customer_ids_and_tier_names_but_not_numbers()
    {
        RfmResult rfm = new RfmAnalyzer().Analyze(
        [
            new Transaction("=HYPERLINK(\"http://x\")", new DateTime(2024, 1, 1), 10m),
            new Transaction("plain", new DateTime(2024, 2, 1), 3000m),
        ]);
        SpendTierAssignment tiers = new SpendTiers([new("@Low", 0m), new("High", 1_000m)]).Assign(rfm);

        var customers = new StringWriter();
        rfm.WriteCustomersCsv(customers, tiers);
        Assert.Contains("\r\n\"'=HYPERLINK(\"\"http://x\"\")\",", customers.ToString(), StringComparison.Ordinal);
        Assert.Contains(",\"'@Low\"\r\n", customers.ToString(), StringComparison.Ordinal);

        var tierCsv = new StringWriter();
        tiers.WriteTiersCsv(tierCsv);
        Assert.Contains("\r\n\"'@Low\",0,1000,", tierCsv.ToString(), StringComparison.Ordinal);

        var raw = new StringWriter();
        rfm.WriteCustomersCsv(raw, tiers, new CsvExportOptions { NeutraliseFormulas = false });
        Assert.Contains("\r\n\"=HYPERLINK(\"\"http://x\"\")\",", raw.ToString(), StringComparison.Ordinal);
        var rawTiers = new StringWriter();
        tiers.WriteTiersCsv(rawTiers, new CsvExportOptions { NeutraliseFormulas = false });
        Assert.Contains("\r\n@Low,0,1000,", rawTiers.ToString(), StringComparison.Ordinal);

        var segments = new StringWriter();
        rfm.WriteSegmentsCsv(segments, CsvExportOptions.Default);
        Assert.DoesNotContain("'", segments.ToString().Replace("Can't Lose", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_options_neutralise_formulas()
    {
        Assert.True(CsvExportOptions.Default.NeutraliseFormulas);
        Assert.True(new CsvExportOptions().NeutraliseFormulas);
    }
}
