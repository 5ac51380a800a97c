using CustomerSegmentation.Data;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Profiling;
using CustomerSegmentation.Tests.Selection;

namespace CustomerSegmentation.Tests.Pipeline;

/// <summary>The pipeline learns depth-3 rules by default, numbered like its segments, and skips them on request.</summary>
public sealed class PipelineRulesTests
{
    private static readonly FeatureMatrix Blobs = QualityFixtures.Blobs().Data;

    [Fact]
    public void A_run_explains_its_segments_with_depth_three_rules_numbered_like_the_profiles()
    {
        SegmentationResult result = SegmentationPipeline.FromMatrix(Blobs).WithK(4).WithSeed(3).Run();

        SegmentRules rules = Assert.IsType<SegmentRules>(result.Rules);
        Assert.Equal(RuleOptions.DefaultMaxDepth, rules.Options.MaxDepth);
        Assert.True(rules.Depth is >= 1 and <= 3);
        Assert.Equal(result.Profiles.Select(p => (p.Id, p.Size)), rules.Rules.Select(r => (r.Segment, r.Customers)));
        int[] bySegment = rules.Apply(result.Customers.Features);
        int agreeing = result.Assignments.Where((a, i) => a.Segment == bySegment[i]).Count();
        Assert.Equal((double)agreeing / Blobs.RowCount, rules.Fidelity);
        Assert.Equal(Blobs.FeatureNames, rules.FeatureNames);
    }

    [Fact]
    public void The_rules_read_the_features_in_their_own_units_not_the_scaled_ones()
    {
        // Ages 20..29 and 60..69: every threshold lies in the customers' units, between the two groups.
        double[] ages = [.. Enumerable.Range(20, 10).Select(a => (double)a), .. Enumerable.Range(60, 10).Select(a => (double)a)];
        SegmentationResult result = SegmentationPipeline.FromMatrix(FeatureMatrix.FromColumns([ages], ["Age"])).Standardize().WithK(2).Run();

        Assert.Equal(["Age <= 44.5", "Age > 44.5"], result.Rules!.Rules.Select(r => r.Text));
    }

    [Fact]
    public void WithRules_sets_the_depth_and_WithoutRules_skips_them()
    {
        SegmentationPipeline pipeline = SegmentationPipeline.FromMatrix(Blobs).WithK(4);

        Assert.Equal(1, pipeline.WithRules(new RuleOptions { MaxDepth = 1 }).Run().Rules!.Depth);
        Assert.Null(pipeline.WithoutRules().Run().Rules);
        Assert.Equal(RuleOptions.DefaultMaxDepth, pipeline.WithoutRules().WithRules().Run().Rules!.Options.MaxDepth);
    }

    [Fact]
    public void The_rules_are_the_same_for_any_thread_limit_of_the_pipeline()
    {
        static string[] Texts(int threads) => [.. SegmentationPipeline.FromMatrix(Blobs).WithK(4).WithMaxDegreeOfParallelism(threads).Run().Rules!.Rules.Select(r => r.Text)];

        string[] one = Texts(1);
        Assert.Equal(one, Texts(2));
        Assert.Equal(one, Texts(-1));
    }

    [Fact]
    public void The_run_reports_the_rules_stage_with_its_fidelity()
    {
        var reports = new List<SegmentationProgress>();
        SegmentationResult result = SegmentationPipeline.FromMatrix(Blobs).WithK(4).WithProgress(new Collect(reports)).Run();

        SegmentationProgress last = reports[^1];
        Assert.Equal(("Explaining", 1, 1), (last.Stage, last.Completed, last.Total));
        Assert.Equal($"Rules of depth {result.Rules!.Depth}: fidelity {result.Rules.Fidelity * 100:0.0}%", last.Message);
    }

    private sealed class Collect(List<SegmentationProgress> reports) : IProgress<SegmentationProgress>
    {
        private readonly Lock _gate = new();

        public void Report(SegmentationProgress value)
        {
            lock (_gate)
            {
                reports.Add(value);
            }
        }
    }
}
