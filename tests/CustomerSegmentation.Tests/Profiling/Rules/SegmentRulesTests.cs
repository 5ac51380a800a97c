using CustomerSegmentation.Data;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Profiling;

namespace CustomerSegmentation.Tests.Profiling.Rules;

/// <summary>Rules worked out by hand on tiny data, the rejected inputs, and the Mall customers.</summary>
public sealed class SegmentRulesTests
{
    private static readonly RuleOptions Small = new() { MinLeafSize = 1 };

    private static FeatureMatrix Ages(params double[] ages) => FeatureMatrix.FromColumns([ages], ["Age"]);

    [Fact]
    public void One_feature_two_segments_split_at_the_midpoint_between_the_groups()
    {
        SegmentRules rules = SegmentRules.Learn(Ages(1, 2, 3, 10, 11, 12), [1, 1, 1, 2, 2, 2], 2, Small);

        Assert.Equal(1, rules.Depth);
        Assert.Equal("Age <= 6.5", rules.Rule(1).Text);
        Assert.Equal("Age > 6.5", rules.Rule(2).Text);
        RuleCondition condition = Assert.Single(Assert.Single(rules.Rule(2).Paths).Conditions);
        Assert.Equal(("Age", 6.5, (double?)null), (condition.Feature, condition.GreaterThan!.Value, condition.AtMost));
        Assert.Equal(1.0, rules.Fidelity);
        Assert.Equal([1, 1, 2, 2], rules.Apply(Ages(-5, 6.5, 6.6, 100)));
    }

    [Fact]
    public void A_range_reads_as_one_condition_and_a_segment_on_both_sides_is_an_or_of_its_paths()
    {
        // Gini ties at 3.5 and 6.5 for the root (weighted impurity 3 either way): the lower threshold wins.
        SegmentRules rules = SegmentRules.Learn(Ages(1, 2, 3, 4, 5, 6, 7, 8, 9), [2, 2, 2, 1, 1, 1, 2, 2, 2], 2, Small with { MaxDepth = 2 });

        Assert.Equal("3.5 < Age <= 6.5", rules.Rule(1).Text);
        Assert.Equal("(Age <= 3.5) or (Age > 6.5)", rules.Rule(2).Text);
        Assert.Equal([3, 3], rules.Rule(2).Paths.Select(p => p.Customers));
        Assert.Equal(2, rules.Depth);
        Assert.Equal(1.0, rules.Fidelity);
    }

    [Fact]
    public void Conditions_on_one_feature_in_one_direction_merge_into_the_tighter_one()
    {
        // Root at 3.5 (tie with 6.5, lower wins), then 6.5 on the right: the path to segment 3 is Age > 3.5 and Age > 6.5.
        SegmentRules rules = SegmentRules.Learn(Ages(1, 2, 3, 4, 5, 6, 7, 8, 9), [1, 1, 1, 2, 2, 2, 3, 3, 3], 3, Small);

        Assert.Equal(["Age <= 3.5", "3.5 < Age <= 6.5", "Age > 6.5"], rules.Rules.Select(r => r.Text));
        RuleCondition merged = Assert.Single(Assert.Single(rules.Rule(3).Paths).Conditions);
        Assert.Equal((6.5, (double?)null), (merged.GreaterThan!.Value, merged.AtMost));
    }

    [Fact]
    public void Two_features_income_first_then_spending_on_the_high_incomes()
    {
        // Root: income <= 55 (30 | 80) leaves a pure low-income side and [3, 3, 0] on the right (weighted Gini 3);
        // the best spending split scores 3.9. The right side then splits on spending at 50 (20 | 80).
        FeatureMatrix data = FeatureMatrix.FromRows(
            [[80, 10], [85, 20], [90, 15], [80, 80], [85, 90], [90, 85], [20, 50], [25, 10], [30, 90]],
            ["Annual Income (k$)", "Spending Score (1-100)"]);

        SegmentRules rules = SegmentRules.Learn(data, [1, 1, 1, 2, 2, 2, 3, 3, 3], 3, Small);

        Assert.Equal(
            ["Annual Income (k$) > 55 and Spending Score (1-100) <= 50", "Annual Income (k$) > 55 and Spending Score (1-100) > 50", "Annual Income (k$) <= 55"],
            rules.Rules.Select(r => r.Text));
        Assert.Equal(2, rules.Depth);
        Assert.Equal(1.0, rules.Fidelity);
        Assert.Equal(2, rules.Predict([100, 51]));
        Assert.Equal(1, rules.Predict([55.5, 50]));
        Assert.Equal(3, rules.Predict([55, 99]));
    }

    [Fact]
    public void A_segment_no_leaf_predicts_gets_no_rule_and_fidelity_zero()
    {
        // Six customers cannot make two leaves of five: one leaf, which predicts the first of the tied segments.
        SegmentRules rules = SegmentRules.Learn(Ages(1, 2, 3, 10, 11, 12), [1, 1, 1, 2, 2, 2], 2);

        Assert.Equal(0, rules.Depth);
        Assert.Equal("every customer", rules.Rule(1).Text);
        Assert.False(rules.Rule(2).HasRule);
        Assert.Equal("no rule (the tree never predicts it)", rules.Rule(2).Text);
        Assert.Equal((0.0, 0.0, 3), (rules.Rule(2).Fidelity, rules.Rule(2).Precision, rules.Rule(2).Customers));
        Assert.Equal((1.0, 0.5), (rules.Rule(1).Fidelity, rules.Rule(1).Precision));
        Assert.Equal(0.5, rules.Fidelity);
    }

    [Fact]
    public void A_segment_without_customers_has_no_rule()
    {
        SegmentRules rules = SegmentRules.Learn(Ages(1, 2, 3, 10, 11, 12), [1, 1, 1, 3, 3, 3], 3, Small);

        Assert.Equal(["Age <= 6.5", SegmentRule.NoRule, "Age > 6.5"], rules.Rules.Select(r => r.Text));
        Assert.Equal(0, rules.Rule(2).Customers);
        Assert.Equal(0.0, rules.Rule(2).Fidelity);
    }

    [Fact]
    public void Misclassification_makes_no_split_that_improves_no_majority()
    {
        // 2 of 9 customers are segment 2, scattered: no split gives segment 2 a majority on either side.
        SegmentRules rules = SegmentRules.Learn(Ages(1, 2, 3, 4, 5, 6, 7, 8, 9), [1, 2, 1, 1, 1, 1, 1, 2, 1], 2, Small with { Criterion = SplitCriterion.Misclassification, MaxDepth = 1 });

        Assert.Equal(0, rules.Depth);
        Assert.Equal("every customer", rules.Rule(1).Text);
    }

    [Theory]
    [InlineData(69f, 70f, "69.5")]
    [InlineData(50f, 54f, "52")]
    [InlineData(3f, 10f, "6.5")]
    [InlineData(0.121f, 0.124f, "0.1225")]
    [InlineData(0.1f, 0.2f, "0.15")]
    [InlineData(100000f, 150000f, "125000")]
    [InlineData(-3f, -2f, "-2.5")]
    public void A_bound_is_the_midpoint_to_seven_significant_digits(float below, float above, string text)
        => Assert.Equal(text, RuleCondition.Bound(((double)below + above) / 2, below, above));

    [Fact]
    public void A_bound_that_seven_digits_would_move_onto_a_neighbour_is_printed_in_full()
    {
        float above = MathF.BitIncrement(1f);
        double midpoint = (1.0 + above) / 2;

        Assert.Equal(midpoint.ToString("R", System.Globalization.CultureInfo.InvariantCulture), RuleCondition.Bound(midpoint, 1f, above));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public void MaxDepth_outside_1_to_16_is_rejected(int depth)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RuleOptions { MaxDepth = depth });
        Assert.Equal("MaxDepth", e.ParamName);
        Assert.Contains("MaxDepth must be between 1 and 16", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_invalid_options_are_rejected_naming_the_option()
    {
        var leaf = Assert.Throws<ArgumentOutOfRangeException>(() => new RuleOptions { MinLeafSize = 0 });
        Assert.Contains("MinLeafSize must be at least 1", leaf.Message, StringComparison.Ordinal);
        var threads = Assert.Throws<ArgumentOutOfRangeException>(() => new RuleOptions { MaxDegreeOfParallelism = 0 });
        Assert.Contains("MaxDegreeOfParallelism must be -1", threads.Message, StringComparison.Ordinal);
        var criterion = Assert.Throws<ArgumentNullException>(() => new RuleOptions { Criterion = null! });
        Assert.Contains("Criterion cannot be null", criterion.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_sample_size_below_one_is_rejected_naming_the_option(int size)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RuleOptions { SampleSize = size });

        Assert.Equal("SampleSize", e.ParamName);
        Assert.Contains("SampleSize must be at least 1, or null", e.Message, StringComparison.Ordinal);
        Assert.Null(new RuleOptions { SampleSize = null }.SampleSize);
        Assert.Equal(RuleOptions.DefaultSampleSize, new RuleOptions().SampleSize);
    }

    [Fact]
    public void The_sample_is_ascending_distinct_rows_and_each_row_is_drawn_equally_often()
    {
        // 30,000 draws of 3 of 10 rows: each row is expected 9,000 times (standard deviation about 79).
        var drawn = new int[10];
        for (int seed = 0; seed < 30_000; seed++)
        {
            int[] rows = SegmentRules.SampleRows(10, 3, seed);
            Assert.Equal(3, rows.Length);
            Assert.True(rows[0] >= 0 && rows[0] < rows[1] && rows[1] < rows[2] && rows[2] < 10, string.Join(",", rows));
            foreach (int row in rows)
            {
                drawn[row]++;
            }
        }

        Assert.All(drawn, count => Assert.InRange(count, 9_000 - 400, 9_000 + 400));
        Assert.Equal(SegmentRules.SampleRows(1_000, 10, 5), SegmentRules.SampleRows(1_000, 10, 5));
        Assert.Equal(Enumerable.Range(0, 7), SegmentRules.SampleRows(7, 7, 1));
    }

    [Fact]
    public void Rules_grown_on_a_sample_of_well_separated_groups_place_every_customer_and_depend_on_the_seed_alone()
    {
        // 3,000 customers in three age bands (20-26, 50-56, 80-86); the tree sees 300 of them and must still split at the gaps' midpoints.
        double[] ages = [.. Enumerable.Range(0, 3000).Select(i => (i % 3 * 30.0) + 20 + (i % 7))];
        int[] segments = [.. Enumerable.Range(0, 3000).Select(i => (i % 3) + 1)];
        var options = new RuleOptions { SampleSize = 300, Seed = 7 };

        SegmentRules rules = SegmentRules.Learn(Ages(ages), segments, 3, options);
        SegmentRules again = SegmentRules.Learn(Ages(ages), segments, 3, options);
        SegmentRules whole = SegmentRules.Learn(Ages(ages), segments, 3, options with { SampleSize = null });

        Assert.True(rules.Sampled);
        Assert.Equal((300, 3000, 3000), (rules.LearntFrom, rules.Customers, rules.Agreeing));
        Assert.Equal(["Age <= 38", "38 < Age <= 68", "Age > 68"], rules.Rules.Select(r => r.Text));
        Assert.Equal([1000, 1000, 1000], rules.Rules.Select(r => r.Paths.Single().Customers));
        Assert.Equal(rules.ToString(), again.ToString());
        Assert.Equal(rules.Rules.Select(r => r.Text), whole.Rules.Select(r => r.Text));
        Assert.False(whole.Sampled);
        Assert.Contains("grown on a sample of 300 of the 3,000 customers", rules.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sample", whole.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_count_that_differs_from_the_rows_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => SegmentRules.Learn(Ages(1, 2, 3), [1, 2], 2));
        Assert.Equal("segments", e.ParamName);
        Assert.Contains("2 segment labels but 3 customers", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_segment_outside_1_to_K_is_rejected_naming_the_row(int segment)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SegmentRules.Learn(Ages(1, 2, 3), [1, segment, 2], 2));
        Assert.Contains($"Row 1 has segment {segment}; segments are numbered 1..2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_arguments_and_a_segment_count_below_one_are_rejected()
    {
        Assert.Equal("features", Assert.Throws<ArgumentNullException>(() => SegmentRules.Learn(null!, [1], 1)).ParamName);
        Assert.Equal("segments", Assert.Throws<ArgumentNullException>(() => SegmentRules.Learn(Ages(1), null!, 1)).ParamName);
        var k = Assert.Throws<ArgumentOutOfRangeException>(() => SegmentRules.Learn(Ages(1), [1], 0));
        Assert.Equal("segmentCount", k.ParamName);
        var many = Assert.Throws<ArgumentOutOfRangeException>(() => SegmentRules.Learn(Ages(1), [1], SegmentRules.MostSegments + 1));
        Assert.Contains("at most 65536 segments; 65537 were given", many.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_and_apply_reject_rows_they_cannot_read()
    {
        SegmentRules rules = SegmentRules.Learn(Ages(1, 2, 3, 10, 11, 12), [1, 1, 1, 2, 2, 2], 2, Small);

        var width = Assert.Throws<ArgumentException>(() => rules.Predict([1, 2]));
        Assert.Contains("2 values but the rules read 1 features (Age)", width.Message, StringComparison.Ordinal);
        var nan = Assert.Throws<ArgumentException>(() => rules.Predict([double.NaN]));
        Assert.Contains("'Age' is NaN", nan.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<ArgumentException>(() => rules.Apply(FeatureMatrix.FromColumns([new double[] { 1 }], ["Income"])));
        Assert.Contains("No feature is named 'Age'", missing.Message, StringComparison.Ordinal);
        var segment = Assert.Throws<ArgumentOutOfRangeException>(() => rules.Rule(3));
        Assert.Contains("Segments are numbered 1..2", segment.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancelled_token_stops_learning()
    {
        var cancelled = new CancellationToken(canceled: true);
        Assert.ThrowsAny<OperationCanceledException>(() => SegmentRules.Learn(Ages(1, 2, 3), [1, 1, 2], 2, null, cancelled));
    }

    [Fact]
    public void Cancelling_when_the_pipeline_starts_explaining_stops_the_run()
    {
        using var source = new CancellationTokenSource();
        var progress = new CancelOn("Explaining", source);
        SegmentationPipeline pipeline = SegmentationPipeline.FromMatrix(Ages(1, 2, 3, 10, 11, 12, 13, 14)).WithK(2).WithProgress(progress);

        Assert.ThrowsAny<OperationCanceledException>(() => pipeline.Run(source.Token));
        Assert.Equal(["Learning rules of depth 3"], progress.Seen);
    }

    public static TheoryData<string> MallScalings => new() { "Standard", "None" };

    [MallDataTheory]
    [MemberData(nameof(MallScalings))]
    public void Mall_customers_in_five_segments_are_explained_at_depth_three_with_at_least_90_percent_fidelity(string scaling)
    {
        string[] features = ["Age", "Annual Income (k$)", "Spending Score (1-100)"];
        SegmentationResult result = SegmentationPipeline.FromCsv(TestData.MallCustomersCsv()!)
            .WithId("CustomerID")
            .WithFeatures(features)
            .WithAttributes("Genre")
            .WithScaling(CustomerSegmentation.Scaling.FeatureScaling.Parse(scaling))
            .WithK(5)
            .Run();

        SegmentRules rules = result.Rules!;
        Assert.True(rules.Fidelity >= 0.90, $"Fidelity {rules.Fidelity:P1}:\n{rules}");
        Assert.True(rules.Depth <= 3);
        Assert.Equal(5, rules.Rules.Length);
        Assert.All(rules.Rules.SelectMany(r => r.Paths).SelectMany(p => p.Conditions), c => Assert.Contains(c.Feature, features));
        Assert.All(rules.Rules, r => Assert.DoesNotContain("Genre", r.Text, StringComparison.Ordinal));
        Assert.All(rules.Rules, r => Assert.DoesNotContain("CustomerID", r.Text, StringComparison.Ordinal));
        Assert.Equal(result.Profiles.Select(p => p.Size), rules.Rules.Select(r => r.Customers));
    }

    /// <summary>
    /// scikit-learn 1.2.1 <c>DecisionTreeClassifier(max_depth=d, min_samples_leaf=5, random_state=0)</c> fitted to the
    /// same segments (the Mall customers unscaled, K = 5, seed 42) scores 115, 174, 197 and 197 of 200 customers at
    /// depths 1 to 4, and its depth-3 tree splits income at 69.5 and 39.5 and spending at 51.5 and 50.5 (its other
    /// splits leave both sides in one segment).
    /// </summary>
    [MallDataFact]
    public void Mall_rules_agree_with_scikit_learns_decision_tree()
    {
        SegmentationResult result = SegmentationPipeline.FromCsv(TestData.MallCustomersCsv()!)
            .WithFeatures("Age", "Annual Income (k$)", "Spending Score (1-100)")
            .WithoutScaling()
            .WithK(5)
            .WithSeed(42)
            .Run();
        int[] segments = [.. result.Assignments.Select(a => a.Segment)];

        int[] agreeing = [.. Enumerable.Range(1, 4).Select(depth => SegmentRules.Learn(result.Customers.Features, segments, 5, new RuleOptions { MaxDepth = depth }).Agreeing)];

        Assert.Equal([115, 174, 197, 197], agreeing);
        Assert.Equal(
            [
                "39.5 < Annual Income (k$) <= 69.5",
                "Annual Income (k$) > 69.5 and Spending Score (1-100) > 51.5",
                "Annual Income (k$) > 69.5 and Spending Score (1-100) <= 51.5",
                "Annual Income (k$) <= 39.5 and Spending Score (1-100) <= 50.5",
                "Annual Income (k$) <= 39.5 and Spending Score (1-100) > 50.5",
            ],
            result.Rules!.Rules.Select(r => r.Text));
        Assert.Equal(0.985, result.Rules.Fidelity);
    }

    /// <summary>Cancels the run when a stage starts; records that stage's messages (synchronously, unlike <see cref="Progress{T}"/>).</summary>
    private sealed class CancelOn(string stage, CancellationTokenSource source) : IProgress<SegmentationProgress>
    {
        public List<string> Seen { get; } = [];

        public void Report(SegmentationProgress value)
        {
            if (value.Stage == stage)
            {
                Seen.Add(value.Message);
                source.Cancel();
            }
        }
    }
}
