using System.Text.Json;
using CustomerSegmentation.Data;
using CustomerSegmentation.Export;
using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Tests.Export;

/// <summary>The profiles JSON and the rules Markdown carry each segment's rule and fidelity.</summary>
public sealed class RulesExportTests
{
    private static readonly SegmentationPipeline Pipeline = SegmentationPipeline.FromMatrix(
        FeatureMatrix.FromRows(
            [[80, 10], [85, 20], [90, 15], [82, 12], [88, 18], [80, 80], [85, 90], [90, 85], [82, 88], [88, 82], [20, 50], [25, 10], [30, 90], [22, 40], [28, 60]],
            ["Income", "Spending"]))
        .WithoutScaling()
        .WithK(3);

    [Fact]
    public void The_profiles_json_holds_the_rules_as_text_and_as_conditions()
    {
        SegmentationResult result = Pipeline.Run();
        using JsonDocument json = JsonDocument.Parse(result.ToProfilesJson());
        JsonElement rules = json.RootElement.GetProperty("rules");

        Assert.Equal(1.0, rules.GetProperty("fidelity").GetDouble());
        Assert.Equal(result.Rules!.Depth, rules.GetProperty("depth").GetInt32());
        Assert.Equal("Gini", rules.GetProperty("criterion").GetString());
        JsonElement[] segments = [.. rules.GetProperty("segments").EnumerateArray()];
        Assert.Equal([1, 2, 3], segments.Select(s => s.GetProperty("segment").GetInt32()));
        Assert.Equal(result.Rules.Rules.Select(r => r.Text), segments.Select(s => s.GetProperty("rule").GetString()));
        JsonElement lowIncome = segments.Single(s => s.GetProperty("rule").GetString() == "Income <= 55");
        JsonElement condition = lowIncome.GetProperty("paths")[0][0];
        Assert.Equal("Income", condition.GetProperty("feature").GetString());
        Assert.Equal(JsonValueKind.Null, condition.GetProperty("greaterThan").ValueKind);
        Assert.Equal(55, condition.GetProperty("atMost").GetDouble());
        Assert.Equal(1.0, lowIncome.GetProperty("fidelity").GetDouble());
        Assert.Equal(5, lowIncome.GetProperty("customers").GetInt32());
    }

    [Fact]
    public void The_rules_markdown_has_a_row_per_segment_and_the_overall_fidelity()
    {
        SegmentationResult result = Pipeline.Run();
        string[] lines = result.ToRulesMarkdown().TrimEnd().Split(Environment.NewLine);

        Assert.Equal(2 + 3 + 1, lines.Length);
        Assert.Matches(@"^\| Segment \| Label +\| Rule +\| Fidelity \| Precision \| Customers \|$", lines[0]);
        Assert.Contains(lines, l => l.Contains("| Income <= 55 ", StringComparison.Ordinal) && l.Contains("| 100.0%   | 100.0%    | 5 ", StringComparison.Ordinal));
        Assert.Matches(@"^\| All +\| depth 2 +\| +\| 100\.0% +\| +\| 15 +\|$", lines[^1]);
    }

    [Fact]
    public void Without_rules_the_json_says_null_and_the_markdown_says_why()
    {
        SegmentationResult result = Pipeline.WithoutRules().Run();
        using JsonDocument json = JsonDocument.Parse(result.ToProfilesJson());

        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("rules").ValueKind);
        Assert.Equal("No rules (the pipeline ran WithoutRules)." + Environment.NewLine, result.ToRulesMarkdown());
    }
}
