using System.Text.Json;
using CustomerSegmentation.Export;
using CustomerSegmentation.Loyalty;
using CustomerSegmentation.Tests.Loyalty.Tiers;

namespace CustomerSegmentation.Tests.Export;

public sealed class TierExportsTests
{
    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public void Tier_history_csv_has_spend_and_tier_per_year_and_an_empty_cell_for_no_tier()
    {
        var writer = new StringWriter();
        TierFixture.History().WriteTierHistoryCsv(writer);

        Assert.Equal(
            [
                "CustomerId,2022 Spend,2022 Tier,2023 Spend,2023 Tier,2024 Spend,2024 Tier",
                "A,150,Silver,600,Gold,0,",
                "B,50,Basic,50,Basic,120,Silver",
                "C,0,,700,Gold,99.99,Basic",
                "D,600,Gold,600,Gold,-50,",
                "F,0,,0,,500,Gold",
                "G,0,Basic,-10,,0,",
            ],
            Lines(writer.ToString()));
    }

    [Fact]
    public void Tier_history_json_has_the_windows_and_each_customer_s_earned_and_held_tiers()
    {
        using JsonDocument json = JsonDocument.Parse(TierFixture.History().ToTierHistoryJson());

        JsonElement root = json.RootElement;
        Assert.Equal(["Basic", "Silver", "Gold"], root.GetProperty("tiers").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        JsonElement first = root.GetProperty("windows")[0];
        Assert.Equal(("2022", "2022-01-01", "2023-01-01"), (first.GetProperty("label").GetString(), first.GetProperty("start").GetString(), first.GetProperty("end").GetString()));
        JsonElement a = root.GetProperty("customers")[0];
        Assert.Equal("A", a.GetProperty("customerId").GetString());
        JsonElement a2024 = a.GetProperty("windows")[2];
        Assert.Equal(("2024", 0m, JsonValueKind.Null, "Gold"), (a2024.GetProperty("window").GetString(), a2024.GetProperty("spend").GetDecimal(), a2024.GetProperty("earned").ValueKind, a2024.GetProperty("held").GetString()));
    }

    [Fact]
    public void Movements_csv_json_and_markdown_agree_with_the_movements()
    {
        TierMovements movements = TierFixture.History().Movements[1];

        var csv = new StringWriter();
        movements.WriteTierMovementsCsv(csv);
        string[] rows = Lines(csv.ToString());
        Assert.Equal("CustomerId,FromWindow,FromSpend,FromTier,ToWindow,ToSpend,ToTier,Movement", rows[0]);
        Assert.Equal("A,2023,600,Gold,2024,0,,Lapsed", rows[1]);
        Assert.Equal("C,2023,700,Gold,2024,99.99,Basic,Downgrade", rows[3]);
        Assert.Equal(7, rows.Length);

        var matrix = new StringWriter();
        movements.WriteTierMovementMatrixCsv(matrix);
        Assert.Equal(["From,No tier,Basic,Silver,Gold", "No tier,1,0,0,1", "Basic,0,0,1,0", "Silver,0,0,0,0", "Gold,2,1,0,0"], Lines(matrix.ToString()));

        using JsonDocument json = JsonDocument.Parse(movements.ToTierMovementsJson());
        JsonElement root = json.RootElement;
        Assert.Equal(("2023", "2024"), (root.GetProperty("from").GetProperty("label").GetString(), root.GetProperty("to").GetProperty("label").GetString()));
        JsonElement lapsed = root.GetProperty("byKind").EnumerateArray().Single(k => k.GetProperty("kind").GetString() == "Lapsed");
        Assert.Equal(2, lapsed.GetProperty("customers").GetInt32());
        Assert.Equal(movements.Customers.Length, root.GetProperty("matrix").EnumerateArray().Sum(c => c.GetProperty("customers").GetInt32()));
        JsonElement goldToNone = root.GetProperty("matrix")[12];
        Assert.Equal(("Gold", JsonValueKind.Null, 2), (goldToNone.GetProperty("from").GetString(), goldToNone.GetProperty("to").ValueKind, goldToNone.GetProperty("customers").GetInt32()));
        Assert.Equal("Downgrade", root.GetProperty("customers")[2].GetProperty("kind").GetString());

        string[] markdown = movements.ToTierMovementsMarkdown().TrimEnd().Split(Environment.NewLine);
        Assert.Equal(["2023 \\ 2024", "No tier", "Basic", "Silver", "Gold"], SegmentationExportsTests.Cells(markdown[0]));
        Assert.Equal(["Gold", "2", "1", "0", "0"], SegmentationExportsTests.Cells(markdown[^1]));
        Assert.Single(markdown.Select(line => line.Length).Distinct());
    }

    [Fact]
    public void Tier_names_that_start_a_formula_are_neutralised_in_csv()
    {
        var tiers = new SpendTiers([new("=Base", 0m), new("@Top", 100m)]);
        SpendTierHistory history = tiers.History([new Transaction("-c1", new DateTime(2024, 5, 1), -5m), new Transaction("-c1", new DateTime(2024, 5, 2), 20m)], SpendWindows.CalendarYears(2024, 2024));

        var csv = new StringWriter();
        history.WriteTierHistoryCsv(csv);

        Assert.Equal(["CustomerId,2024 Spend,2024 Tier", "\"'-c1\",15,\"'=Base\""], Lines(csv.ToString()));
        var matrix = new StringWriter();
        history.Project(new Dictionary<string, decimal> { ["-c1"] = 200m }).WriteTierMovementMatrixCsv(matrix);
        Assert.Equal("\"'=Base\",0,0,1", Lines(matrix.ToString())[2]);
    }

    [Fact]
    public void Cancelled_tier_exports_write_nothing()
    {
        SpendTierHistory history = TierFixture.History();
        var writer = new StringWriter();

        Assert.Throws<OperationCanceledException>(() => history.WriteTierHistoryCsv(writer, cancellationToken: new CancellationToken(canceled: true)));
        Assert.Throws<OperationCanceledException>(() => history.Movements[0].WriteTierMovementsCsv(writer, cancellationToken: new CancellationToken(canceled: true)));
        Assert.Empty(writer.ToString());
    }
}
