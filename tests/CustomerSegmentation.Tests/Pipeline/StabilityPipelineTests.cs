using System.Collections.Concurrent;
using System.Text.Json;
using CustomerSegmentation.Data;
using CustomerSegmentation.Export;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Selection;
using CustomerSegmentation.Stability;

namespace CustomerSegmentation.Tests.Pipeline;

public sealed class StabilityPipelineTests
{
    /// <summary>Three separated blobs of 100, 300 and 200 customers, so segment numbers (largest first) differ from the clusters' order.</summary>
    private static FeatureMatrix UnequalBlobs()
    {
        var random = new Random(3);
        (double X, double Y, int Count)[] blobs = [(0, 0, 100), (20, 0, 300), (0, 20, 200)];
        var rows = new List<double[]>();
        foreach ((double x, double y, int count) in blobs)
        {
            for (int i = 0; i < count; i++)
            {
                rows.Add([x + random.NextDouble() - 0.5, y + random.NextDouble() - 0.5]);
            }
        }

        return FeatureMatrix.FromRows(rows, ["x", "y"]);
    }

    private static SegmentationPipeline Pipeline() => SegmentationPipeline.FromMatrix(UnequalBlobs()).WithK(3).WithSeed(2);

    [Fact]
    public void Without_asking_there_is_no_stability()
    {
        SegmentationResult result = Pipeline().Run();

        Assert.Null(result.Stability);
        Assert.Null(JsonDocument.Parse(result.ToProfilesJson()).RootElement.GetProperty("stability").GetString());
        Assert.Contains("WithStability()", Assert.Throws<InvalidOperationException>(() => result.ToStabilityMarkdown()).Message);
        Assert.Contains("KSelectionRule.Gap()", Assert.Throws<InvalidOperationException>(() => result.ToGapMarkdown()).Message);
    }

    [Fact]
    public void Stability_is_reported_in_the_results_segment_numbers()
    {
        SegmentationResult result = Pipeline().WithStability(new StabilityOptions { Resamples = 5 }).Run();

        StabilityResult stability = Assert.IsType<StabilityResult>(result.Stability);
        Assert.Equal([1, 2, 3], stability.Segments.Select(s => s.Segment));
        Assert.Equal(result.Profiles.Select(p => p.Size), stability.Segments.Select(s => s.Size));
        Assert.Equal([300, 200, 100], stability.Segments.Select(s => s.Size));
        Assert.Equal(5, stability.Resamples);
        Assert.All(stability.Segments, s => Assert.Equal(StabilityVerdict.HighlyStable, s.Verdict));
    }

    [Fact]
    public void The_pipelines_seed_and_thread_limit_rule_the_stability()
    {
        static StabilityResult Run(int threads, int optionsSeed)
            => Pipeline().WithMaxDegreeOfParallelism(threads).WithStability(new StabilityOptions { Resamples = 4, Seed = optionsSeed, MaxDegreeOfParallelism = 1 }).Run().Stability!;

        StabilityResult one = Run(1, 0);
        StabilityResult all = Run(-1, 99);

        Assert.Equal(one.Segments.SelectMany(s => s.Jaccards), all.Segments.SelectMany(s => s.Jaccards));
    }

    [Fact]
    public void Progress_reports_the_stability_stage_and_cancelling_there_stops_the_run()
    {
        var stages = new ConcurrentQueue<SegmentationProgress>();
        Pipeline().WithStability(new StabilityOptions { Resamples = 3 }).WithProgress(new SyncProgress(stages.Enqueue)).Run();
        Assert.Equal([0, 1, 2, 3, 3], stages.Where(p => p.Stage == "Stability").Select(p => p.Completed).Order());

        using var cancel = new CancellationTokenSource();
        int resamplesAfterCancel = 0;
        var progress = new SyncProgress(p =>
        {
            if (p.Stage == "Stability" && p.Completed >= 1)
            {
                resamplesAfterCancel++;
                cancel.Cancel();
            }
        });
        SegmentationPipeline cancelling = Pipeline().WithMaxDegreeOfParallelism(1).WithStability(new StabilityOptions { Resamples = 30 }).WithProgress(progress);

        Assert.ThrowsAny<OperationCanceledException>(() => cancelling.Run(cancel.Token));
        Assert.Equal(1, resamplesAfterCancel);
    }

    [Fact]
    public void The_exports_carry_the_stability_and_the_gap()
    {
        SegmentationResult result = SegmentationPipeline.FromMatrix(UnequalBlobs())
            .ChooseK(1, 5, KSelectionRule.Gap(3))
            .WithSeed(2)
            .WithStability(new StabilityOptions { Resamples = 4 })
            .Run();

        Assert.Equal(3, result.K);
        Assert.Equal(3, result.Elbow!.GapChosenK);

        using JsonDocument json = JsonDocument.Parse(result.ToProfilesJson());
        JsonElement stability = json.RootElement.GetProperty("stability");
        Assert.Equal(4, stability.GetProperty("resamples").GetInt32());
        Assert.Equal("HighlyStable", stability.GetProperty("verdict").GetString());
        Assert.Equal(300, stability.GetProperty("segments")[0].GetProperty("size").GetInt32());
        Assert.Equal(result.Stability!.Segments[2].MeanJaccard, stability.GetProperty("segments")[2].GetProperty("meanJaccard").GetDouble());
        JsonElement gap = json.RootElement.GetProperty("gap");
        Assert.Equal(3, gap.GetProperty("chosenK").GetInt32());
        Assert.Equal(5, gap.GetProperty("curve").GetArrayLength());
        Assert.Equal(result.Elbow.Curve[1].Gap, gap.GetProperty("curve")[1].GetProperty("gap").GetDouble());

        string[] table = result.ToStabilityMarkdown().TrimEnd().Split(Environment.NewLine);
        Assert.Equal(2 + 3 + 2, table.Length); // header, separator, a row per segment, a blank line, the sentence
        Assert.Equal(string.Empty, table[^2]);
        Assert.Equal(["Segment", "Label", "Customers", "Mean Jaccard", "Verdict", "Dissolved", "Recovered"], Cells(table[0]));
        Assert.Equal(["1", result.Profiles[0].Label, "300", "1.000", "HighlyStable", "0 of 4", "4 of 4"], Cells(table[2]));
        Assert.StartsWith("HighlyStable over 4 bootstrap resamples", table[^1]);

        string[] gapTable = result.ToGapMarkdown().TrimEnd().Split(Environment.NewLine);
        Assert.Equal(2 + 5 + 2, gapTable.Length);
        Assert.Equal("gap's K", Cells(gapTable[4])[3]);
        Assert.Equal(result.KReason, gapTable[^1]);
    }

    private static string[] Cells(string line) => [.. line.Trim('|').Split('|').Select(c => c.Trim())];

    private sealed class SyncProgress(Action<SegmentationProgress> report) : IProgress<SegmentationProgress>
    {
        public void Report(SegmentationProgress value) => report(value);
    }
}

/// <summary>The gap statistic beside the default elbow, asked for with <see cref="SegmentationPipeline.WithGapStatistic"/>.</summary>
public sealed class GapBesideTheElbowTests
{
    /// <summary>Five separated blobs of 60 customers in two features.</summary>
    private static FeatureMatrix FiveBlobs()
    {
        var random = new Random(5);
        (double X, double Y)[] centres = [(0, 0), (30, 0), (0, 30), (30, 30), (15, 60)];
        var rows = new List<double[]>();
        foreach ((double x, double y) in centres)
        {
            for (int i = 0; i < 60; i++)
            {
                rows.Add([x + (4 * (random.NextDouble() - 0.5)), y + (4 * (random.NextDouble() - 0.5))]);
            }
        }

        return FeatureMatrix.FromRows(rows, ["x", "y"]);
    }

    [Fact]
    public void The_default_sweep_computes_no_gap()
    {
        SegmentationResult result = SegmentationPipeline.FromMatrix(FiveBlobs()).WithSeed(1).Run();

        Assert.Null(result.Elbow!.GapChosenK);
        Assert.All(result.Elbow.Curve, p => Assert.Null(p.Gap));
    }

    [Fact]
    public void The_gap_is_reported_beside_the_elbow_for_every_K()
    {
        SegmentationResult result = SegmentationPipeline.FromMatrix(FiveBlobs()).WithSeed(1).WithGapStatistic(references: 5).Run();

        Assert.Equal(KSelectionRule.Default.Name, result.Elbow!.Rule.Name);
        Assert.Equal(5, result.Elbow.GapChosenK);
        Assert.All(result.Elbow.Curve, p => Assert.True(p.Gap is double gap && double.IsFinite(gap) && p.GapStandardError > 0, $"K = {p.K}: {p.Gap} ± {p.GapStandardError}"));
        Assert.Equal(result.Elbow.GapChosenK == result.K, !result.KReason.Contains("The gap statistic disagrees", StringComparison.Ordinal));
    }

    [Fact]
    public void When_the_rule_and_the_gap_disagree_the_reason_says_so()
    {
        // Two groups far apart, each made of two tight blobs: Calinski-Harabasz prefers the four blobs, the gap's
        // one-standard-error rule stops at the two groups (Gap(2) is within s_3 of Gap(3)).
        var random = new Random(8);
        var rows = new List<double[]>();
        foreach ((double x, double y) in new[] { (0d, 0d), (20d, 0d), (200d, 0d), (220d, 0d) })
        {
            for (int i = 0; i < 80; i++)
            {
                rows.Add([x + random.NextDouble() - 0.5, y + random.NextDouble() - 0.5]);
            }
        }

        SegmentationResult result = SegmentationPipeline.FromMatrix(FeatureMatrix.FromRows(rows, ["x", "y"])).WithScaling(CustomerSegmentation.Scaling.FeatureScaling.None)
            .WithSeed(1).ChooseK(1, 8, KSelectionRule.MaxCalinskiHarabasz).WithGapStatistic(references: 5).Run();

        Assert.Equal((4, 2), (result.K, result.Elbow!.GapChosenK));
        Assert.Contains("The gap statistic disagrees: it chooses K = 2.", result.KReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gap_rule_keeps_its_own_references()
    {
        SegmentationResult result = SegmentationPipeline.FromMatrix(FiveBlobs()).WithSeed(1)
            .ChooseK(1, 8, KSelectionRule.Gap(references: 4)).WithGapStatistic(references: 7).Run();

        Assert.Equal(5, result.K);
        Assert.Equal(5, result.Elbow!.GapChosenK);
    }

    [Fact]
    public void Fewer_than_two_references_are_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SegmentationPipeline.FromMatrix(FiveBlobs()).WithGapStatistic(references: 1));

        Assert.Equal("references", error.ParamName);
        Assert.Contains("references must be at least 2", error.Message, StringComparison.Ordinal);
    }
}
