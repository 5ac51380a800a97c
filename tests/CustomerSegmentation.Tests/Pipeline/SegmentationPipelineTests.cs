using CustomerSegmentation.Data;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Selection;

namespace CustomerSegmentation.Tests.Pipeline;

public sealed class SegmentationPipelineTests
{
    private static readonly string[] MallFeatures = ["Age", "Annual Income (k$)", "Spending Score (1-100)"];

    private static SegmentationPipeline Mall() => SegmentationPipeline
        .FromCsv(TestData.MallCustomersCsv()!)
        .WithId("CustomerID")
        .WithFeatures(MallFeatures)
        .WithAttributes("Genre");

    [MallDataFact]
    public void Mall_customers_unscaled_over_2_to_10_give_five_described_segments()
    {
        SegmentationResult result = Mall().WithoutScaling().ChooseK(2, 10).Run();

        Assert.Equal(5, result.K);
        Assert.Contains("Elbow of the inertia curve at K = 5", result.KReason);
        Assert.Equal(200, result.Assignments.Count);
        Assert.Equal("0001", result.Assignments[0].CustomerId);
        Assert.Equal(9, result.Elbow!.Curve.Length);
        Assert.Equal(result.Profiles.Select(p => p.Size).OrderDescending(), result.Profiles.Select(p => p.Size));
        Assert.Contains(result.Profiles, p => p.Label == "High income · Low spending");
        Assert.Contains(result.Profiles, p => p.Label == "High income · High spending");
        Assert.All(result.Profiles, p => Assert.Equal(p.Size, p.Categories["Genre"].Sum(c => c.Count)));
    }

    [MallDataFact]
    public void Mall_customers_standardized_over_1_to_10_choose_four()
    {
        SegmentationResult result = Mall().Standardize().ChooseK(1, 10).Run();

        Assert.Equal(4, result.K);
        Assert.Empty(result.Scaler.ZeroVarianceFeatures);
    }

    [Fact]
    public void A_fixed_K_skips_the_elbow()
    {
        SegmentationResult result = SegmentationPipeline.FromMatrix(QualityBlobs()).WithK(4).Run();

        Assert.Null(result.Elbow);
        Assert.Equal(4, result.K);
        Assert.Equal("K = 4 was fixed with WithK(4).", result.KReason);
    }

    [Fact]
    public void Customers_held_as_objects_are_segmented_by_their_selectors()
    {
        var shoppers = Enumerable.Range(0, 60).Select(i => new Shopper($"S{i}", i % 2 == 0 ? 20 + (i % 5) : 60 + (i % 5), i % 2 == 0 ? 15 : 90)).ToList();

        SegmentationResult result = SegmentationPipeline
            .From(shoppers, s => s.Id, ("Age", s => s.Age), ("Income", s => s.Income))
            .WithK(2)
            .Run();

        Assert.Equal(["S0", "S1"], result.Assignments.Take(2).Select(a => a.CustomerId).ToArray());
        Assert.NotEqual(result.Assignments[0].Segment, result.Assignments[1].Segment);
        Assert.Equal([30, 30], result.Profiles.Select(p => p.Size));
    }

    [Fact]
    public void The_default_range_is_limited_by_few_customers_and_says_so()
    {
        FeatureMatrix six = FeatureMatrix.FromRows([[1.0], [1.1], [1.2], [9], [9.1], [9.2]], ["Spend"]);

        SegmentationResult result = SegmentationPipeline.FromMatrix(six).Run();

        Assert.Equal(6, result.Elbow!.Curve.Length);
        Assert.Contains("limited to 1..6 by the 6 customers", result.KReason);
    }

    [Fact]
    public void Progress_reports_every_stage_and_each_K_of_the_sweep()
    {
        var reports = new List<SegmentationProgress>();
        SegmentationPipeline.FromMatrix(QualityBlobs()).ChooseK(2, 6).WithProgress(new Synchronous(reports.Add)).Run();

        Assert.Equal(["Reading", "Scaling", "Choosing K", "Profiling", "Explaining"], reports.Select(r => r.Stage).Distinct());
        var sweep = reports.Where(r => r.Stage == "Choosing K" && r.Completed > 0).ToList();
        Assert.Equal(5, sweep.Count);
        Assert.All(sweep, r => Assert.Matches(@"^K = \d+: inertia [\d.]+, silhouette [\d.]+$", r.Message));
    }

    [Fact]
    public void A_cancelled_run_throws()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => SegmentationPipeline.FromMatrix(QualityBlobs()).WithK(3).Run(cancel.Token));
    }

    [Fact]
    public void Same_seed_same_segments_for_any_thread_count()
    {
        SegmentationResult a = SegmentationPipeline.FromMatrix(QualityBlobs()).ChooseK(2, 6).WithSeed(3).WithMaxDegreeOfParallelism(1).Run();
        SegmentationResult b = SegmentationPipeline.FromMatrix(QualityBlobs()).ChooseK(2, 6).WithSeed(3).Run();

        Assert.Equal(a.Assignments.ToArray(), b.Assignments.ToArray());
        Assert.Equal(a.Model.ToJson(), b.Model.ToJson());
    }

    [Fact]
    public void A_CSV_source_needs_its_features()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SegmentationPipeline.FromCsv("customers.csv").Run());
        Assert.Contains("WithFeatures", error.Message);
    }

    [Fact]
    public void A_missing_CSV_file_is_reported_with_its_path()
    {
        var error = Assert.Throws<FileNotFoundException>(() => SegmentationPipeline.FromCsv("no-such-customers.csv").WithFeatures("Age").Run());
        Assert.Contains("no-such-customers.csv", error.Message);
    }

    [Fact]
    public void Builder_arguments_are_checked_when_given()
    {
        SegmentationPipeline p = SegmentationPipeline.FromMatrix(QualityBlobs());
        Assert.Equal("minK", Assert.Throws<ArgumentOutOfRangeException>(() => p.ChooseK(0, 5)).ParamName);
        Assert.Equal("maxK", Assert.Throws<ArgumentOutOfRangeException>(() => p.ChooseK(5, 4)).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => p.WithK(0)).ParamName);
        Assert.Equal("threads", Assert.Throws<ArgumentOutOfRangeException>(() => p.WithMaxDegreeOfParallelism(0)).ParamName);
        Assert.Contains("at least one feature", Assert.Throws<ArgumentException>(() => p.WithFeatures()).Message);
        Assert.Equal("scaling", Assert.Throws<ArgumentNullException>(() => p.WithScaling(null!)).ParamName);
    }

    [Fact]
    public void In_memory_customers_reject_an_unknown_attribute_and_an_id_column()
    {
        SegmentationPipeline p = SegmentationPipeline.FromMatrix(QualityBlobs());
        Assert.Contains("no column 'Genre'", Assert.Throws<ArgumentException>(() => p.WithAttributes("Genre").WithK(2).Run()).Message);
        Assert.Contains("WithId(\"id\") applies to CSV sources", Assert.Throws<InvalidOperationException>(() => p.WithId("id").WithK(2).Run()).Message);
    }

    [Fact]
    public void A_model_file_round_trips_through_a_stream()
    {
        SegmentationResult result = SegmentationPipeline.FromMatrix(QualityBlobs()).WithK(4).Run();
        using var stream = new MemoryStream();
        result.Model.Save(stream);
        stream.Position = 0;

        SegmentationModel loaded = SegmentationModel.Load(stream);

        Assert.Equal(result.Model.Segments.Select(s => (s.Id, s.Label)), loaded.Segments.Select(s => (s.Id, s.Label)));
        Assert.Equal(result.Assignments.Select(a => a.Segment), loaded.PredictSegments(QualityBlobs()));
    }

    public static TheoryData<string, string> BrokenModels()
    {
        string good = SegmentationPipeline.FromMatrix(QualityBlobs()).WithK(3).Run().Model.ToJson();
        return new TheoryData<string, string>
        {
            { "not json at all", "not a valid model file" },
            { good[..(good.Length / 2)], "truncated" },
            { good.Replace("CustomerSegmentation.SegmentationModel", "SomethingElse", StringComparison.Ordinal), "not a CustomerSegmentation model file: its format is 'SomethingElse'" },
            { good.Replace("\"version\": 2", "\"version\": 3", StringComparison.Ordinal), "format version 3, newer than this library reads (version 2)" },
            { Remove(good, "clustering"), "missing 'clustering'" },
            { good.Replace("\"Standard\"", "\"Cubic\"", StringComparison.Ordinal), "scaling method 'Cubic'" },
            { "null", "empty" },
        };
    }

    [Theory]
    [MemberData(nameof(BrokenModels))]
    public void Loading_a_wrong_truncated_or_newer_model_fails_with_a_clear_error(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => SegmentationModel.FromJson(json));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Loading_a_model_file_that_does_not_exist_names_it()
    {
        var error = Assert.Throws<FileNotFoundException>(() => SegmentationModel.Load("missing-model.json"));
        Assert.Contains("missing-model.json", error.Message);
    }

    [Fact]
    public void Predicting_needs_every_model_feature()
    {
        SegmentationModel model = SegmentationPipeline.FromMatrix(QualityBlobs()).WithK(3).Run().Model;

        Assert.Contains("No feature is named 'f3'", Assert.Throws<ArgumentException>(() => model.PredictSegments(FeatureMatrix.FromRows([[1.0, 2]], ["f1", "f2"]))).Message);
        Assert.Contains("2 values but the model needs 3", Assert.Throws<ArgumentException>(() => model.PredictSegment([1.0, 2])).Message);
        Assert.Contains("Feature 'f2' is NaN", Assert.Throws<ArgumentException>(() => model.PredictSegment([1.0, double.NaN, 2])).Message);
    }

    [Fact]
    public void A_model_predicts_from_wider_data_in_any_column_order()
    {
        SegmentationResult result = SegmentationPipeline.FromMatrix(QualityBlobs()).WithK(3).Run();
        FeatureMatrix data = QualityBlobs();
        FeatureMatrix shuffled = FeatureMatrix.FromColumns(
            new[] { data.Column(2).ToArray(), new float[data.RowCount], data.Column(0).ToArray(), data.Column(1).ToArray() },
            ["f3", "extra", "f1", "f2"]);

        Assert.Equal(result.Assignments.Select(a => a.Segment), result.Model.PredictSegments(shuffled));
    }

    private static FeatureMatrix QualityBlobs() => Selection.QualityFixtures.Blobs().Data;

    private static string Remove(string json, string property)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove(property);
        return node.ToJsonString();
    }

    private sealed record Shopper(string Id, double Age, double Income);

    /// <summary>Calls <paramref name="report"/> on the reporting thread, one report at a time (the sweep reports from several threads).</summary>
    private sealed class Synchronous(Action<SegmentationProgress> report) : IProgress<SegmentationProgress>
    {
        private readonly Lock _gate = new();

        public void Report(SegmentationProgress value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
