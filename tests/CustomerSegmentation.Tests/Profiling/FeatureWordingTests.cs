using CustomerSegmentation.Data;
using CustomerSegmentation.DemoData;
using CustomerSegmentation.Loyalty;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Profiling;

namespace CustomerSegmentation.Tests.Profiling;

/// <summary>A feature's own words for high and low, from the feature's definition to the segment labels.</summary>
public sealed class FeatureWordingTests
{
    private static readonly FeatureWording Days = new("Lapsed", "Recent");

    [Fact]
    public void A_feature_with_its_own_words_reads_with_them_and_others_keep_high_and_low()
    {
        string[] labels = SegmentLabels.Create(
            ["Recency", "Frequency", "Income"],
            [[1.2, 0.1, -0.8], [-0.9, 0.2, 0.7], [0.2, 0.1, 0.1]],
            [1, 2, 3],
            [Days, null, null]);

        Assert.Equal(["Lapsed · Low income", "Recent · High income", "Average customers"], labels);
    }

    [Fact]
    public void Words_travel_from_the_table_through_the_pipeline_and_its_feature_choice()
    {
        FeatureMatrix features = FeatureMatrix.FromRows([[300, 1], [310, 2], [290, 1], [5, 9], [3, 8]], ["Days since purchase", "Orders"]);
        CustomerTable plain = CustomerTable.FromFeatures(features);
        CustomerTable worded = plain.WithFeatureWording("days SINCE purchase", Days);

        SegmentationResult result = SegmentationPipeline.FromTable(worded).WithFeatures("Days since purchase").WithK(2).WithSeed(3).Run();
        SegmentationResult unworded = SegmentationPipeline.FromTable(plain).WithFeatures("Days since purchase").WithK(2).WithSeed(3).Run();

        Assert.Equal(["Lapsed", "Recent"], result.Profiles.Select(p => p.Label));
        Assert.Equal(["High days since purchase", "Low days since purchase"], unworded.Profiles.Select(p => p.Label));
        Assert.Empty(plain.FeatureWordings);
        Assert.Equal(Days, worded.FeatureWordings["Days since purchase"]);
        Assert.Equal(Days, worded.SelectRows([0, 3]).FeatureWordings["days since purchase"]);
        Assert.Equal(["Lapsed", "Recent"], result.Model.Segments.Select(s => s.Label));
    }

    [Fact]
    public void RFM_segments_read_as_a_marketer_reads_them()
    {
        RfmResult rfm = new RfmAnalyzer().Analyze(SyntheticTransactions.Generate(800, 11));

        SegmentationResult result = rfm.ToSegmentationPipeline().WithK(4).WithSeed(2).Run();
        string[] labels = [.. result.Profiles.Select(p => p.Label)];

        Assert.DoesNotContain(labels, l => l.Contains("High recency", StringComparison.OrdinalIgnoreCase) || l.Contains("Low recency", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(labels, l => l.Contains("frequency", StringComparison.OrdinalIgnoreCase) && !l.Contains("Average frequency", StringComparison.Ordinal));
        Assert.DoesNotContain(labels, l => l.Contains("monetary", StringComparison.OrdinalIgnoreCase) && !l.Contains("Average monetary", StringComparison.Ordinal));
        foreach (SegmentProfile profile in result.Profiles)
        {
            string[] words = profile.Label.Split(" · ");
            AssertSide(words, profile["Recency"].ZScore, "Lapsed", "Recent");
            AssertSide(words, profile["Frequency"].ZScore, "Frequent", "Rare");
            AssertSide(words, profile["Monetary"].ZScore, "High spend", "Low spend");
        }

        // The synthetic lapsed persona is there to be found, and so are the recent champions.
        Assert.Contains(labels, l => l.Split(" · ").Contains("Lapsed"));
        Assert.Contains(labels, l => l.Split(" · ").Contains("Recent"));
    }

    [Fact]
    public void Invalid_words_are_rejected_naming_the_problem()
    {
        var blank = Assert.Throws<ArgumentException>(() => new FeatureWording(" ", "Recent"));
        Assert.Equal(("high", true), (blank.ParamName, blank.Message.Contains("The high word is missing or blank", StringComparison.Ordinal)));
        Assert.Contains("The low word is missing or blank", Assert.Throws<ArgumentException>(() => new FeatureWording("Lapsed", null!)).Message, StringComparison.Ordinal);
        Assert.Contains("both 'Same'", Assert.Throws<ArgumentException>(() => new FeatureWording("Same", "same")).Message, StringComparison.Ordinal);
        Assert.Equal(("Lapsed", "Recent"), (new FeatureWording(" Lapsed ", "Recent\t").High, new FeatureWording(" Lapsed ", "Recent\t").Low));

        CustomerTable table = CustomerTable.FromFeatures(FeatureMatrix.FromRows([[1, 2]], ["Recency", "Monetary"]));
        var unknown = Assert.Throws<ArgumentException>(() => table.WithFeatureWording("Frequency", Days));
        Assert.Equal("feature", unknown.ParamName);
        Assert.Contains("No feature is named 'Frequency', so it cannot be given words. The features are: 'Recency', 'Monetary'", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => table.WithFeatureWording("Recency", null!));
    }

    /// <summary>A label names the high word only for a segment well above the population, the low word only well below.</summary>
    private static void AssertSide(string[] words, double z, string high, string low)
    {
        Assert.True(!words.Contains(high) || z >= SegmentLabels.Threshold, $"'{high}' for a z-score of {z}");
        Assert.True(!words.Contains(low) || z <= -SegmentLabels.Threshold, $"'{low}' for a z-score of {z}");
    }
}
